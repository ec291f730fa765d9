/** An organization's repositories and their commits: one call for the list, one per repository. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const Repositories = graphql(`
  query Repositories($query: String) {
    organization(slug: "acme") {
      repositories(first: 10, query: $query) {
        nodes {
          sentryId name provider url externalSlug createdAt
          commits(first: 3) {
            pageInfo { hasNextPage }
            nodes { sha message repository { sentryId name } }
          }
        }
      }
    }
  }
`);

describe('Organization.repositories', () => {
  it('lists repositories in one call and each one’s commits in one call per repository', async () => {
    await using gateway = await startTestGateway();
    const repositories = gateway.sentry.data.organizations.get('acme')?.repositories ?? [];
    expect(repositories.length).toBeGreaterThan(0);
    await gateway.resetUpstreamStats();

    const { data, errors } = await gateway.execute(Repositories, {});

    expect(errors).toBeUndefined();
    const nodes = data?.organization?.repositories?.nodes ?? [];
    expect(nodes.map((node) => node.name)).toEqual(repositories.map((repo) => repo.wire.name));
    for (const [index, node] of nodes.entries()) {
      const repo = repositories[index];
      expect(node).toMatchObject({
        sentryId: repo?.wire.id,
        url: repo?.wire.url,
        provider: repo?.wire.provider?.['name'],
        externalSlug: repo?.wire.externalSlug,
      });
      expect(node.commits?.nodes.map((commit) => commit.sha)).toEqual(
        repo?.commits.slice(0, 3).map((commit) => commit.wire.id),
      );
      for (const commit of node.commits?.nodes ?? []) {
        expect(commit.repository).toEqual({ sentryId: node.sentryId, name: node.name });
      }
    }
    const stats = await gateway.upstreamStats();
    expect(stats.byRoute).toEqual({
      'GET /api/0/organizations/{org}/repos/': 1,
      'GET /api/0/organizations/{org}/repos/{repo_id}/commits/': nodes.length,
    });
  });

  it('narrows repositories by name', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(Repositories, { query: 'FRONT' });
    expect(errors).toBeUndefined();
    expect(data?.organization?.repositories?.nodes.map((node) => node.name)).toEqual([
      'acme/frontend',
    ]);
  });
});

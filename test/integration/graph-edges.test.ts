/** Every edge of the graph resolves against the local Sentry, with Sentry's own ids beside global ids. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';

describe('edges', () => {
  it('walks organization → teams, members, projects, issues, releases without errors', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute<{
      organization: Record<string, { nodes: Record<string, unknown>[] }>;
    }>(/* GraphQL */ `
      query WalkOrganization {
        organization(slug: "acme") {
          id slug sentryId name createdAt status features url regionUrl requiresTwoFactorAuth
          teams(first: 2) {
            nodes {
              id sentryId slug name memberCount isMember
              organization { slug }
              projects(first: 2) { nodes { slug } }
              members(first: 2) { nodes { email user { username } } }
            }
          }
          members(first: 3) {
            nodes { id sentryId email name role pending createdAt user { id sentryId name email username isActive joinedAt } }
          }
          projects(first: 2) {
            nodes {
              id sentryId slug name platform platforms color status createdAt environments
              organization { slug name }
              teams { slug name memberCount }
              latestRelease { version createdAt }
              releases(first: 1) { nodes { version } }
              events(first: 1) { nodes { eventId title project { slug } issue { shortId } } }
            }
          }
          issues(first: 5, query: "is:assigned") {
            nodes {
              id shortId
              assignedTo {
                __typename
                ... on User { id name email username }
                ... on Team { id slug name }
              }
              project { slug organization { slug } }
              oldestEvent { eventId issue { shortId } project { name } release { version shortVersion } }
            }
          }
          releases(first: 2) {
            nodes {
              id version shortVersion status createdAt newIssueCount
              organization { slug }
              projects { slug createdAt }
              authors { name email user { username } }
              lastDeploy { environment finishedAt }
            }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    const organization = data?.organization;
    expect(organization?.['teams']?.nodes.length).toBe(2);
    expect(organization?.['members']?.nodes[0]).toMatchObject({
      sentryId: expect.stringMatching(/^\d+$/),
    });
    expect(organization?.['projects']?.nodes[0]).toMatchObject({
      organization: { slug: 'acme', name: 'Acme Corp' },
    });
    const assigned = organization?.['issues']?.nodes ?? [];
    expect(assigned.length).toBeGreaterThan(0);
    for (const issue of assigned) {
      expect(['User', 'Team']).toContain(
        (issue['assignedTo'] as { __typename: string }).__typename,
      );
    }
  });

  it('resolves node(id:) for every node type it issued', async () => {
    await using gateway = await startTestGateway();
    const { data } = await gateway.execute<{
      organization: {
        id: string;
        projects: { nodes: { id: string }[] };
        teams: { nodes: { id: string }[] };
        members: { nodes: { id: string; user: { id: string } | null }[] };
        releases: { nodes: { id: string }[] };
        issues: { nodes: { id: string; latestEvent: { id: string } }[] };
      };
    }>(/* GraphQL */ `
      query NodeIdsOfEveryType {
        organization(slug: "acme") {
          id
          projects(first: 1) { nodes { id } }
          teams(first: 1) { nodes { id } }
          members(first: 1) { nodes { id user { id } } }
          releases(first: 1) { nodes { id } }
          issues(first: 1) { nodes { id latestEvent { id } } }
        }
      }
    `);
    const organization = data?.organization;
    const ids = [
      organization?.id,
      organization?.projects.nodes[0]?.id,
      organization?.teams.nodes[0]?.id,
      organization?.members.nodes[0]?.id,
      organization?.members.nodes[0]?.user?.id,
      organization?.releases.nodes[0]?.id,
      organization?.issues.nodes[0]?.id,
      organization?.issues.nodes[0]?.latestEvent.id,
    ];
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const { data: refetched, errors } = await gateway.execute<{
      nodes: { __typename: string; id: string }[];
    }>(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(errors).toBeUndefined();
    expect(refetched?.nodes.map((node) => node.__typename)).toEqual([
      'Organization',
      'Project',
      'Team',
      'Member',
      'User',
      'Release',
      'Issue',
      'Event',
    ]);
    expect(refetched?.nodes.map((node) => node.id)).toEqual(ids);
  });

  it('serves federation entities through the same loaders', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute<{
      _entities: Record<string, unknown>[];
      _service: { sdl: string };
    }>(/* GraphQL */ `
      query FederationEntities {
        _entities(representations: [
          { __typename: "Organization", slug: "acme" }
          { __typename: "Project", organizationSlug: "acme", slug: "backend" }
          { __typename: "Release", organizationSlug: "acme", version: "no-such-version" }
        ]) {
          __typename
          ... on Organization { name }
          ... on Project { slug platform }
          ... on Release { version }
        }
        _service { sdl }
      }
    `);
    expect(data?._entities.slice(0, 2)).toEqual([
      { __typename: 'Organization', name: 'Acme Corp' },
      { __typename: 'Project', slug: 'backend', platform: 'python' },
    ]);
    expect(data?._service.sdl).toContain('@key(fields: "organizationSlug sentryId")');
    expect(errors).toBeUndefined();
  });

  it("reports the caller's Sentry rate-limit budget without a call", async () => {
    await using gateway = await startTestGateway({
      localSentry: { rateLimit: { limit: 50, windowSeconds: 3600, concurrentLimit: 5 } },
    });
    await gateway.execute(`query WarmUp { organizations { nodes { slug } } }`);
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      `query Budget { rateLimit { limit remaining resetAt concurrentLimit } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ rateLimit: { limit: 50, remaining: 49, concurrentLimit: 5 } });
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });
});

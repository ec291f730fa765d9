/** Relay pagination over Sentry's cursors, end to end. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const IssuePage = graphql(`
  query PaginationIssuePage($first: Int, $after: String) {
    organization(slug: "acme") {
      issues(first: $first, after: $after, sort: FIRST_SEEN) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            shortId
          }
        }
      }
    }
  }
`);

describe('pagination', () => {
  it('walks every issue once, page by page, up to totalCount', async () => {
    await using gateway = await startTestGateway();
    const seen: string[] = [];
    let after: string | null | undefined;
    let totalCount: number | null | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const { data, errors } = await gateway.execute(IssuePage, { first: 40, after });
      expect(errors).toBeUndefined();
      const issues = data?.organization?.issues;
      totalCount = issues?.totalCount;
      seen.push(...(issues?.edges.map((edge) => edge.node.shortId) ?? []));
      if (!issues?.pageInfo.hasNextPage) break;
      after = issues.pageInfo.endCursor;
    }
    expect(totalCount).toBeGreaterThan(40);
    expect(seen).toHaveLength(totalCount ?? 0);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('resumes after a middle edge with the rest of its page, then the next page', async () => {
    await using gateway = await startTestGateway();
    const first = await gateway.execute(IssuePage, { first: 10 });
    const edges = first.data?.organization?.issues?.edges ?? [];
    const rest = await gateway.execute(IssuePage, { first: 25, after: edges[3]?.cursor });
    const restIds = rest.data?.organization?.issues?.edges.map((edge) => edge.node.shortId);
    expect(restIds).toEqual(edges.slice(4).map((edge) => edge.node.shortId));
    const next = await gateway.execute(IssuePage, {
      first: 5,
      after: rest.data?.organization?.issues?.pageInfo.endCursor,
    });
    const whole = await gateway.execute(IssuePage, { first: 15 });
    expect(next.data?.organization?.issues?.edges.map((edge) => edge.node.shortId)).toEqual(
      whole.data?.organization?.issues?.edges.slice(10).map((edge) => edge.node.shortId),
    );
  });

  it('returns null with NOT_FOUND for a missing node, keeping the others', async () => {
    await using gateway = await startTestGateway();
    const { data: page } = await gateway.execute(IssuePage, { first: 1 });
    const shortId = page?.organization?.issues?.edges[0]?.node.shortId;
    const { data: found } = await gateway.execute(
      graphql(`
        query PaginationIssueId($shortId: String!) {
          organization(slug: "acme") {
            issue(shortId: $shortId) {
              id
            }
          }
        }
      `),
      { shortId: shortId ?? '' },
    );
    const missing = Buffer.from('Issue:acme/999999999').toString('base64url');
    const { data, errors } = await gateway.execute(
      graphql(`
        query PaginationNodesWithMissing($ids: [ID!]!) {
          nodes(ids: $ids) {
            id
          }
        }
      `),
      { ids: [found?.organization?.issue?.id ?? '', missing] },
    );
    expect(data?.nodes).toEqual([{ id: found?.organization?.issue?.id }, null]);
    expect(errors).toMatchObject([{ path: ['nodes', 1], extensions: { code: 'NOT_FOUND' } }]);
  });
});

/** Batching: how many REST calls a query costs, read from the local Sentry's counters. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const ISSUES = 'GET /api/0/organizations/{org}/issues/';
const PROJECTS = 'GET /api/0/organizations/{org}/projects/';

const IssueIds = graphql(`
  query BatchingIssueIds($first: Int) {
    organization(slug: "acme") {
      issues(first: $first, sort: EVENTS) {
        nodes {
          id
          sentryId
        }
      }
    }
  }
`);

describe('batching', () => {
  it('answers embedded project fields of listed issues without a call', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingEmbeddedProjects {
          organization(slug: "acme") {
            issues(first: 25) {
              nodes {
                project {
                  id
                  slug
                  name
                  platform
                }
              }
            }
          }
        }
      `),
    );
    expect(errors).toBeUndefined();
    expect(data?.organization?.issues?.nodes).toHaveLength(25);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('loads the projects of many issues in one call when fields beyond the embedded copy are asked', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingFullProjects {
          organization(slug: "acme") {
            issues(first: 25) {
              nodes {
                project {
                  slug
                  createdAt
                  teams {
                    slug
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(errors).toBeUndefined();
    const projects = new Set(data?.organization?.issues?.nodes.map((issue) => issue.project?.slug));
    expect(projects.size).toBeGreaterThan(1);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES, PROJECTS]);
  });

  it('loads many issues by global id with one call', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute(IssueIds, { first: 6 });
    const ids = list.data?.organization?.issues?.nodes.map((node) => node.id) ?? [];
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingNodes($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on Issue {
              shortId
              title
            }
          }
        }
      `),
      { ids: [...ids, ...ids.slice(0, 1)] },
    );
    expect(errors).toBeUndefined();
    expect(data?.nodes).toHaveLength(7);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('deduplicates the same issue asked by Sentry id and by global id', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute(IssueIds, { first: 1 });
    const issue = list.data?.organization?.issues?.nodes[0];
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingSameIssueTwice($id: String!, $globalId: String!) {
          organization(slug: "acme") {
            a: issue(id: $id) {
              title
            }
            b: issue(id: $globalId) {
              shortId
            }
          }
        }
      `),
      { id: issue?.sentryId ?? '', globalId: issue?.id ?? '' },
    );
    expect(errors).toBeUndefined();
    expect(data?.organization?.a?.title).toEqual(expect.any(String));
    expect(data?.organization?.b?.shortId).toEqual(expect.any(String));
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('loads several releases by version with one call', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute(
      graphql(`
        query BatchingReleaseVersions {
          organization(slug: "acme") {
            releases(first: 3) {
              nodes {
                version
              }
            }
          }
        }
      `),
    );
    const [a = '', b = '', c = ''] =
      list.data?.organization?.releases?.nodes.map((node) => node.version) ?? [];
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingThreeReleases($a: String!, $b: String!, $c: String!) {
          organization(slug: "acme") {
            a: release(version: $a) {
              version
            }
            b: release(version: $b) {
              version
            }
            c: release(version: $c) {
              version
            }
          }
        }
      `),
      { a, b, c },
    );
    expect(errors).toBeUndefined();
    expect(data?.organization).toEqual({ a: { version: a }, b: { version: b }, c: { version: c } });
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/releases/']);
  });

  it('lists full events in one call when the selection needs more than list rows', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute(IssueIds, { first: 1 });
    const id = list.data?.organization?.issues?.nodes[0]?.sentryId ?? '';
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      graphql(`
        query BatchingFullEvents($id: String!) {
          organization(slug: "acme") {
            issue(id: $id) {
              events(first: 5) {
                nodes {
                  eventId
                  exception {
                    values {
                      type
                    }
                  }
                  breadcrumbs {
                    message
                  }
                }
              }
            }
          }
        }
      `),
      { id },
    );
    expect(errors).toBeUndefined();
    expect(data?.organization?.issue?.events?.nodes.length).toBeGreaterThan(0);
    expect(await gateway.upstreamRequests()).toEqual([
      ISSUES,
      'GET /api/0/organizations/{org}/issues/{issue_id}/events/',
    ]);
  });

  it('resolves an organization slug without a call when only the slug is asked', async () => {
    await using gateway = await startTestGateway();
    const { data } = await gateway.execute(
      graphql(`
        query BatchingSlugOnly {
          organization(slug: "acme") {
            id
            slug
          }
        }
      `),
    );
    expect(data?.organization?.slug).toBe('acme');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('loads the teams of many assignees in one call', async () => {
    await using gateway = await startTestGateway();
    const { errors } = await gateway.execute(
      graphql(`
        query BatchingAssigneeTeams {
          organization(slug: "acme") {
            issues(first: 50, query: "is:assigned") {
              nodes {
                assignedTo {
                  ... on Team {
                    name
                    memberCount
                  }
                  ... on User {
                    name
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(errors).toBeUndefined();
    const requests = await gateway.upstreamRequests();
    expect(
      requests.filter((route) => route === 'GET /api/0/organizations/{org}/teams/').length,
    ).toBeLessThanOrEqual(1);
    expect(requests.filter((route) => route !== 'GET /api/0/organizations/{org}/teams/')).toEqual([
      ISSUES,
    ]);
  });
});

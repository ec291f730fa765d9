/**
 * Prefetch: children that need only their parent's key and their arguments start with the
 * parent's own call (one wave instead of two), at no extra REST call when the parent exists.
 * One wave shows as the calls being in flight together at the local Sentry (`/_local/inflight`).
 */
import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const ISSUES = 'GET /api/0/organizations/{org}/issues/';
const ISSUE_EVENT = 'GET /api/0/organizations/{org}/issues/{issue_id}/events/{event_id}/';
const ISSUE_EVENTS = 'GET /api/0/organizations/{org}/issues/{issue_id}/events/';
const ISSUE_LATEST = 'GET /api/0/organizations/{org}/issues/{issue_id}/events/latest/';
const ISSUE_TAGS = 'GET /api/0/organizations/{org}/issues/{issue_id}/tags/';
const RELEASE = 'GET /api/0/organizations/{org}/releases/{version}/';
const DEPLOYS = 'GET /api/0/organizations/{org}/releases/{version}/deploys/';
const COMMITS = 'GET /api/0/organizations/{org}/releases/{version}/commits/';

const ISSUE_PAGE = /* GraphQL */ `
  query PrefetchIssue($issueId: String!, $eventId: String!, $skipEvent: Boolean = false) {
    organization(slug: "acme") {
      issue(id: $issueId) {
        shortId
        event(eventId: $eventId) @skip(if: $skipEvent) {
          eventId
          exception {
            values {
              type
            }
          }
        }
        ... on Issue {
          tags {
            key
          }
        }
        ...PrefetchIssueEvents
      }
    }
  }
  fragment PrefetchIssueEvents on Issue {
    events(first: 3) {
      nodes {
        eventId
      }
    }
    latestEvent {
      eventId
    }
  }
`;

const RELEASE_PAGE = /* GraphQL */ `
  query PrefetchRelease($version: String!) {
    organization(slug: "acme") {
      release(version: $version) {
        version
        deployCount
        deploys(first: 5) {
          nodes {
            environment
          }
        }
        commits(first: 5) {
          nodes {
            sha
          }
        }
        newIssues(first: 5, query: "is:unresolved") {
          nodes {
            shortId
          }
        }
      }
    }
  }
`;

interface IssueData {
  organization: {
    issue: {
      shortId: string;
      event?: { eventId: string } | null;
      tags: { key: string }[] | null;
      events: { nodes: { eventId: string }[] } | null;
      latestEvent: { eventId: string } | null;
    } | null;
  } | null;
}

interface ReleaseData {
  organization: {
    release: {
      version: string;
      deploys: { nodes: unknown[] } | null;
      commits: { nodes: unknown[] } | null;
      newIssues: { nodes: unknown[] } | null;
    } | null;
  } | null;
}

async function maxInflight(gateway: TestGateway): Promise<number> {
  const response = await fetch(`${gateway.sentry.url}/_local/inflight`);
  return ((await response.json()) as { max: number }).max;
}

async function resetStats(gateway: TestGateway) {
  await gateway.resetUpstreamStats();
  expect(await maxInflight(gateway)).toBe(0);
}

async function anIssue(gateway: TestGateway) {
  const { data } = await gateway.execute<{
    organization: { issues: { nodes: { sentryId: string; latestEvent: { eventId: string } }[] } };
  }>(/* GraphQL */ `
    query PrefetchFixtureIssue {
      organization(slug: "acme") {
        issues(first: 1, sort: EVENTS) {
          nodes {
            sentryId
            latestEvent {
              eventId
            }
          }
        }
      }
    }
  `);
  const issue = data?.organization.issues.nodes[0];
  if (!issue) throw new Error('no issue in the demo data');
  return { issueId: issue.sentryId, eventId: issue.latestEvent.eventId };
}

async function aRelease(gateway: TestGateway) {
  const { data } = await gateway.execute<{
    organization: { releases: { nodes: { version: string; deployCount: number }[] } };
  }>(/* GraphQL */ `
    query PrefetchFixtureRelease {
      organization(slug: "acme") {
        releases(first: 25) {
          nodes {
            version
            deployCount
          }
        }
      }
    }
  `);
  const nodes = data?.organization.releases.nodes ?? [];
  const release = nodes.find((node) => node.deployCount > 0) ?? nodes[0];
  if (!release) throw new Error('no release in the demo data');
  return release.version;
}

describe('prefetch of children that need only the parent key', () => {
  it("an issue by id: its event, events, latest event and tags start with the issue's own call", async () => {
    await using gateway = await startTestGateway({ localSentry: { latencyMs: 40 } });
    const variables = await anIssue(gateway);
    await resetStats(gateway);
    const { data, errors } = await gateway.execute<IssueData>(ISSUE_PAGE, variables);
    expect(errors).toBeUndefined();
    const issue = data?.organization?.issue;
    expect(issue?.event?.eventId).toBe(variables.eventId);
    expect(issue?.latestEvent?.eventId).toBe(variables.eventId);
    expect(issue?.events?.nodes.length).toBeGreaterThan(0);
    expect(issue?.tags?.length).toBeGreaterThan(0);
    expect(await gateway.upstreamRequests()).toEqual(
      [ISSUES, ISSUE_EVENT, ISSUE_EVENTS, ISSUE_LATEST, ISSUE_TAGS].sort(),
    );
    expect(await maxInflight(gateway)).toBe(5);
  });

  it('a skipped child is not prefetched', async () => {
    await using gateway = await startTestGateway();
    const variables = await anIssue(gateway);
    await resetStats(gateway);
    const { data, errors } = await gateway.execute<IssueData>(ISSUE_PAGE, {
      ...variables,
      skipEvent: true,
    });
    expect(errors).toBeUndefined();
    expect(data?.organization?.issue?.event).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual(
      [ISSUES, ISSUE_EVENTS, ISSUE_LATEST, ISSUE_TAGS].sort(),
    );
  });

  it('a release by version: deploys, commits and new issues start with the release', async () => {
    await using gateway = await startTestGateway({ localSentry: { latencyMs: 40 } });
    const version = await aRelease(gateway);
    await resetStats(gateway);
    const { data, errors } = await gateway.execute<ReleaseData>(RELEASE_PAGE, { version });
    expect(errors).toBeUndefined();
    const release = data?.organization?.release;
    expect(release?.version).toBe(version);
    expect(release?.deploys?.nodes.length).toBeGreaterThan(0);
    expect(await gateway.upstreamRequests()).toEqual([RELEASE, DEPLOYS, COMMITS, ISSUES].sort());
    expect(await maxInflight(gateway)).toBe(4);
  });

  it('a missing issue or release is still null with NOT_FOUND (the prefetched calls are spent)', async () => {
    await using gateway = await startTestGateway();
    const issue = await gateway.execute<IssueData>(ISSUE_PAGE, {
      issueId: '999999999',
      eventId: '0'.repeat(32),
    });
    expect(issue.data?.organization?.issue).toBeNull();
    expect(issue.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(issue.errors?.[0]?.path).toEqual(['organization', 'issue']);
    await resetStats(gateway);
    const release = await gateway.execute<ReleaseData>(RELEASE_PAGE, { version: 'no-such@1.0' });
    expect(release.data?.organization?.release).toBeNull();
    expect(release.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect((await gateway.upstreamRequests()).filter((route) => route === RELEASE)).toHaveLength(1);
  });

  it('the naive mode (--no-batch) prefetches nothing: the children wait for the parent', async () => {
    await using gateway = await startTestGateway({
      localSentry: { latencyMs: 20 },
      gateway: { batching: false },
    });
    const version = await aRelease(gateway);
    await resetStats(gateway);
    const { errors } = await gateway.execute<ReleaseData>(
      /* GraphQL */ `
        query PrefetchNaiveRelease($version: String!) {
          organization(slug: "acme") {
            release(version: $version) {
              deploys(first: 5) {
                nodes {
                  environment
                }
              }
            }
          }
        }
      `,
      { version },
    );
    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual([RELEASE, DEPLOYS].sort());
    expect(await maxInflight(gateway)).toBe(1);
  });
});

describe('Prefetch under a project by slug', () => {
  it("a project's keys, hooks and user feedback start with the project's own call", async () => {
    await using gateway = await startTestGateway({ localSentry: { latencyMs: 40 } });
    await resetStats(gateway);
    const { data, errors } = await gateway.execute<{
      organization: { project: { slug: string; keys: { nodes: unknown[] } | null } | null };
    }>(/* GraphQL */ `
      query PrefetchProject {
        organization(slug: "acme") {
          project(slug: "backend") {
            slug
            keys(first: 5) { nodes { id } }
            serviceHooks(first: 5) { nodes { id } }
            userFeedback(first: 5) { nodes { sentryId } }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    expect(data?.organization.project?.keys?.nodes.length).toBeGreaterThan(0);
    const stats = await gateway.upstreamStats();
    expect(stats.requests).toBe(4);
    expect(await maxInflight(gateway)).toBe(4);
  });

  it('a hostile project slug is refused before any call, prefetch included', async () => {
    await using gateway = await startTestGateway();
    await resetStats(gateway);
    const { errors } = await gateway.execute(/* GraphQL */ `
      query PrefetchHostile {
        organization(slug: "acme") { project(slug: "../acme") { keys { nodes { id } } } }
      }
    `);
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });
});

/**
 * Session arguments: the defaults, arguments Sentry would refuse (BAD_USER_INPUT before any
 * request), and release health split into calls Sentry answers whole.
 */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const SESSIONS_ROUTE = 'GET /api/0/organizations/{org}/sessions/';

const SessionStatsArguments = graphql(`
  query SessionStatsArguments(
    $fields: [SessionField!]!
    $groupBy: [SessionGroupBy!]
    $interval: StatsPeriod
    $statsPeriod: StatsPeriod
    $start: DateTime
    $end: DateTime
    $projects: [ID!]
    $releases: [String!]
    $orderBy: SessionStatsOrder
  ) {
    organization(slug: "acme") {
      sessionStats(
        fields: $fields
        groupBy: $groupBy
        interval: $interval
        statsPeriod: $statsPeriod
        start: $start
        end: $end
        projects: $projects
        releases: $releases
        orderBy: $orderBy
      ) {
        intervals
      }
    }
  }
`);

const ReleasesHealthByEnvironment = graphql(`
  query ReleasesHealthByEnvironment($statsPeriod: StatsPeriod!, $interval: StatsPeriod!) {
    organization(slug: "acme") {
      releases(first: 3) {
        nodes {
          version
          health(statsPeriod: $statsPeriod, interval: $interval, groupBy: [ENVIRONMENT]) {
            groups { environment totals { sessions } }
          }
        }
      }
    }
  }
`);

describe('session defaults and call splitting', () => {
  it('uses 90 days at daily points by default, and hourly points up to a week', async () => {
    await using gateway = await startTestGateway();
    const byDefault = await gateway.execute(SessionStatsArguments, { fields: ['SESSIONS'] });
    const week = await gateway.execute(SessionStatsArguments, {
      fields: ['SESSIONS'],
      statsPeriod: '7d',
    });
    expect(byDefault.errors).toBeUndefined();
    expect(week.errors).toBeUndefined();
    expect(byDefault.data?.organization?.sessionStats?.intervals.length).toBeGreaterThanOrEqual(90);
    expect(byDefault.data?.organization?.sessionStats?.intervals.length).toBeLessThanOrEqual(91);
    expect(week.data?.organization?.sessionStats?.intervals.length).toBeGreaterThanOrEqual(168);
    expect(week.data?.organization?.sessionStats?.intervals.length).toBeLessThanOrEqual(169);
  });

  it('accepts exactly 1,000 points, as Sentry does', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(SessionStatsArguments, {
      fields: ['SESSIONS'],
      start: '2026-09-01T00:00:00Z',
      end: '2026-10-12T16:00:00Z',
      interval: '1h',
    });
    expect(errors).toBeUndefined();
    expect(data?.organization?.sessionStats?.intervals).toHaveLength(1000);
  });

  it('asks for grouped release health in one call while the series stay small', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { errors } = await gateway.execute(ReleasesHealthByEnvironment, {
      statsPeriod: '14d',
      interval: '1d',
    });
    expect(errors).toBeUndefined();
    expect((await gateway.upstreamStats()).byRoute[SESSIONS_ROUTE]).toBe(1);
  });

  it("splits release health into calls whose rows stay within Snuba's limit", async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    // 961 hourly points, grouped (up to 10 groups assumed per release): one release per call.
    const { data, errors } = await gateway.execute(ReleasesHealthByEnvironment, {
      statsPeriod: '40d',
      interval: '1h',
    });
    expect(errors).toBeUndefined();
    const releases = data?.organization?.releases?.nodes ?? [];
    expect(releases).toHaveLength(3);
    for (const release of releases) {
      expect(release.health?.groups.map((group) => group.environment).sort()).toEqual([
        'production',
        'staging',
      ]);
    }
    expect((await gateway.upstreamStats()).byRoute[SESSIONS_ROUTE]).toBe(3);
  });
});

describe('Organization.sessionStats arguments', () => {
  const refused: [string, Record<string, unknown>][] = [
    ['an interval below an hour', { interval: '30m' }],
    ['an interval above a day', { interval: '2d' }],
    ['an interval that does not divide a day', { interval: '5h' }],
    ['a malformed interval', { interval: 'hourly' }],
    ['a malformed statsPeriod', { statsPeriod: '14 days' }],
    [
      'statsPeriod with start and end',
      { statsPeriod: '1d', start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' },
    ],
    ['start without end', { start: '2026-10-01T00:00:00Z' }],
    ['start after end', { start: '2026-10-03T00:00:00Z', end: '2026-10-01T00:00:00Z' }],
    [
      'more than 1,000 points (Sentry refuses 90 days at 1h)',
      { statsPeriod: '90d', interval: '1h' },
    ],
    [
      '1,001 hourly points',
      { start: '2026-09-01T00:00:00Z', end: '2026-10-12T17:00:00Z', interval: '1h' },
    ],
    ['no fields', { fields: [] }],
    [
      'crash rates by session status',
      { fields: ['CRASH_FREE_USER_RATE'], groupBy: ['SESSION_STATUS'] },
    ],
    ['an order by a field not asked for', { orderBy: { field: 'USERS' } }],
    ['a project of another organization', { projects: [encodeGlobalId('Project', 'globex/1')] }],
    ['a release version Sentry cannot store', { releases: ['a/b'] }],
  ];
  for (const [what, variables] of refused) {
    it(`refuses ${what} with BAD_USER_INPUT and sends nothing`, async () => {
      await using gateway = await startTestGateway();
      await gateway.resetUpstreamStats();

      const { data, errors } = await gateway.execute(SessionStatsArguments, {
        fields: ['SESSIONS'],
        ...variables,
      });

      expect(data?.organization?.sessionStats ?? null).toBeNull();
      expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      expect((await gateway.upstreamStats()).requests).toBe(0);
    });
  }
});

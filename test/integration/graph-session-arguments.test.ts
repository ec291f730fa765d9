/**
 * `Organization.sessionStats` arguments that Sentry would refuse: BAD_USER_INPUT before any
 * request.
 */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

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
    ['more than 10,000 points', { statsPeriod: '9000w', interval: '1h' }],
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

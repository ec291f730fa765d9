/**
 * Usage stats in the graph: `Organization.stats` (stats_v2), `Project.stats` and `Team.stats`,
 * their agreement, argument checks before any call, and the usage page's REST calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const OrgUsage = graphql(`
  query OrgUsage($org: String!, $interval: String, $groupBy: [OrgStatsGroupBy!]!, $projects: [ID!]) {
    organization(slug: $org) {
      stats(groupBy: $groupBy, statsPeriod: "7d", interval: $interval, category: ERROR, projects: $projects) {
        field
        groupBy
        interval
        category
        start
        end
        intervals
        groups { by { outcome category reason project { slug name } } total series }
      }
    }
  }
`);

const EventCounts = graphql(`
  query EventCounts($org: String!, $since: DateTime!, $until: DateTime!) {
    organization(slug: $org) {
      backend: project(slug: "backend") {
        received: stats(since: $since, until: $until, resolution: ONE_DAY) { timestamp count }
        rejected: stats(stat: REJECTED, since: $since, until: $until, resolution: ONE_DAY) { count }
      }
      teams(first: 10) {
        nodes {
          slug
          projects(first: 100) { nodes { slug } }
          stats(since: $since, until: $until, resolution: ONE_DAY) { timestamp count }
        }
      }
      stats(groupBy: [PROJECT, OUTCOME], statsPeriod: "7d") {
        groups { by { outcome project { slug } } total }
      }
    }
  }
`);

const BadArguments = graphql(`
  query BadArguments(
    $interval: String
    $groupBy: [OrgStatsGroupBy!]!
    $start: DateTime
    $end: DateTime
    $statsPeriod: StatsPeriod
  ) {
    organization(slug: "acme") {
      stats(groupBy: $groupBy, interval: $interval, start: $start, end: $end, statsPeriod: $statsPeriod) {
        start
      }
    }
  }
`);

const BadRange = graphql(`
  query BadRange($since: DateTime!, $until: DateTime!) {
    organization(slug: "acme") {
      project(slug: "backend") { stats(since: $since, until: $until) { count } }
    }
  }
`);

const sum = (points: readonly { count: number }[] | null | undefined) =>
  (points ?? []).reduce((total, point) => total + point.count, 0);

describe('OrgStats', () => {
  it('answers typed groups with a series per interval, in one call', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(OrgUsage, {
      org: 'acme',
      interval: '1d',
      groupBy: ['OUTCOME', 'REASON'],
    });
    expect(errors).toBeUndefined();
    const stats = data?.organization?.stats;
    expect(stats).toMatchObject({
      field: 'QUANTITY',
      groupBy: ['OUTCOME', 'REASON'],
      interval: '1d',
      category: 'ERROR',
      start: '2026-10-25T00:00:00Z',
      end: '2026-11-01T00:00:00Z',
    });
    expect(stats?.intervals).toHaveLength(7);
    const accepted = stats?.groups.find((group) => group.by.outcome === 'ACCEPTED');
    expect(accepted?.by.reason).toBe('none');
    expect(accepted?.series).toHaveLength(7);
    expect(accepted?.series.reduce((a, b) => a + b, 0)).toBe(accepted?.total);
    expect(stats?.groups.some((group) => group.by.reason === 'key_quota')).toBe(true);
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/stats_v2/']);
  });

  it('resolves grouped projects with one batched call and narrows to given projects', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const all = await gateway.execute(OrgUsage, { org: 'acme', groupBy: ['PROJECT'] });
    const groups = all.data?.organization?.stats?.groups ?? [];
    expect(groups.map((group) => group.by.project?.slug).sort()).toEqual([
      'android',
      'api-gateway',
      'backend',
      'frontend',
    ]);
    for (const group of groups) expect(group.series).toEqual([]);
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/projects/',
      'GET /api/0/organizations/{org}/stats_v2/',
    ]);
    const backend = encodeGlobalId('Project', 'acme/4508100000000001');
    const one = await gateway.execute(OrgUsage, {
      org: 'acme',
      groupBy: ['PROJECT'],
      projects: [backend],
    });
    expect(one.data?.organization?.stats?.groups.map((g) => g.by.project?.name)).toEqual([
      'Backend',
    ]);
  });

  it('refuses bad arguments with BAD_USER_INPUT before any call', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const refusals = [
      { groupBy: ['OUTCOME' as const], interval: '5h' },
      { groupBy: ['OUTCOME' as const], interval: '30m' },
      { groupBy: ['OUTCOME' as const], interval: '2d' },
      { groupBy: [] },
      { groupBy: ['OUTCOME' as const], start: '2026-10-01T00:00:00Z' },
      { groupBy: ['OUTCOME' as const], statsPeriod: '90d' },
      {
        groupBy: ['OUTCOME' as const],
        statsPeriod: '1d',
        start: '2026-10-01T00:00:00Z',
        end: '2026-10-02T00:00:00Z',
      },
    ];
    for (const variables of refusals) {
      const { data, errors } = await gateway.execute(BadArguments, variables);
      expect(data?.organization?.stats, JSON.stringify(variables)).toBeNull();
      expect(errors?.[0]?.extensions?.['code'], JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    const backwards = await gateway.execute(BadRange, {
      since: '2026-10-02T00:00:00Z',
      until: '2026-10-01T00:00:00Z',
    });
    expect(backwards.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await gateway.upstreamRequests()).filter((route) => route.includes('stats'))).toEqual(
      [],
    );
  });
});

describe('Project.stats and Team.stats', () => {
  it('agree with Organization.stats over the same window', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(EventCounts, {
      org: 'acme',
      since: '2026-10-25T00:00:00Z',
      until: '2026-10-31T23:59:59Z',
    });
    expect(errors).toBeUndefined();
    const organization = data?.organization;
    const received = new Map<string, number>();
    for (const group of organization?.stats?.groups ?? []) {
      if (group.by.outcome === 'INVALID') continue;
      const slug = group.by.project?.slug ?? '';
      received.set(slug, (received.get(slug) ?? 0) + group.total);
    }
    const backend = organization?.backend;
    expect(backend?.received).toHaveLength(7);
    expect(backend?.received?.[0]?.timestamp).toBe('2026-10-25T00:00:00.000Z');
    expect(sum(backend?.received)).toBe(received.get('backend'));
    expect(sum(backend?.rejected)).toBeGreaterThan(0);
    expect(sum(backend?.rejected)).toBeLessThan(sum(backend?.received));
    for (const team of organization?.teams?.nodes ?? []) {
      const expected = (team.projects?.nodes ?? []).reduce(
        (total, project) => total + (received.get(project.slug) ?? 0),
        0,
      );
      expect(sum(team.stats), team.slug).toBe(expected);
    }
  });
});

describe('schema/operations/usage-page.graphql', () => {
  it('costs its stated minimum: two stats_v2 reads and one batched project read', async () => {
    await using gateway = await startTestGateway();
    const text = readFileSync(
      new URL('../../schema/operations/usage-page.graphql', import.meta.url),
      'utf8',
    );
    expect(text).toMatch(/^# @restCalls 3$/m);
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { daily: { intervals: string[] } };
    }>(text, { org: 'acme' });
    expect(errors).toBeUndefined();
    expect(data?.organization.daily.intervals).toHaveLength(14);
    expect(extensions?.['restCalls']).toBe(3);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/stats_v2/': 2,
      'GET /api/0/organizations/{org}/projects/': 1,
    });
  });
});

/**
 * Release health: `Release.health` and `Organization.sessionStats` against the local Sentry's
 * sessions endpoint; one call for the health of every listed release; arguments Sentry would
 * refuse are refused before any request (graph-session-arguments.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const SESSIONS_ROUTE = 'GET /api/0/organizations/{org}/sessions/';

const ReleasesHealth = graphql(`
  query ReleasesHealth($environments: [String!]) {
    organization(slug: "acme") {
      releases(first: 6) {
        nodes {
          version
          health(statsPeriod: "7d", interval: "1d", environments: $environments) {
            start end intervals
            totals { sessions users crashFreeSessionRate crashFreeUserRate durationP50 }
            series { sessions crashFreeUserRate }
            groups { release { version } environment }
          }
        }
      }
    }
  }
`);

const SessionStatsQuery = graphql(`
  query SessionStatsQuery(
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
        totals { sessions }
        groups {
          projectSentryId
          project { slug }
          release { version }
          environment
          sessionStatus
          totals { sessions users crashFreeUserRate }
          series { sessions }
        }
      }
    }
  }
`);

/** The local Sentry's own answer, for comparison (counted: reset the stats afterwards). */
async function restSessions(gateway: TestGateway, query: string) {
  const response = await fetch(
    `${gateway.sentry.url}/api/0/organizations/acme/sessions/?${query}`,
    {
      headers: { authorization: `Bearer ${gateway.sentry.token}` },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    intervals: string[];
    groups: { by: Record<string, string | number>; totals: Record<string, number | null> }[];
  };
}

describe('Release.health', () => {
  it('answers the health of every listed release with one sessions call', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();

    const { data, errors } = await gateway.execute(ReleasesHealth, {});

    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/releases/',
      SESSIONS_ROUTE,
    ]);
    const releases = data?.organization?.releases?.nodes ?? [];
    expect(releases.length).toBeGreaterThan(2);
    for (const release of releases) {
      const health = release.health;
      expect(health?.intervals).toHaveLength(7);
      expect(health?.series?.sessions).toHaveLength(7);
      // Ungrouped: one group, and `release` is not reported back as a grouping.
      expect(health?.groups).toEqual([{ release: null, environment: null }]);
      expect(health?.totals?.durationP50).toBeNull(); // not asked for by default
    }

    // Each release's numbers are what Sentry says for that release alone.
    for (const release of releases.slice(0, 3)) {
      const rest = await restSessions(
        gateway,
        `project=-1&field=sum(session)&field=count_unique(user)&field=crash_free_rate(user)&statsPeriod=7d&interval=1d&query=${encodeURIComponent(`release:"${release.version}"`)}`,
      );
      expect(release.health?.totals).toMatchObject({
        sessions: rest.groups[0]?.totals['sum(session)'],
        users: rest.groups[0]?.totals['count_unique(user)'],
        crashFreeUserRate: rest.groups[0]?.totals['crash_free_rate(user)'],
      });
      expect(release.health?.totals?.sessions).toBeGreaterThan(0);
    }
  });

  it('reports a release without sessions as zero sessions and no rates', async () => {
    await using gateway = await startTestGateway();

    const { data, errors } = await gateway.execute(ReleasesHealth, {
      environments: ['no-such-environment'],
    });

    expect(errors).toBeUndefined();
    const [release] = data?.organization?.releases?.nodes ?? [];
    expect(release?.health?.totals).toEqual({
      sessions: 0,
      users: 0,
      crashFreeSessionRate: null,
      crashFreeUserRate: null,
      durationP50: null,
    });
    expect(release?.health?.series?.sessions).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps the release when its health fails upstream', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { [SESSIONS_ROUTE]: 503 } },
    });

    const { data, errors } = await gateway.execute(ReleasesHealth, {});

    const releases = data?.organization?.releases?.nodes ?? [];
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases)
      expect(release).toEqual({ version: expect.any(String), health: null });
    expect(errors?.map((error) => error.extensions?.['code'])).toEqual(
      releases.map(() => 'UPSTREAM_ERROR'),
    );
  });
});

describe('Organization.sessionStats', () => {
  it('groups by project and environment, ordered, with project names in one batched call', async () => {
    await using gateway = await startTestGateway();
    const rest = await restSessions(
      gateway,
      'project=-1&field=sum(session)&field=count_unique(user)&groupBy=project&groupBy=environment&statsPeriod=14d&interval=1d&orderBy=-sum(session)',
    );
    await gateway.resetUpstreamStats();

    const { data, errors } = await gateway.execute(SessionStatsQuery, {
      fields: ['SESSIONS', 'USERS'],
      groupBy: ['PROJECT', 'ENVIRONMENT'],
      statsPeriod: '14d',
      interval: '1d',
      orderBy: { field: 'SESSIONS' },
    });

    expect(errors).toBeUndefined();
    const stats = data?.organization?.sessionStats;
    expect(stats?.intervals).toEqual(rest.intervals);
    expect(stats?.totals).toBeNull(); // grouped
    expect(
      stats?.groups.map((group) => [
        group.projectSentryId,
        group.environment,
        group.totals.sessions,
      ]),
    ).toEqual(
      rest.groups.map((group) => [
        String(group.by['project']),
        group.by['environment'],
        group.totals['sum(session)'],
      ]),
    );
    const sessions = stats?.groups.map((group) => group.totals.sessions ?? 0) ?? [];
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
    expect(stats?.groups[0]?.project?.slug).toEqual(expect.any(String));
    expect(stats?.groups[0]?.totals.crashFreeUserRate).toBeNull(); // not asked for
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/projects/',
      SESSIONS_ROUTE,
    ]);
  });

  it('narrows to projects and releases, and splits by session status', async () => {
    await using gateway = await startTestGateway();
    const org = gateway.sentry.data.organizations.get('acme');
    const backend = org?.projectsBySlug.get('backend')?.wire;
    const release = org?.releases.find((r) => r.projectIds.includes(backend?.id ?? ''));
    if (!backend || !release) throw new Error('The demo data lacks backend releases');

    const { data, errors } = await gateway.execute(SessionStatsQuery, {
      fields: ['SESSIONS'],
      groupBy: ['SESSION_STATUS', 'RELEASE'],
      statsPeriod: '2d',
      interval: '12h',
      projects: [encodeGlobalId('Project', `acme/${backend.id}`)],
      releases: [release.wire.version],
    });

    expect(errors).toBeUndefined();
    const groups = data?.organization?.sessionStats?.groups ?? [];
    expect(groups.map((group) => group.sessionStatus).sort()).toEqual([
      'ABNORMAL',
      'CRASHED',
      'ERRORED',
      'HEALTHY',
    ]);
    for (const group of groups) {
      expect(group.release).toEqual({ version: release.wire.version });
      expect(group.series.sessions).toHaveLength(4);
    }
  });

  it('gives ungrouped totals at the top level', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(SessionStatsQuery, {
      fields: ['SESSIONS'],
      start: '2026-10-01T00:00:00Z',
      end: '2026-10-03T00:00:00Z',
      interval: '1d',
    });
    expect(errors).toBeUndefined();
    expect(data?.organization?.sessionStats?.intervals).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-10-02T00:00:00.000Z',
    ]);
    expect(data?.organization?.sessionStats?.totals?.sessions).toBeGreaterThan(0);
  });
});

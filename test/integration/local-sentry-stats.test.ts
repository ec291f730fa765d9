/**
 * Usage stats in the local Sentry: `stats_v2` and the legacy series of an organization, a
 * project and a team, derived from the same outcomes so their numbers agree over one window.
 */
import { describe, expect, it } from 'vitest';
import { DATA_EPOCH, generateData } from '../../src/local-sentry/data/generate.ts';
import type { SentryOrgStats, SentryStatsPoint } from '../../src/sentry/types.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';

const V2 = '/api/0/organizations/acme/stats_v2/';
const NOW = DATA_EPOCH / 1000;
const WEEK = 7 * 86400;
const sum = (points: SentryStatsPoint[]) => points.reduce((total, [, n]) => total + n, 0);

async function start(): Promise<TestLocalSentry> {
  return withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
}

describe('GET /organizations/{org}/stats_v2/', () => {
  it('answers Sentry’s start/end/intervals/groups shape, hour-aligned, with series per interval', async () => {
    await using sentry = await start();
    const { status, body } = await sentry.fetchJson<SentryOrgStats>(
      `${V2}?field=sum(quantity)&groupBy=outcome&statsPeriod=7d&interval=1d`,
    );
    expect(status).toBe(200);
    expect(body.start).toBe('2026-10-25T00:00:00Z');
    expect(body.end).toBe('2026-11-01T00:00:00Z');
    expect(body.intervals).toHaveLength(7);
    expect(body.intervals[0]).toBe('2026-10-25T00:00:00Z');
    const outcomes = body.groups.map((group) => group.by.outcome);
    expect(outcomes).toEqual(['accepted', 'filtered', 'invalid', 'rate_limited']);
    for (const group of body.groups) {
      const series = group.series['sum(quantity)'] ?? [];
      expect(series).toHaveLength(7);
      expect(series.reduce((a, b) => a + b, 0)).toBe(group.totals['sum(quantity)']);
    }
    const accepted = body.groups.find((group) => group.by.outcome === 'accepted');
    expect(accepted?.totals['sum(quantity)']).toBeGreaterThan(100);
  });

  it('filters by outcome, category and project, and groups by reason', async () => {
    await using sentry = await start();
    const backend = (await sentry.fetchJson<{ id: string }>('/api/0/projects/acme/backend/')).body;
    const { body } = await sentry.fetchJson<SentryOrgStats>(
      `${V2}?field=sum(times_seen)&groupBy=reason&outcome=filtered&category=error&project=${backend.id}&statsPeriod=14d`,
    );
    expect(body.intervals).toHaveLength(14 * 24);
    const reasons = body.groups.map((group) => group.by.reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(['browser-extensions', 'legacy-browsers', 'localhost', 'web-crawlers']).toContain(
        reason,
      );
    }
    const none = await sentry.fetchJson<SentryOrgStats>(
      `${V2}?field=sum(quantity)&groupBy=category&category=transaction&statsPeriod=14d`,
    );
    expect(none.body.groups).toEqual([]);
  });

  it('answers totals only when grouped by project, as Sentry does', async () => {
    await using sentry = await start();
    const { body } = await sentry.fetchJson<SentryOrgStats>(
      `${V2}?field=sum(quantity)&groupBy=project&statsPeriod=7d&interval=1d`,
    );
    expect(body.groups.length).toBe(4);
    for (const group of body.groups) {
      expect(typeof group.by.project).toBe('number');
      expect(group.series).toEqual({});
    }
  });

  it('refuses what Sentry refuses, with its words', async () => {
    await using sentry = await start();
    const detail = async (query: string) => {
      const { status, body } = await sentry.fetchJson<{ detail: string }>(`${V2}?${query}`);
      return [status, body.detail];
    };
    expect(await detail('groupBy=outcome&statsPeriod=1d')).toEqual([
      400,
      'At least one "field" is required.',
    ]);
    expect(await detail('field=count()&groupBy=outcome&statsPeriod=1d')).toEqual([
      400,
      'Invalid field: "count()"',
    ]);
    expect(await detail('field=sum(quantity)&groupBy=release&statsPeriod=1d')).toEqual([
      400,
      'Invalid groupBy: "release"',
    ]);
    expect(await detail('field=sum(quantity)&groupBy=outcome&statsPeriod=1d&interval=5h')).toEqual([
      400,
      'The interval should divide one day without a remainder.',
    ]);
    expect(await detail('field=sum(quantity)&groupBy=outcome&statsPeriod=1d&interval=2d')).toEqual([
      400,
      'The interval has to be less than one day.',
    ]);
    expect(await detail('field=sum(quantity)&groupBy=outcome&statsPeriod=1d&interval=30m')).toEqual(
      [400, 'The interval has to be a multiple of the minimum interval of one hour.'],
    );
    // Without a range Sentry reads 90 days, more hourly points than it answers.
    expect(await detail('field=sum(quantity)&groupBy=outcome')).toEqual([
      400,
      'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    ]);
  });
});

describe('legacy stats routes', () => {
  it('agree with stats_v2 and with each other over the same window', async () => {
    await using sentry = await start();
    const projects = (
      await sentry.fetchJson<{ id: string; slug: string; teams: { slug: string }[] }[]>(
        '/api/0/organizations/acme/projects/',
      )
    ).body;
    const v2 = (
      await sentry.fetchJson<SentryOrgStats>(
        `${V2}?field=sum(quantity)&groupBy=project&groupBy=outcome&category=error&statsPeriod=7d&interval=1d`,
      )
    ).body;
    const receivedV2 = (projectId: string) =>
      v2.groups
        .filter((g) => String(g.by.project) === projectId && g.by.outcome !== 'invalid')
        .reduce((total, g) => total + (g.totals['sum(quantity)'] ?? 0), 0);
    const window = `since=${NOW - WEEK}&until=${NOW - 1}&resolution=1d`;
    const received = new Map<string, number>();
    let orgTotal = 0;
    for (const project of projects) {
      const series = (
        await sentry.fetchJson<SentryStatsPoint[]>(
          `/api/0/projects/acme/${project.slug}/stats/?${window}`,
        )
      ).body;
      expect(series).toHaveLength(7);
      received.set(project.slug, sum(series));
      expect(sum(series)).toBe(receivedV2(project.id));
      expect(sum(series)).toBeGreaterThan(0);
      orgTotal += sum(series);
    }
    const org = (
      await sentry.fetchJson<SentryStatsPoint[]>(`/api/0/organizations/acme/stats/?${window}`)
    ).body;
    expect(sum(org)).toBe(orgTotal);
    const teams = new Set(projects.flatMap((p) => p.teams.map((t) => t.slug)));
    for (const team of teams) {
      const series = (
        await sentry.fetchJson<SentryStatsPoint[]>(`/api/0/teams/acme/${team}/stats/?${window}`)
      ).body;
      const expected = projects
        .filter((p) => p.teams.some((t) => t.slug === team))
        .reduce((total, p) => total + (received.get(p.slug) ?? 0), 0);
      expect(sum(series)).toBe(expected);
    }
  });

  it('counts rejected, blacklisted, generated and one inbound filter apart', async () => {
    await using sentry = await start();
    const window = `since=${NOW - WEEK}&until=${NOW - 1}&resolution=1d`;
    const total = async (stat: string) =>
      sum(
        (
          await sentry.fetchJson<SentryStatsPoint[]>(
            `/api/0/projects/acme/backend/stats/?${window}&stat=${stat}`,
          )
        ).body,
      );
    const [received, rejected, blacklisted, generated] = [
      await total('received'),
      await total('rejected'),
      await total('blacklisted'),
      await total('generated'),
    ];
    expect(received).toBe(rejected + blacklisted + generated);
    expect(rejected).toBeGreaterThan(0);
    expect(blacklisted).toBeGreaterThan(0);
    expect(await total('localhost')).toBeLessThanOrEqual(blacklisted);
    const byProject = await sentry.fetchJson<Record<string, SentryStatsPoint[]>>(
      `/api/0/organizations/acme/stats/?${window}&stat=generated&group=project&projectID=${
        (await sentry.fetchJson<{ id: string }>('/api/0/projects/acme/backend/')).body.id
      }`,
    );
    expect(Object.values(byProject.body).map(sum)).toEqual([generated]);
  });

  it('reads since, until and resolution as Sentry’s StatsMixin does', async () => {
    await using sentry = await start();
    // No range: the last day, hourly.
    const day = (await sentry.fetchJson<SentryStatsPoint[]>('/api/0/projects/acme/backend/stats/'))
      .body;
    expect(day).toHaveLength(25);
    expect(day[0]?.[0]).toBe(NOW - 86400);
    const tens = await sentry.fetchJson<SentryStatsPoint[]>(
      `/api/0/projects/acme/backend/stats/?since=${NOW - 600}&until=${NOW}&resolution=10s`,
    );
    expect(tens.body).toHaveLength(61);
    const bad = async (path: string) => sentry.fetchJson<{ detail: string }>(path);
    expect(await bad('/api/0/projects/acme/backend/stats/?resolution=1m')).toMatchObject({
      status: 400,
      body: { detail: 'Invalid resolution' },
    });
    expect(await bad('/api/0/teams/acme/platform/stats/?stat=blacklisted')).toMatchObject({
      status: 400,
      body: { detail: 'Invalid stat: blacklisted' },
    });
    expect((await bad('/api/0/teams/acme/nope/stats/')).status).toBe(404);
    expect((await bad('/api/0/projects/acme/nope/stats/')).status).toBe(404);
  });

  it('takes the scopes Sentry lists for each route', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'org-read', scopes: ['org:read'] },
        { token: 'project-read', scopes: ['project:read'] },
        { token: 'team-read', scopes: ['team:read'] },
      ],
    });
    const status = async (token: string, path: string) =>
      (await sentry.fetchJson(path, { token })).status;
    const v2 = `${V2}?field=sum(quantity)&groupBy=outcome&statsPeriod=1d`;
    expect(await status('org-read', v2)).toBe(200);
    expect(await status('project-read', v2)).toBe(403);
    expect(await status('org-read', '/api/0/organizations/acme/stats/')).toBe(200);
    expect(await status('project-read', '/api/0/projects/acme/backend/stats/')).toBe(200);
    expect(await status('org-read', '/api/0/projects/acme/backend/stats/')).toBe(403);
    expect(await status('team-read', '/api/0/teams/acme/platform/stats/')).toBe(200);
    expect(await status('project-read', '/api/0/teams/acme/platform/stats/')).toBe(403);
  });
});

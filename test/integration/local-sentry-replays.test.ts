/** Session replays in the local Sentry: seeded data, search, pagination, segments, clicks, tags. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { nextCursor, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;
type Rows = { data: Row[] };

const data = generateData({ seed: 1, scale: 'small' });
const acme = data.organizations.get('acme') as OrgData;
const withErrors = acme.replays.find((replay) => replay.wire.error_ids.length > 0);
const withClicks = acme.replays.find((replay) => replay.clicks.length > 0);
if (!withErrors || !withClicks)
  throw new Error('the seeded world has replays with errors and clicks');
const projectSlug = (projectId: string) => data.projectsById.get(projectId)?.wire.slug ?? '';

const server = () => withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });

describe('seeded replays', () => {
  it('are deterministic and leave the rest of the seeded world as it was', () => {
    const again = generateData({ seed: 1, scale: 'small' });
    const acmeAgain = again.organizations.get('acme') as OrgData;
    expect(JSON.stringify(acmeAgain.replays)).toBe(JSON.stringify(acme.replays));
    expect(acme.replays.length).toBeGreaterThan(10);
    for (const replay of acme.replays) {
      expect(replay.wire.id).toMatch(/^[0-9a-f]{32}$/);
      expect(['javascript', 'java']).toContain(
        data.projectsById.get(replay.projectId)?.wire.platform,
      );
      expect(replay.wire.count_errors).toBe(replay.wire.error_ids.length);
      expect(replay.wire.count_urls).toBe(replay.wire.urls?.length);
      for (const id of replay.wire.error_ids) {
        const event = data.eventsById.get(id);
        expect(event?.projectId).toBe(replay.projectId);
        expect(replay.issueIds).toContain(event?.issueId);
      }
    }
  });
});

describe('replay list', () => {
  it('lists the organization replays newest first in {data} pages with Link cursors', async () => {
    await using sentry = await server();
    const first = await sentry.fetchJson<Rows>(
      '/api/0/organizations/acme/replays/?per_page=5&statsPeriod=90d',
    );
    expect(first.status).toBe(200);
    expect(first.body.data.map((row) => row['id'])).toEqual(
      acme.replays.slice(0, 5).map((replay) => replay.wire.id),
    );
    const cursor = nextCursor(first.headers.get('link'));
    expect(cursor).toBe('0:5:0');
    const second = await sentry.fetchJson<Rows>(
      `/api/0/organizations/acme/replays/?per_page=5&statsPeriod=90d&cursor=${cursor}`,
    );
    expect(second.body.data[0]?.['id']).toBe(acme.replays[5]?.wire.id);
  });

  it('filters by query, project, environment and time, and sorts', async () => {
    await using sentry = await server();
    const list = async (params: string) =>
      (await sentry.fetchJson<Rows>(`/api/0/organizations/acme/replays/?statsPeriod=90d&${params}`))
        .body.data;
    const errorId = withErrors.wire.error_ids[0] ?? '';
    expect((await list(`query=error_id:${errorId}`)).map((r) => r['id'])).toEqual([
      withErrors.wire.id,
    ]);
    const ids = acme.replays.slice(0, 3).map((replay) => replay.wire.id);
    expect((await list(`query=id:[${ids.join(',')}]`)).map((r) => r['id'])).toEqual(ids);
    const busy = await list(`query=${encodeURIComponent('count_errors:>=1 AND duration:<1h')}`);
    expect(busy.length).toBe(acme.replays.filter((r) => (r.wire.count_errors ?? 0) >= 1).length);
    const either = await list(`query=${encodeURIComponent('count_errors:0 OR count_errors:>1')}`);
    expect(either.every((r) => r['count_errors'] !== 1)).toBe(true);
    const android = await list('project=android');
    expect(android.length).toBe(
      acme.replays.filter((r) => projectSlug(r.projectId) === 'android').length,
    );
    expect(android.every((r) => r['platform'] === 'android')).toBe(true);
    const env = withErrors.wire.environment ?? '';
    const inEnv = await list(`environment=${env}`);
    expect(inEnv.every((r) => r['environment'] === env)).toBe(true);
    const longest = await list('sort=-duration&per_page=3');
    const durations = acme.replays.map((r) => r.wire.duration ?? 0).sort((a, b) => b - a);
    expect(longest.map((r) => r['duration'])).toEqual(durations.slice(0, 3));
    const camel = await list('sort=startedAt&per_page=1');
    expect(camel[0]?.['id']).toBe(acme.replays[acme.replays.length - 1]?.wire.id);
    const day = await sentry.fetchJson<Rows>('/api/0/organizations/acme/replays/?statsPeriod=1d');
    expect(day.body.data.length).toBeLessThan(acme.replays.length);
    const clicked = withClicks.clicks[0]?.tag ?? '';
    const byClick = await list(`query=click.tag:${clicked}`);
    expect(byClick.map((r) => r['id'])).toContain(withClicks.wire.id);
    const tagged = await list(
      `query=plan:${(withErrors.wire.tags as Record<string, string[]>)['plan']?.[0]}`,
    );
    expect(tagged.map((r) => r['id'])).toContain(withErrors.wire.id);
  });

  it('keeps only the asked fields and refuses bad fields, queries, sorts and projects', async () => {
    await using sentry = await server();
    const base = '/api/0/organizations/acme/replays/?statsPeriod=90d';
    const some = await sentry.fetchJson<Rows>(`${base}&field=id&field=count_errors&per_page=2`);
    expect(Object.keys(some.body.data[0] ?? {}).sort()).toEqual(['count_errors', 'id']);
    expect((await sentry.fetchJson(`${base}&field=nope`)).body).toEqual({
      field: ['"nope" is not a valid choice.'],
    });
    expect((await sentry.fetchJson(`${base}&query=hello`)).status).toBe(400);
    expect((await sentry.fetchJson(`${base}&query=count_errors:>abc`)).status).toBe(400);
    expect((await sentry.fetchJson(`${base}&sort=-nope`)).status).toBe(400);
    expect((await sentry.fetchJson(`${base}&project=999`)).status).toBe(403);
    expect((await sentry.fetchJson(`${base}&per_page=500`)).status).toBe(400);
  });
});

describe('one replay', () => {
  it('answers the detail at the organization and project paths, 404 otherwise', async () => {
    await using sentry = await server();
    const { id } = withErrors.wire;
    const project = projectSlug(withErrors.projectId);
    const org = await sentry.fetchJson<{ data: Row }>(
      `/api/0/organizations/acme/replays/${id}/?statsPeriod=90d`,
    );
    expect(org.status).toBe(200);
    expect(org.body.data).toMatchObject({ id, error_ids: withErrors.wire.error_ids });
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    const byProject = await sentry.fetchJson<{ data: Row }>(
      `/api/0/projects/acme/${project}/replays/${dashed}/?statsPeriod=90d`,
    );
    expect(byProject.body.data['id']).toBe(id);
    const other = project === 'frontend' ? 'backend' : 'frontend';
    expect((await sentry.fetchJson(`/api/0/projects/acme/${other}/replays/${id}/`)).status).toBe(
      404,
    );
    expect(
      (await sentry.fetchJson(`/api/0/organizations/acme/replays/${'0'.repeat(32)}/`)).status,
    ).toBe(404);
    expect((await sentry.fetchJson('/api/0/organizations/acme/replays/not-a-uuid/')).status).toBe(
      404,
    );
  });

  it('deletes a replay (204) and then no longer finds it', async () => {
    await using sentry = await server();
    const { id } = withErrors.wire;
    const path = `/api/0/projects/acme/${projectSlug(withErrors.projectId)}/replays/${id}/`;
    expect((await sentry.fetchJson(path, { method: 'DELETE' })).status).toBe(204);
    expect((await sentry.fetchJson(`${path}?statsPeriod=90d`)).status).toBe(404);
    expect((await sentry.fetchJson(path, { method: 'DELETE' })).status).toBe(404);
    const list = await sentry.fetchJson<Rows>(
      `/api/0/organizations/acme/replays/?statsPeriod=90d&query=id:${id}`,
    );
    expect(list.body.data).toEqual([]);
  });

  it('takes the scopes the spec lists', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'org-read', scopes: ['org:read'] },
        { token: 'project-read', scopes: ['project:read'] },
      ],
    });
    const { id } = withErrors.wire;
    const project = projectSlug(withErrors.projectId);
    const status = async (token: string, path: string, method = 'GET') =>
      (await sentry.fetchJson(path, { token, method })).status;
    expect(await status('org-read', '/api/0/organizations/acme/replays/')).toBe(200);
    expect(await status('project-read', '/api/0/organizations/acme/replays/')).toBe(403);
    expect(
      await status('project-read', `/api/0/projects/acme/${project}/replays/${id}/clicks/`),
    ).toBe(200);
    expect(
      await status('project-read', `/api/0/projects/acme/${project}/replays/${id}/`, 'DELETE'),
    ).toBe(403);
  });
});

describe('recording segments and clicks', () => {
  it('streams rrweb events per segment, paginated, and answers one segment', async () => {
    await using sentry = await server();
    const replay = acme.replays.find((r) => (r.wire.count_segments ?? 0) >= 2) ?? withErrors;
    const base = `/api/0/projects/acme/${projectSlug(replay.projectId)}/replays/${replay.wire.id}/recording-segments/`;
    const page = await sentry.fetchJson<Row[][]>(`${base}?per_page=1`);
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(1);
    expect(page.body[0]?.[0]).toMatchObject({ type: 4, data: { href: replay.wire.urls?.[0] } });
    expect(page.body[0]?.[1]).toMatchObject({ type: 2 });
    expect(nextCursor(page.headers.get('link'))).toBe('0:1:0');
    const all = await sentry.fetchJson<Row[][]>(`${base}?download=true`);
    expect(all.body).toHaveLength(replay.wire.count_segments ?? 0);
    const again = await sentry.fetchJson<Row[][]>(`${base}?download=true`);
    expect(again.text).toBe(all.text);
    const one = await sentry.fetchJson<{ data: Row }>(`${base}1/`);
    expect(one.body.data).toMatchObject({
      replayId: replay.wire.id,
      segmentId: 1,
      projectId: replay.projectId,
    });
    const bytes = await sentry.fetchJson<Row[]>(`${base}1/?download=true`);
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(bytes.text).toBe(JSON.stringify(all.body[1]));
    expect((await sentry.fetchJson(`${base}99/`)).status).toBe(404);
  });

  it('lists clicks matching click.* queries and selectors', async () => {
    await using sentry = await server();
    const base = `/api/0/projects/acme/${projectSlug(withClicks.projectId)}/replays/${withClicks.wire.id}/clicks/`;
    const click = withClicks.clicks[0];
    if (!click) throw new Error('a click');
    const all = await sentry.fetchJson<Rows>(base);
    expect(all.body.data).toHaveLength(withClicks.clicks.length);
    expect(all.body.data[0]).toEqual({
      node_id: click.nodeId,
      timestamp: new Date(click.timestamp).toISOString(),
    });
    const byTag = await sentry.fetchJson<Rows>(`${base}?query=click.tag:${click.tag}`);
    expect(byTag.body.data.length).toBe(
      withClicks.clicks.filter((c) => c.tag === click.tag).length,
    );
    const selector = `${click.tag}${click.id ? `#${click.id}` : ''}`;
    const bySelector = await sentry.fetchJson<Rows>(
      `${base}?query=${encodeURIComponent(`click.selector:"${selector}"`)}`,
    );
    expect(bySelector.body.data.every((row) => row['node_id'] === click.nodeId)).toBe(true);
    expect((await sentry.fetchJson(`${base}?query=click.nope:x`)).status).toBe(400);
  });
});

describe('replay tags and counts', () => {
  it('answers tag keys and values of a project', async () => {
    await using sentry = await server();
    const project = projectSlug(withErrors.projectId);
    const keys = await sentry.fetchJson<Row[]>(`/api/0/projects/acme/${project}/replays/tags/`);
    expect(keys.body.map((k) => k['key'])).toEqual(
      expect.arrayContaining(['plan', 'browser.name']),
    );
    expect(keys.body.find((k) => k['key'] === 'plan')).toMatchObject({ name: 'Plan' });
    const values = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/${project}/replays/tags/plan/values/`,
    );
    const projectReplays = acme.replays.filter((r) => r.projectId === withErrors.projectId);
    const total = values.body.reduce((sum, row) => sum + Number(row['count']), 0);
    expect(total).toBe(projectReplays.length);
    expect(values.body[0]).toMatchObject({ key: 'plan' });
    expect(
      (await sentry.fetchJson(`/api/0/projects/acme/${project}/replays/tags/nope/values/`)).status,
    ).toBe(404);
  });

  it('counts the replays of issues, with their ids on returnIds', async () => {
    await using sentry = await server();
    const issueId = withErrors.issueIds[0] ?? '';
    const seen = acme.replays.filter((r) => r.issueIds.includes(issueId)).map((r) => r.wire.id);
    const counts = await sentry.fetchJson<Record<string, number>>(
      `/api/0/organizations/acme/replay-count/?query=issue.id:[${issueId},1]`,
    );
    expect(counts.body).toEqual({ [issueId]: seen.length });
    const ids = await sentry.fetchJson<Record<string, string[]>>(
      `/api/0/organizations/acme/replay-count/?query=issue.id:[${issueId}]&returnIds=true`,
    );
    expect(ids.body).toEqual({ [issueId]: seen });
    const byReplay = await sentry.fetchJson(
      `/api/0/organizations/acme/replay-count/?query=replay_id:${withErrors.wire.id}`,
    );
    expect(byReplay.body).toEqual({ [withErrors.wire.id]: 1 });
  });
});

/** Crons in the local Sentry: monitor and check-in routes, and which token scopes each accepts. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';
import { acme, must, type Row, seed, server } from '../helpers/local-sentry-seed.ts';

describe('monitor route scopes', () => {
  it('accepts the scopes the spec lists and answers 403 otherwise', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'alerts-read', scopes: ['alerts:read'] },
        { token: 'org-read', scopes: ['org:read'] },
        { token: 'alerts-write', scopes: ['alerts:write'] },
      ],
    });
    const status = async (token: string, path: string, method = 'GET', body?: unknown) =>
      (await sentry.fetchJson(path, { token, method, ...(body ? { body } : {}) })).status;
    const list = '/api/0/organizations/acme/monitors/';
    const detail = '/api/0/organizations/acme/monitors/nightly-backup/';
    const checkIns = '/api/0/organization/acme/monitors/nightly-backup/checkins/';

    expect(await status('alerts-read', list)).toBe(200);
    expect(await status('org-read', list)).toBe(200);
    expect(await status('alerts-write', list)).toBe(403);
    expect(await status('alerts-read', detail)).toBe(200);
    expect(await status('org-read', detail)).toBe(403);
    expect(await status('alerts-read', checkIns)).toBe(200);
    expect(await status('alerts-read', checkIns, 'POST', { status: 'ok' })).toBe(403);
    expect(await status('alerts-write', checkIns, 'POST', { status: 'ok' })).toBe(201);
    expect(await status('alerts-read', detail, 'PUT', { name: 'x' })).toBe(403);
    expect(await status('alerts-read', detail, 'DELETE')).toBe(403);
    const created = await status('org-read', list, 'POST', {
      project: 'backend',
      name: 'Org Read Job',
      config: { schedule_type: 'interval', schedule: [1, 'day'] },
    });
    expect(created).toBe(201);
    expect(await status('alerts-read', list, 'GET', undefined)).toBe(200);
    const anonymous = await sentry.fetchJson(list, { token: null });
    expect(anonymous.status).toBe(401);
  });
});

describe('crons: monitors and check-ins', () => {
  it('lists seeded monitors with schedules, environments and the status their history implies', async () => {
    await using sentry = await server();
    const first = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/monitors/?per_page=2');
    expect(first.status).toBe(200);
    expect(first.body.map((m) => m['slug'])).toEqual(['cleanup-sessions', 'nightly-backup']);
    expect(first.headers.get('link')).toContain('rel="next"; results="true"');
    const all = (await sentry.fetchAll<Row>('/api/0/organizations/acme/monitors/?per_page=2')).rows;
    expect(all.map((m) => m['slug'])).toEqual([
      'cleanup-sessions',
      'nightly-backup',
      'refresh-search-index',
      'rotate-logs',
      'sync-invoices',
      'weekly-digest',
    ]);
    const bySlug = new Map(all.map((m) => [m['slug'], m]));
    expect(bySlug.get('sync-invoices')).toMatchObject({
      status: 'active',
      config: { schedule_type: 'interval', schedule: [15, 'minute'], checkin_margin: 5 },
      environments: [
        { name: 'production', status: 'error' },
        { name: 'staging', status: 'ok' },
      ],
    });
    expect(bySlug.get('weekly-digest')).toMatchObject({
      config: { schedule_type: 'crontab', schedule: '0 9 * * 1', timezone: 'Europe/London' },
      environments: [{ name: 'production', status: 'missed_checkin' }],
    });
    expect(bySlug.get('refresh-search-index')).toMatchObject({
      environments: [{ status: 'timeout' }, { status: 'ok' }],
    });

    const staging = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/monitors/?environment=staging',
    );
    expect(staging.body.map((m) => m['slug'])).toEqual(['refresh-search-index', 'sync-invoices']);
    expect(staging.body.map((m) => (m['environments'] as Row[]).map((e) => e['name']))).toEqual([
      ['staging'],
      ['staging'],
    ]);
    const backend = acme().projectsBySlug.get('backend')?.wire.id;
    const byProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/monitors/?project=${backend}`,
    );
    expect(byProject.body.every((m) => (m['project'] as Row)['slug'] === 'backend')).toBe(true);
    expect(byProject.body.length).toBeGreaterThan(0);

    const detail = await sentry.fetchJson<Row>(
      '/api/0/organizations/acme/monitors/nightly-backup/',
    );
    expect(detail.body).toMatchObject({
      slug: 'nightly-backup',
      config: { schedule: '0 3 * * *' },
    });
    const byId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/monitors/${String(detail.body['id'])}/`,
    );
    expect(byId.body['slug']).toBe('nightly-backup');
    const missing = await sentry.fetchJson('/api/0/organizations/acme/monitors/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'The requested resource does not exist' });
  });

  it('pages check-ins newest first under both spellings of the path', async () => {
    await using sentry = await server();
    const plural = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/monitors/cleanup-sessions/checkins/?per_page=5',
    );
    const singular = await sentry.fetchJson<Row[]>(
      '/api/0/organization/acme/monitors/cleanup-sessions/checkins/?per_page=5',
    );
    expect(plural.status).toBe(200);
    expect(singular.body).toEqual(plural.body);
    expect(plural.headers.get('link')).toContain('rel="next"; results="true"');
    expect(plural.body[0]).toMatchObject({ status: 'in_progress', duration: null });
    const dates = plural.body.map((c) => String(c['dateCreated']));
    expect([...dates].sort().reverse()).toEqual(dates);
    const staging = (
      await sentry.fetchAll<Row>(
        '/api/0/organizations/acme/monitors/sync-invoices/checkins/?environment=staging',
      )
    ).rows;
    expect(staging.length).toBeGreaterThan(10);
    expect(new Set(staging.map((c) => c['environment']))).toEqual(new Set(['staging']));
    const statuses = new Set(
      (
        await sentry.fetchAll<Row>(
          '/api/0/organizations/acme/monitors/refresh-search-index/checkins/',
        )
      ).rows.map((c) => c['status']),
    );
    expect(statuses.has('ok') && statuses.has('timeout')).toBe(true);
  });

  it('creates, updates and deletes monitors; refuses invalid schedules with nothing written', async () => {
    await using sentry = await server();
    const create = (body: unknown) =>
      sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/', { method: 'POST', body });
    const badCron = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'crontab', schedule: '61 * * * *' },
    });
    expect(badCron.status).toBe(400);
    expect(badCron.body).toEqual({ config: { schedule: ['Schedule was not parseable'] } });
    const badInterval = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'interval', schedule: [1, 'fortnight'] },
    });
    expect(badInterval.body).toEqual({ config: { schedule: ['Invalid interval schedule'] } });
    const badZone = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'crontab', schedule: '@hourly', timezone: 'Mars/Olympus' },
    });
    expect(badZone.body).toEqual({
      config: { timezone: ['"Mars/Olympus" is not a valid choice.'] },
    });
    expect((await create({ project: 'backend', config: {} })).body).toEqual({
      name: ['This field is required.'],
    });
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/monitors/');
    expect(list.body).toHaveLength(6);

    const made = await create({
      project: 'frontend',
      name: 'Hourly Report',
      config: { schedule_type: 'crontab', schedule: '@hourly', max_runtime: 20 },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      slug: 'hourly-report',
      config: { schedule: '0 * * * *', max_runtime: 20, checkin_margin: null },
      environments: [],
      project: { slug: 'frontend' },
    });
    expect(
      (
        await create({
          project: 'frontend',
          name: 'Hourly Report',
          config: { schedule_type: 'interval', schedule: [1, 'day'] },
        })
      ).body,
    ).toEqual({
      slug: ['The slug "hourly-report" is already in use.'],
    });

    const put = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'PUT',
      body: { name: 'Hourly Report v2', config: { checkin_margin: 3 } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Hourly Report v2',
      config: {
        schedule_type: 'crontab',
        schedule: '0 * * * *',
        checkin_margin: 3,
        max_runtime: 20,
      },
    });
    const badPut = await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'PUT',
      body: { config: { schedule: 'every day' } },
    });
    expect(badPut.status).toBe(400);
    const after = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/hourly-report/');
    expect(after.body['config']).toMatchObject({ schedule: '0 * * * *' });

    const removed = await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'DELETE',
    });
    expect(removed.status).toBe(202);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/')).status,
    ).toBe(404);

    const envOnly = await sentry.fetchJson(
      '/api/0/organizations/acme/monitors/sync-invoices/?environment=staging',
      { method: 'DELETE' },
    );
    expect(envOnly.status).toBe(202);
    const kept = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/sync-invoices/');
    expect((kept.body['environments'] as Row[]).map((e) => e['name'])).toEqual(['production']);
  });

  it('serves the project-scoped monitor routes for monitors of that project only', async () => {
    await using sentry = await server();
    const monitor = must(acme().monitors.find((m) => m.wire.slug === 'weekly-digest'));
    const own = must(seed.projectsById.get(monitor.projectId)).wire.slug;
    const other = must(acme().projects.find((p) => p.wire.id !== monitor.projectId)).wire.slug;
    const path = (project: string) => `/api/0/projects/acme/${project}/monitors/weekly-digest/`;
    const detail = await sentry.fetchJson<Row>(path(own));
    expect(detail.body).toMatchObject({ slug: 'weekly-digest', project: { slug: own } });
    expect((await sentry.fetchJson(path(other))).status).toBe(404);
    const checkIns = await sentry.fetchJson<Row[]>(`${path(own)}checkins/?per_page=2`);
    expect(checkIns.body).toHaveLength(2);
    expect((await sentry.fetchJson(`${path(other)}checkins/`)).status).toBe(404);
    const muted = await sentry.fetchJson<Row>(path(own), {
      method: 'PUT',
      body: { is_muted: true },
    });
    expect(muted.body).toMatchObject({ isMuted: true, environments: [{ isMuted: true }] });
    expect((await sentry.fetchJson(path(other), { method: 'DELETE' })).status).toBe(404);
    expect((await sentry.fetchJson(path(own), { method: 'DELETE' })).status).toBe(202);
    expect((await sentry.fetchJson(path(own))).status).toBe(404);
  });

  it('moves a check-in from in_progress to ok or error, once', async () => {
    await using sentry = await server();
    const base = '/api/0/organization/acme/monitors/nightly-backup/checkins/';
    const started = await sentry.fetchJson<Row>(base, {
      method: 'POST',
      body: { environment: 'staging' },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      environment: 'staging',
      duration: null,
    });
    const id = String(started.body['id']);
    const running = await sentry.fetchJson<Row>(`${base}${id}/`, { method: 'PUT', body: {} });
    expect(running.body).toMatchObject({ status: 'in_progress' });
    const done = await sentry.fetchJson<Row>(`${base}latest/`, {
      method: 'PUT',
      body: { status: 'error', duration: 4200 },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, status: 'error', duration: 4200 });
    const again = await sentry.fetchJson<Row>(`${base}${id}/`, {
      method: 'PUT',
      body: { status: 'ok' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ detail: 'Check-in has already been completed.' });
    const monitor = await sentry.fetchJson<Row>(
      '/api/0/organizations/acme/monitors/nightly-backup/?environment=staging',
    );
    expect(monitor.body['environments']).toMatchObject([{ name: 'staging', status: 'error' }]);

    const ping = await sentry.fetchJson<Row>(base, {
      method: 'POST',
      body: { status: 'ok', duration: 1500 },
    });
    expect(ping.body).toMatchObject({ status: 'ok', duration: 1500, environment: 'production' });
    const bad = await sentry.fetchJson<Row>(base, { method: 'POST', body: { status: 'missed' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ status: ['"missed" is not a valid choice.'] });
    const orphan = await sentry.fetchJson('/api/0/organization/acme/monitors/nope/checkins/', {
      method: 'POST',
      body: { status: 'ok' },
    });
    expect(orphan.status).toBe(404);
    expect(
      (
        await sentry.fetchJson(`${base}00000000-0000-4000-8000-000000000000/`, {
          method: 'PUT',
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});

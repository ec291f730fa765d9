/** Release and session routes of the local Sentry: reads, and release mutations that persist. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalSentry } from '../helpers/local-sentry.ts';
import { acme, must, type Row, release, server, take, v } from '../helpers/local-sentry-seed.ts';

describe('read routes', () => {
  let sentry: TestLocalSentry & AsyncDisposable;
  beforeAll(async () => {
    sentry = await server();
  });
  afterAll(async () => {
    await sentry[Symbol.asyncDispose]();
  });
  it('releases: list filters, detail, deploys, commits, files, project releases, resolved', async () => {
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/releases/');
    expect(list.body.length).toBe(acme().releases.length);
    const [r1, r2] = take(acme().releases, 2);
    const batch = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/?query=${encodeURIComponent(`release:[${r1.wire.version},${r2.wire.version}]`)}&project=-1`,
    );
    expect(batch.body.map((r) => r['version']).sort()).toEqual(
      [r1.wire.version, r2.wire.version].sort(),
    );
    const substring = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/?query=backend',
    );
    expect(substring.body.every((r) => String(r['version']).includes('backend'))).toBe(true);
    const backend = must(acme().projectsBySlug.get('backend'));
    const byProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/?project=${backend.wire.id}`,
    );
    expect(
      byProject.body.every((r) => (r['projects'] as Row[]).some((p) => p['slug'] === 'backend')),
    ).toBe(true);
    const archived = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/?status=archived',
    );
    expect(archived.status).toBe(200);

    const detail = await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${v()}/`);
    expect(detail.body).toMatchObject({
      version: release().wire.version,
      projects: expect.any(Array),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/releases/nope/')).status).toBe(404);
    const deploys = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${v()}/deploys/`,
    );
    expect(deploys.body.length).toBe(release().deploys.length);
    const commits = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${v()}/commits/`,
    );
    expect(commits.body.map((c) => c['id'])).toEqual(release().commitIds);
    const withFiles = acme().releases.find((r) => r.files.length > 0);
    const filesVersion = encodeURIComponent((withFiles ?? release()).wire.version);
    const files = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${filesVersion}/files/`,
    );
    expect(files.body.length).toBe((withFiles ?? release()).files.length);
    const fileId = withFiles?.files[0]?.id ?? 'none';
    const file = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/releases/${filesVersion}/files/${fileId}/`,
    );
    expect(file.status).toBe(withFiles ? 200 : 404);

    const projectReleases = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/releases/');
    expect(projectReleases.body.length).toBeGreaterThan(0);
    const resolved = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/releases/${v()}/resolved/`,
    );
    expect(resolved.status).toBe(200);
  });

  it('sessions: deterministic release-health series', async () => {
    const path =
      '/api/0/organizations/acme/sessions/?field=sum(session)&field=crash_free_rate(session)&groupBy=project&interval=1d&statsPeriod=7d&project=-1';
    const first = await sentry.fetchJson<{ intervals: string[]; groups: Row[] }>(path);
    expect(first.status).toBe(200);
    expect(first.body.intervals).toHaveLength(7);
    expect(first.body.groups.length).toBeGreaterThan(0);
    expect(first.body.groups[0]).toMatchObject({
      by: { project: expect.any(Number) },
      totals: {
        'sum(session)': expect.any(Number),
        'crash_free_rate(session)': expect.any(Number),
      },
      series: { 'sum(session)': expect.any(Array) },
    });
    expect((await sentry.fetchJson(path)).body).toEqual(first.body);
    const byStatus = await sentry.fetchJson<{ groups: Row[] }>(
      '/api/0/organizations/acme/sessions/?field=sum(session)&groupBy=session.status&statsPeriod=1d',
    );
    expect(byStatus.body.groups.map((g) => (g['by'] as Row)['session.status'])).toEqual([
      'healthy',
      'abnormal',
      'crashed',
      'errored',
    ]);
    expect((await sentry.fetchJson('/api/0/organizations/acme/sessions/')).status).toBe(400);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/sessions/?field=sum(session)&interval=2d'))
        .status,
    ).toBe(400);
  });
});

describe('mutations persist', () => {
  it('releases: create, list shows it, update, deploy, delete', async () => {
    await using sentry = await server();
    const created = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: {
        version: 'backend@9.9.9',
        projects: ['backend'],
        commits: [{ id: 'a'.repeat(40), message: 'ship it', author_email: 'dev@example.com' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 'backend@9.9.9', commitCount: 1 });
    const again = await sentry.fetchJson('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'backend@9.9.9', projects: ['backend'] },
    });
    expect(again.status).toBe(208);
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/releases/?query=9.9.9');
    expect(list.body.map((r) => r['version'])).toEqual(['backend@9.9.9']);
    const version = encodeURIComponent('backend@9.9.9');
    const commits = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${version}/commits/`,
    );
    expect(commits.body.map((c) => c['id'])).toEqual(['a'.repeat(40)]);

    const updated = await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${version}/`, {
      method: 'PUT',
      body: { ref: 'main', dateReleased: '2026-10-31T12:00:00Z' },
    });
    expect(updated.body).toMatchObject({ ref: 'main', dateReleased: '2026-10-31T12:00:00.000Z' });
    const deploy = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/releases/${version}/deploys/`,
      {
        method: 'POST',
        body: { environment: 'production', name: 'first' },
      },
    );
    expect(deploy.status).toBe(201);
    expect(deploy.body).toMatchObject({ environment: 'production', name: 'first' });
    const deploys = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${version}/deploys/`,
    );
    expect(deploys.body.map((d) => d['id'])).toEqual([deploy.body['id']]);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${version}/`)).body[
        'deployCount'
      ],
    ).toBe(1);

    for (const bad of [
      { version: 'a/b', projects: ['backend'] },
      { version: 'x' },
      { version: 'y', projects: ['nope'] },
    ]) {
      expect(
        (
          await sentry.fetchJson('/api/0/organizations/acme/releases/', {
            method: 'POST',
            body: bad,
          })
        ).status,
      ).toBe(400);
    }
    expect(
      (
        await sentry.fetchJson(`/api/0/organizations/acme/releases/${version}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/releases/${version}/`)).status).toBe(
      404,
    );
  });

  it('issues resolved in a release are listed for the project', async () => {
    await using sentry = await server();
    const backend = must(acme().projectsBySlug.get('backend'));
    const target = must(backend.issues.find((i) => i.wire.status === 'unresolved'));
    const version = must(acme().releases.find((r) => r.projectIds.includes(backend.wire.id))).wire
      .version;
    const put = await sentry.fetchJson(`/api/0/organizations/acme/issues/${target.wire.id}/`, {
      method: 'PUT',
      body: { status: 'resolved', statusDetails: { inRelease: version } },
    });
    expect(put.status).toBe(200);
    const resolved = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/releases/${encodeURIComponent(version)}/resolved/`,
    );
    expect(resolved.body.map((i) => i['id'])).toContain(target.wire.id);
  });
});

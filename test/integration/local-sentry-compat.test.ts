/**
 * What Sentry's own clients rely on beyond the wire shapes: writes dated by the real clock,
 * release re-POSTs that add projects, `refs` resolved into commits, the Discover sort forms,
 * and DSNs that point at the embedded server.
 */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

const fresh = () => withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });

describe('write clock', () => {
  it('dates new objects with the real time and leaves the seeded data unchanged', async () => {
    await using sentry = await fresh();
    const seeded = JSON.stringify(
      generateData({ seed: 1, scale: 'small' })
        .organizations.get('acme')
        ?.releases.map((r) => r.wire),
    );
    const before = Date.now();
    const release = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'clock@1.0.0', projects: ['backend'] },
    });
    const team = await sentry.fetchJson<Row>('/api/0/organizations/acme/teams/', {
      method: 'POST',
      body: { slug: 'clock-team' },
    });
    const after = Date.now();
    for (const body of [release.body, team.body]) {
      const created = Date.parse(String(body['dateCreated']));
      expect(created).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(created).toBeLessThanOrEqual(after);
    }
    const again = JSON.stringify(
      generateData({ seed: 1, scale: 'small' })
        .organizations.get('acme')
        ?.releases.map((r) => r.wire),
    );
    expect(again).toBe(seeded);
  });
});

describe('releases as sentry-cli writes them', () => {
  it('re-POSTing an existing version adds its projects and applies its status (208)', async () => {
    await using sentry = await fresh();
    const create = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'multi@1.0.0', projects: ['backend'], dateStarted: '2026-11-20T10:00:00Z' },
    });
    expect(create.status).toBe(201);
    expect(create.body['dateStarted']).toBe('2026-11-20T10:00:00.000Z');
    const again = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'multi@1.0.0', projects: ['backend', 'frontend'], status: 'archived' },
    });
    expect(again.status).toBe(208);
    expect((again.body['projects'] as Row[]).map((p) => p['slug'])).toEqual([
      'backend',
      'frontend',
    ]);
    expect(again.body['status']).toBe('archived');
    const frontend = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/frontend/releases/?status=archived',
    );
    expect(frontend.body.map((r) => r['version'])).toContain('multi@1.0.0');
  });

  it('accepts `projects: []` on an existing release only (archive and restore)', async () => {
    await using sentry = await fresh();
    const post = (body: unknown) =>
      sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', { method: 'POST', body });
    expect((await post({ version: 'empty@1', projects: [] })).status).toBe(400);
    expect((await post({ version: 'empty@1', projects: ['backend'] })).status).toBe(201);
    const archived = await post({ version: 'empty@1', projects: [], status: 'archived' });
    expect(archived.status).toBe(208);
    expect(archived.body['status']).toBe('archived');
    const restored = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/empty@1/', {
      method: 'PUT',
      body: { projects: [], status: 'open' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body['status']).toBe('open');
    expect((restored.body['projects'] as Row[]).map((p) => p['slug'])).toEqual(['backend']);
  });

  it('resolves `refs` into commits through the repository, from the previous head', async () => {
    await using sentry = await fresh();
    const repo = generateData({ seed: 1, scale: 'small' })
      .organizations.get('acme')
      ?.repositories.find((r) => r.wire.name === 'acme/android');
    const shas = (repo?.commits ?? []).map((c) => c.wire.id);
    expect(shas.length).toBeGreaterThanOrEqual(7);
    const first = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: {
        version: 'refs@1',
        projects: ['android'],
        refs: [{ repository: 'acme/android', commit: shas[3], previousCommit: shas[6] }],
      },
    });
    expect(first.status).toBe(201);
    expect(first.body['commitCount']).toBe(3);
    const commits = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/refs@1/commits/',
    );
    expect(commits.body.map((c) => c['id'])).toEqual(shas.slice(3, 6));
    await sentry.fetchJson('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'refs@2', projects: ['android'] },
    });
    const second = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/refs@2/', {
      method: 'PUT',
      body: { refs: [{ repository: 'acme/android', commit: shas[1] }] },
    });
    expect(second.status).toBe(200);
    expect(second.body['commitCount']).toBe(2);
    expect((second.body['lastCommit'] as Row)['id']).toBe(shas[1]);
    const unknown = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/refs@2/', {
      method: 'PUT',
      body: { refs: [{ repository: 'acme/nope', commit: 'abc' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ refs: ['Invalid repository names: acme/nope'] });
    const missing = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/refs@2/', {
      method: 'PUT',
      body: { refs: [{ repository: 'acme/android' }] },
    });
    expect(missing.status).toBe(400);
  });
});

describe('Discover sort', () => {
  it('orders by an aggregate in function form or by its alias, selected or not', async () => {
    await using sentry = await fresh();
    const events = (query: string) =>
      sentry.fetchJson<{ data: Row[] }>(
        `/api/0/organizations/acme/events/?field=project&statsPeriod=90d&${query}`,
      );
    const selected = await events('field=count()&sort=-count()');
    expect(selected.status).toBe(200);
    const order = selected.body.data.map((r) => r['project']);
    const alias = await events('field=count()&sort=-count');
    expect(alias.body.data.map((r) => r['project'])).toEqual(order);
    const hidden = await events('field=count_unique(user)&sort=-count()');
    expect(hidden.status).toBe(200);
    expect(hidden.body.data.map((r) => r['project'])).toEqual(order);
    expect(Object.keys(hidden.body.data[0] ?? {}).sort()).toEqual([
      'count_unique(user)',
      'project',
    ]);
    expect((await events('sort=-count()')).status).toBe(400);
  });
});

describe('project keys', () => {
  it('hand out DSNs that point at the embedded server itself', async () => {
    await using sentry = await fresh();
    const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/keys/');
    expect(keys.text).not.toContain('sentry.io');
    const key = keys.body[0] as Row & { dsn: Record<string, string> };
    const host = new URL(sentry.url).host;
    expect(key.dsn['public']).toBe(`http://${key['public']}@${host}/${key['projectId']}`);
    expect(key.dsn['secret']).toBe(
      `http://${key['public']}:${key['secret']}@${host}/${key['projectId']}`,
    );
    expect(key.dsn['security']).toBe(
      `${sentry.url}/api/${key['projectId']}/security/?sentry_key=${key['public']}`,
    );
    const made = await sentry.fetchJson<Row & { dsn: Record<string, string> }>(
      '/api/0/projects/acme/backend/keys/',
      { method: 'POST', body: { name: 'ci' } },
    );
    expect(made.body.dsn['public']).toContain(`@${host}/`);
  });
});

/** Project routes of the local Sentry: reads, keys, service hooks and user feedback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalSentry } from '../helpers/local-sentry.ts';
import { acme, must, type Row, server } from '../helpers/local-sentry-seed.ts';

describe('read routes', () => {
  let sentry: TestLocalSentry & AsyncDisposable;
  beforeAll(async () => {
    sentry = await server();
  });
  afterAll(async () => {
    await sentry[Symbol.asyncDispose]();
  });
  it('projects: list (id:, slug:, all_projects), detail, keys, hooks, feedback, users, tag values', async () => {
    const all = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/projects/');
    expect(all.body.map((p) => p['slug'])).toEqual([
      'android',
      'api-gateway',
      'backend',
      'frontend',
    ]);
    const backend = must(acme().projectsBySlug.get('backend'));
    const frontend = must(acme().projectsBySlug.get('frontend'));
    const byId = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/projects/?query=${encodeURIComponent(`id:${backend.wire.id} id:${frontend.wire.id}`)}`,
    );
    expect(byId.body.map((p) => p['slug'])).toEqual(['backend', 'frontend']);
    const bySlug = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/projects/?query=${encodeURIComponent('slug:backend slug:android')}`,
    );
    expect(bySlug.body.map((p) => p['slug'])).toEqual(['android', 'backend']);
    const unknownKey = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/projects/?query=color:red',
    );
    expect(unknownKey.body).toEqual([]);
    const allProjects = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/projects/?all_projects=1&per_page=1',
    );
    expect(allProjects.body).toHaveLength(4);
    expect(allProjects.headers.get('link')).toBeNull();

    const detail = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/');
    expect(detail.body).toMatchObject({
      slug: 'backend',
      platform: 'python',
      organization: { slug: 'acme' },
    });
    expect((await sentry.fetchJson(`/api/0/projects/acme/${backend.wire.id}/`)).status).toBe(200);
    expect((await sentry.fetchJson('/api/0/projects/acme/nope/')).status).toBe(404);
    expect((await sentry.fetchJson('/api/0/projects/globex/backend/')).status).toBe(404);

    const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/keys/');
    expect(keys.body[0]).toMatchObject({
      dsn: { public: expect.stringContaining(`@${new URL(sentry.url).host}/`) },
    });
    const keyId = String(keys.body[0]?.['id']);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/keys/${keyId}/`)).body,
    ).toMatchObject({ id: keyId });
    expect((await sentry.fetchJson('/api/0/projects/acme/backend/keys/nope/')).status).toBe(404);

    const hooks = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/hooks/');
    expect(hooks.status).toBe(200);
    const hook = must(backend.hooks[0]);
    const hookDetail = await sentry.fetchJson<Row>(
      `/api/0/projects/acme/backend/hooks/${hook.wire.id}/`,
    );
    expect(hookDetail.body).toMatchObject({
      id: hook.wire.id,
      url: hook.wire.url,
      events: hook.wire.events,
    });

    const feedback = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    expect(feedback.body.length).toBe(backend.feedback.length);
    expect(feedback.body[0]).toMatchObject({
      eventID: expect.any(String),
      comments: expect.any(String),
    });

    const users = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/users/?per_page=5');
    expect(users.body).toHaveLength(5);
    const email = String(users.body[0]?.['email']);
    const one = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/users/?query=email:${encodeURIComponent(email)}`,
    );
    expect(one.body.map((u) => u['email'])).toEqual([email]);

    const values = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/tags/environment/values/',
    );
    expect(values.body.length).toBeGreaterThan(0);
    expect(values.body[0]).toMatchObject({
      key: 'environment',
      value: expect.any(String),
      count: expect.any(Number),
    });
  });
});

describe('mutations persist', () => {
  it('project keys and service hooks: create, update, delete', async () => {
    await using sentry = await server();
    const key = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/keys/', {
      method: 'POST',
      body: { name: 'CI' },
    });
    expect(key.status).toBe(201);
    const keyId = String(key.body['id']);
    const keyPut = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/keys/${keyId}/`, {
      method: 'PUT',
      body: { name: 'CI key', isActive: false, rateLimit: { count: 10, window: 60 } },
    });
    expect(keyPut.body).toMatchObject({
      name: 'CI key',
      isActive: false,
      rateLimit: { count: 10, window: 60 },
    });
    const inactive = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/keys/?status=inactive',
    );
    expect(inactive.body.map((k) => k['id'])).toEqual([keyId]);
    expect(
      (await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${keyId}/`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${keyId}/`)).status).toBe(
      404,
    );

    const hook = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/hooks/', {
      method: 'POST',
      body: { url: 'https://example.com/hook', events: ['event.created'] },
    });
    expect(hook.status).toBe(201);
    const hookId = String(hook.body['id']);
    const badHook = await sentry.fetchJson('/api/0/projects/acme/backend/hooks/', {
      method: 'POST',
      body: { url: 'https://example.com/hook', events: ['nope'] },
    });
    expect(badHook.status).toBe(400);
    const hookPut = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/hooks/${hookId}/`, {
      method: 'PUT',
      body: { events: ['event.alert'] },
    });
    expect(hookPut.body).toMatchObject({
      url: 'https://example.com/hook',
      events: ['event.alert'],
    });
    expect(
      (
        await sentry.fetchJson(`/api/0/projects/acme/backend/hooks/${hookId}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/projects/acme/backend/hooks/${hookId}/`)).status).toBe(
      404,
    );
  });

  it('user feedback: submit then list', async () => {
    await using sentry = await server();
    const event = must(must(acme().projectsBySlug.get('backend')).events[0]);
    const created = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/user-feedback/', {
      method: 'POST',
      body: { event_id: event.id, name: 'Pat', email: 'pat@example.com', comments: 'It broke.' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      eventID: event.id,
      comments: 'It broke.',
      issue: { id: event.issueId },
    });
    const list = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    expect(list.body[0]).toMatchObject({ id: created.body['id'] });
    const invalid = await sentry.fetchJson('/api/0/projects/acme/backend/user-feedback/', {
      method: 'POST',
      body: { event_id: event.id, name: 'Pat', email: 'not-an-email', comments: 'x' },
    });
    expect(invalid.status).toBe(400);
  });
});

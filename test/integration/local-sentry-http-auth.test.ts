/** Local Sentry HTTP: auth and scopes, 404 and 405 shapes, paths that try another route. */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

const data = () => generateData({ seed: 1, scale: 'small' });

/** Sends a raw request line (no URL normalisation, unlike fetch). */
function rawGet(url: string, path: string, token = 'local-demo-token') {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: 'GET', headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('auth', () => {
  it('answers 401 without or with an unknown token', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const none = await sentry.fetchJson('/api/0/organizations/', { token: null });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    const bad = await sentry.fetchJson('/api/0/organizations/', { token: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ detail: 'Invalid token' });
    const basic = await sentry.fetchJson('/api/0/organizations/', {
      token: null,
      headers: { Authorization: 'Basic abc' },
    });
    expect(basic.status).toBe(401);
  });

  it('answers 403 with an insufficient_scope challenge when a scope is missing', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      tokens: [
        { token: 'reader', scopes: ['org:read', 'project:read'] },
        { token: 'ci', scopes: ['org:ci'] },
      ],
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/', { token: 'reader' })).status).toBe(
      200,
    );
    const issues = await sentry.fetchJson('/api/0/organizations/acme/issues/', { token: 'reader' });
    expect(issues.status).toBe(403);
    expect(issues.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect(issues.headers.get('www-authenticate')).toMatch(/^Bearer error="insufficient_scope"/);
    const write = await sentry.fetchJson('/api/0/organizations/acme/', {
      token: 'reader',
      method: 'PUT',
      body: { name: 'x' },
    });
    expect(write.status).toBe(403);
    // An org:ci token covers releases and nothing else.
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/releases/', { token: 'ci' })).status,
    ).toBe(200);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/projects/', { token: 'ci' })).status,
    ).toBe(403);
  });

  it('limits a token to its organizations: 403 for others, 404 for unknown ones', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      tokens: [{ token: 'acme-only', scopes: ['org:read', 'event:read'], organizations: ['acme'] }],
    });
    const orgs = await sentry.fetchJson<Row[]>('/api/0/organizations/', { token: 'acme-only' });
    expect(orgs.body.map((o) => o['slug'])).toEqual(['acme']);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/', { token: 'acme-only' })).status,
    ).toBe(200);
    const foreign = await sentry.fetchJson('/api/0/organizations/globex/', { token: 'acme-only' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    const unknown = await sentry.fetchJson('/api/0/organizations/nope/', { token: 'acme-only' });
    expect(unknown.status).toBe(404);
    const globexIssue = sentry.data.organizations.get('globex')?.issues[0]?.wire.id;
    const legacy = await sentry.fetchJson(`/api/0/issues/${globexIssue}/`, { token: 'acme-only' });
    expect(legacy.status).toBe(403);
  });
});

describe('404 and 405', () => {
  it('answers unknown routes, resources and missing trailing slashes with 404 JSON', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    for (const path of [
      '/api/0/nope/',
      '/api/0/organizations/acme',
      '/api/0/organizations/nope/',
      '/api/0/projects/acme/nope/',
      '/',
    ]) {
      const response = await sentry.fetchJson(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).toEqual({ detail: 'The requested resource does not exist' });
      expect(response.headers.get('content-type')).toBe('application/json');
    }
    const method = await sentry.fetchJson('/api/0/organizations/', { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
  });

  it('answers malformed JSON bodies with 400', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const response = await fetch(`${sentry.url}/api/0/organizations/acme/`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${sentry.token}`, 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      detail: expect.stringMatching(/^JSON parse error/),
    });
  });
});

describe('hostile path values', () => {
  it('never reach another route', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const unmatched = [
      '/api/0/organizations/..%2Fglobex/',
      '/api/0/organizations/acme/issues/..%2F..%2F/',
      '/api/0/organizations/acme%2F..%2Fglobex/issues/',
      '/api/0/organizations/acme/../globex/',
      '/api/0/organizations/acme/%2E%2E/',
      '/api/0/organizations/acme/releases/a%2Fb/',
      '/api/0/organizations/acme/releases/%E0%A4%A/',
    ];
    for (const path of unmatched) {
      const response = await rawGet(sentry.url, path);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body), path).toEqual({
        detail: 'The requested resource does not exist',
      });
    }
    const data404 = [
      '/api/0/organizations/acme/releases/x%3Fy/',
      '/api/0/organizations/acme/releases/%23/',
      '/api/0/organizations/acme/releases/..%3F/',
    ];
    for (const path of data404) {
      expect((await rawGet(sentry.url, path)).status, path).toBe(404);
    }
    expect(sentry.stats().byRoute).toEqual({
      'GET (unmatched)': unmatched.length,
      'GET /api/0/organizations/{org}/releases/{version}/': data404.length,
    });
  });
});

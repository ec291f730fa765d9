/**
 * Sentry's HTTP semantics in the local Sentry: auth and scopes, 404 shapes, cursor pagination
 * and Link headers, rate limits, injected latency and faults, request counters, and paths that
 * try to reach another route.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { tokenHash } from '../../src/local-sentry/http/auth.ts';
import { fetchJson, nextCursor, withLocalSentry } from '../helpers/local-sentry.ts';

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

/** What one request ended as: a status, or a transport failure. */
async function outcome(url: string, path: string): Promise<string> {
  try {
    const response = await fetch(`${url}${path}`, {
      headers: { Authorization: 'Bearer local-demo-token' },
    });
    const text = await response.text();
    try {
      JSON.parse(text);
      return String(response.status);
    } catch {
      return `${response.status} ${text === '' ? 'empty' : 'malformed'}`;
    }
  } catch {
    return 'reset';
  }
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

describe('pagination', () => {
  it('walks every list page by page with each item exactly once', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const acme = sentry.data.organizations.get('acme');
    const issue = acme?.issues.find((i) => i.events.length > 7);
    const lists: [path: string, total: number, id: string][] = [
      ['/api/0/organizations/acme/issues/?query=&limit=7', acme?.issues.length ?? 0, 'id'],
      ['/api/0/organizations/acme/members/?per_page=7', acme?.members.length ?? 0, 'id'],
      ['/api/0/organizations/acme/releases/?per_page=7', acme?.releases.length ?? 0, 'version'],
      [
        '/api/0/projects/acme/backend/events/?per_page=7',
        acme?.projectsBySlug.get('backend')?.events.length ?? 0,
        'eventID',
      ],
      [
        `/api/0/organizations/acme/issues/${issue?.wire.id}/events/?per_page=7`,
        issue?.events.length ?? 0,
        'eventID',
      ],
    ];
    for (const [path, total, id] of lists) {
      expect(total, path).toBeGreaterThan(7);
      const { rows, pages } = await sentry.fetchAll<Row>(path);
      const ids = rows.map((row) => String(row[id]));
      expect(ids.length, path).toBe(total);
      expect(new Set(ids).size, path).toBe(total);
      expect(pages, path).toBe(Math.ceil(total / 7));
    }
  });

  it('sends both Link rels with results and cursor, absolute, keeping the query', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const first = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/members/?per_page=7&query=',
    );
    const base = `${sentry.url}/api/0/organizations/acme/members/?per_page=7&query=`;
    expect(first.headers.get('link')).toBe(
      `<${base}&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
        `<${base}&cursor=0:7:0>; rel="next"; results="true"; cursor="0:7:0"`,
    );
    const second = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/members/?per_page=7&query=&cursor=0:7:0',
    );
    expect(second.headers.get('link')).toBe(
      `<${base}&cursor=0:0:1>; rel="previous"; results="true"; cursor="0:0:1", ` +
        `<${base}&cursor=0:14:0>; rel="next"; results="false"; cursor="0:14:0"`,
    );
    expect(nextCursor(second.headers.get('link'))).toBeUndefined();
    const bare = await sentry.fetchJson<Row[]>('/api/0/organizations/');
    expect(bare.headers.get('link')).toContain(
      `<${sentry.url}/api/0/organizations/?&cursor=0:0:1>`,
    );
  });

  it('refuses page sizes outside 1..100 and malformed cursors', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    for (const value of ['0', '101', 'abc', '-5']) {
      const response = await sentry.fetchJson<Row>(
        `/api/0/organizations/acme/members/?per_page=${value}`,
      );
      expect(response.status, value).toBe(400);
      expect(String(response.body['detail'])).toMatch(/per_page/);
      const issues = await sentry.fetchJson<Row>(
        `/api/0/organizations/acme/issues/?limit=${value}`,
      );
      expect(issues.status, value).toBe(400);
    }
    const cursor = await sentry.fetchJson('/api/0/organizations/acme/members/?cursor=bogus');
    expect(cursor.status).toBe(400);
    expect(cursor.body).toEqual({ detail: 'Invalid cursor parameter.' });
    expect((await sentry.fetchJson('/api/0/organizations/acme/members/?per_page=100')).status).toBe(
      200,
    );
  });

  it('counts hits on issue and event lists', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const acme = sentry.data.organizations.get('acme');
    const issues = await sentry.fetchJson('/api/0/organizations/acme/issues/?query=&limit=1');
    expect(issues.headers.get('x-hits')).toBe(String(acme?.issues.length));
    expect(issues.headers.get('x-max-hits')).toBe('1000');
    const events = await sentry.fetchJson('/api/0/projects/acme/backend/events/?per_page=1');
    expect(events.headers.get('x-hits')).toBe(
      String(Math.min(1000, acme?.projectsBySlug.get('backend')?.events.length ?? 0)),
    );
    const members = await sentry.fetchJson('/api/0/organizations/acme/members/');
    expect(members.headers.get('x-hits')).toBeNull();
  });
});

describe('rate limits', () => {
  it('sends the X-Sentry-Rate-Limit-* headers on every response', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      faults: { 'GET /api/0/organizations/globex/': 503 },
    });
    const responses = [
      await sentry.fetchJson('/api/0/organizations/'),
      await sentry.fetchJson('/api/0/organizations/', { token: null }),
      await sentry.fetchJson('/api/0/organizations/nope/'),
      await sentry.fetchJson('/api/0/nope/'),
      await sentry.fetchJson('/api/0/organizations/globex/'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 404, 503]);
    for (const response of responses) {
      for (const name of [
        'Limit',
        'Remaining',
        'Reset',
        'ConcurrentLimit',
        'ConcurrentRemaining',
      ]) {
        expect(response.headers.get(`x-sentry-rate-limit-${name}`), name).toMatch(/^\d+$/);
      }
    }
  });

  it('answers 429 with a bare JSON string and no Retry-After past the budget', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      tokens: [
        { token: 'a', scopes: ['org:read'] },
        { token: 'b', scopes: ['org:read'] },
      ],
      rateLimit: { limit: 3, windowSeconds: 60, concurrentLimit: 25 },
    });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await sentry.fetchJson('/api/0/organizations/', { token: 'a' });
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get('x-sentry-rate-limit-remaining') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await sentry.fetchJson('/api/0/organizations/', { token: 'a' });
    expect(limited.status).toBe(429);
    expect(limited.text).toBe(
      '"You are attempting to use this endpoint too frequently. Limit is 3 requests in 60 seconds"',
    );
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-sentry-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-sentry-rate-limit-reset'));
    const now = Date.now() / 1000;
    expect(reset).toBeGreaterThan(now);
    expect(reset).toBeLessThanOrEqual(now + 61);
    // Per token and per endpoint.
    expect((await sentry.fetchJson('/api/0/organizations/', { token: 'b' })).status).toBe(200);
    expect((await sentry.fetchJson('/api/0/organizations/acme/', { token: 'a' })).status).toBe(200);
  });

  it('answers 429 past the concurrent limit', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      latencyMs: 200,
      rateLimit: { limit: 1000, windowSeconds: 60, concurrentLimit: 2 },
    });
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        sentry.fetchJson('/api/0/organizations/').then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect((await sentry.fetchJson('/api/0/organizations/')).status).toBe(200);
  });
});

describe('latency and faults', () => {
  it('adds latency before every response', async () => {
    await using sentry = await withLocalSentry({ data: data(), latencyMs: 150 });
    const started = performance.now();
    await sentry.fetchJson('/api/0/organizations/');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('draws the same faults from the same seed', async () => {
    const run = async (seed: number) => {
      await using sentry = await withLocalSentry({ data: data(), seed, failRate: 0.4 });
      const outcomes: string[] = [];
      for (let i = 0; i < 24; i++)
        outcomes.push(await outcome(sentry.url, '/api/0/organizations/acme/'));
      return outcomes;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.filter((o) => o !== '200').length).toBeGreaterThan(3);
    expect(await run(8)).not.toEqual(first);
  }, 120_000);

  it('forces faults by concrete path and by route template', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      faults: {
        'GET /api/0/organizations/acme/': 503,
        'GET /api/0/organizations/{org}/members/': 'reset',
        'GET /api/0/organizations/acme/teams/': 'malformed',
        'GET /api/0/organizations/acme/projects/': 'empty',
      },
    });
    const unavailable = await sentry.fetchJson('/api/0/organizations/acme/');
    expect(unavailable.status).toBe(503);
    expect((await sentry.fetchJson('/api/0/organizations/globex/')).status).toBe(200);
    expect(await outcome(sentry.url, '/api/0/organizations/globex/members/')).toBe('reset');
    expect(await outcome(sentry.url, '/api/0/organizations/acme/teams/')).toBe('200 malformed');
    expect(await outcome(sentry.url, '/api/0/organizations/acme/projects/')).toBe('500 empty');
    expect((await sentry.fetchJson('/api/0/organizations/globex/teams/')).status).toBe(200);
  });

  it('trickles a slow body over about a second and a half', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      faults: { 'GET /api/0/organizations/{org}/': 'slow' },
    });
    const started = performance.now();
    const response = await fetch(`${sentry.url}/api/0/organizations/acme/`, {
      headers: { Authorization: `Bearer ${sentry.token}` },
    });
    const headersAt = performance.now() - started;
    const body = (await response.json()) as Row;
    const total = performance.now() - started;
    expect(response.status).toBe(200);
    expect(body['slug']).toBe('acme');
    expect(headersAt).toBeLessThan(500);
    expect(total).toBeGreaterThan(1000);
  });

  it('changes faults at runtime with setFaults and POST /_local/faults', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    sentry.setFaults({ 'GET /api/0/organizations/': 502 });
    expect((await sentry.fetchJson('/api/0/organizations/')).status).toBe(502);
    const posted = await fetchJson(sentry.url, '/_local/faults', {
      method: 'POST',
      body: { faults: { 'GET /api/0/organizations/{org}/': 500 } },
    });
    expect(posted.status).toBe(200);
    expect((await sentry.fetchJson('/api/0/organizations/')).status).toBe(200);
    const failed = await sentry.fetchJson<Row>('/api/0/organizations/acme/');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ detail: 'Internal Error' });
    const invalid = await fetchJson(sentry.url, '/_local/faults', {
      method: 'POST',
      body: { faults: { 'GET /x/': 'boom' } },
    });
    expect(invalid.status).toBe(400);
    await fetchJson(sentry.url, '/_local/faults', { method: 'POST', body: { faults: {} } });
    expect((await sentry.fetchJson('/api/0/organizations/acme/')).status).toBe(200);
    expect(() => sentry.setFaults({}, 2)).toThrow(/failRate/);
  });
});

describe('counters', () => {
  it('counts requests by route template; /_local/* is not counted; reset zeroes', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    await sentry.fetchJson('/api/0/organizations/acme/issues/?query=');
    await sentry.fetchJson('/api/0/organizations/globex/issues/?query=');
    await sentry.fetchJson('/api/0/organizations/acme/');
    await sentry.fetchJson('/api/0/organizations/acme/', { token: null });
    await sentry.fetchJson('/api/0/nope/');
    const expected = {
      requests: 5,
      byRoute: {
        'GET /api/0/organizations/{org}/issues/': 2,
        'GET /api/0/organizations/{org}/': 2,
        'GET (unmatched)': 1,
      },
    };
    expect(sentry.stats()).toEqual(expected);
    expect((await fetchJson(sentry.url, '/_local/stats')).body).toEqual(expected);
    const reset = await fetchJson(sentry.url, '/_local/stats/reset', { method: 'POST' });
    expect(reset.body).toEqual({ requests: 0, byRoute: {} });
    expect(sentry.stats()).toEqual({ requests: 0, byRoute: {} });
    await sentry.fetchJson('/api/0/organizations/');
    sentry.resetStats();
    expect(sentry.stats().requests).toBe(0);
  });

  it('reports the most requests in flight at once, overall and per token', async () => {
    await using sentry = await withLocalSentry({
      data: data(),
      latencyMs: 150,
      tokens: [
        { token: 'one', scopes: ['org:read'] },
        { token: 'two', scopes: ['org:read'] },
      ],
    });
    await Promise.all([
      ...Array.from({ length: 4 }, () =>
        sentry.fetchJson('/api/0/organizations/', { token: 'one' }),
      ),
      sentry.fetchJson('/api/0/organizations/', { token: 'two' }),
    ]);
    const inflight = await fetchJson<{
      max: number;
      current: number;
      byToken: Record<string, Row>;
    }>(sentry.url, '/_local/inflight');
    expect(inflight.body).toMatchObject({ max: 5, current: 0 });
    expect(inflight.body.byToken[tokenHash('one')]).toEqual({ max: 4, current: 0 });
    expect(inflight.body.byToken[tokenHash('two')]).toEqual({ max: 1, current: 0 });
    await fetchJson(sentry.url, '/_local/stats/reset', { method: 'POST' });
    expect((await fetchJson<Row>(sentry.url, '/_local/inflight')).body).toMatchObject({ max: 0 });
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

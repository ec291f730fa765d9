/** Local Sentry traffic behaviour: rate limits, injected latency and faults, request counters. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { tokenHash } from '../../src/local-sentry/http/auth.ts';
import { fetchJson, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

const data = () => generateData({ seed: 1, scale: 'small' });

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

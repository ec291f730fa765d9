import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  requireScope,
  TokenRegistry,
  tokenHash,
} from '../../src/local-sentry/http/auth.ts';
import {
  FaultInjector,
  RANDOM_FAULTS,
  validateFaults,
} from '../../src/local-sentry/http/faults.ts';
import {
  linkHeader,
  paginate,
  parseCursor,
  parsePageSize,
} from '../../src/local-sentry/http/pagination.ts';
import { RateLimiter } from '../../src/local-sentry/http/rate-limit.ts';
import { HttpError } from '../../src/local-sentry/http/reply.ts';
import { Router, splitPath } from '../../src/local-sentry/http/router.ts';
import { Stats } from '../../src/local-sentry/http/stats.ts';

function thrown(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('splitPath', () => {
  it('decodes each segment once', () => {
    expect(splitPath('/api/0/organizations/acme/releases/backend%401.0.0/')).toEqual([
      'api',
      '0',
      'organizations',
      'acme',
      'releases',
      'backend@1.0.0',
    ]);
    expect(splitPath('/api/0/x/%2541/')).toEqual(['api', '0', 'x', '%41']);
  });

  it('refuses paths that could walk to another route', () => {
    for (const path of [
      '/api/0/organizations/..%2Facme/',
      '/api/0/organizations/a%2Fb/',
      '/api/0/organizations/../',
      '/api/0/organizations/%2E%2E/',
      '/api/0/organizations/./',
      '/api/0//organizations/',
      '/api/0/organizations/%E0%A4%A/',
      '/api/0/organizations',
    ]) {
      expect(splitPath(path), path).toBeUndefined();
    }
  });
});

/** Decoded segments of a path that must split. */
function segmentsOf(path: string): string[] {
  const segments = splitPath(path);
  if (!segments) throw new Error(`unsplittable: ${path}`);
  return segments;
}

describe('Router', () => {
  const router = new Router<string>();
  router.add('GET /api/0/organizations/{org}/issues/{issue_id}/events/{event_id}/', 'one');
  router.add('GET /api/0/organizations/{org}/issues/{issue_id}/events/latest/', 'latest');
  router.add('PUT /api/0/organizations/{org}/issues/{issue_id}/', 'put');

  it('prefers literal segments over parameters', () => {
    const latest = router.match(
      'GET',
      segmentsOf('/api/0/organizations/acme/issues/1/events/latest/'),
    );
    expect(latest).toMatchObject({ route: 'latest', params: { org: 'acme', issue_id: '1' } });
    const one = router.match('GET', segmentsOf('/api/0/organizations/acme/issues/1/events/abc/'));
    expect(one).toMatchObject({ route: 'one', params: { event_id: 'abc' } });
  });

  it('matches the method and lists the allowed ones', () => {
    const segments = segmentsOf('/api/0/organizations/acme/issues/1/');
    expect(router.match('GET', segments)).toBeUndefined();
    expect(router.allowedMethods(segments)).toEqual(['PUT']);
  });

  it('rejects duplicate templates', () => {
    expect(() =>
      router.add('PUT /api/0/organizations/{org}/issues/{issue_id}/', 'again'),
    ).toThrow();
  });
});

describe('auth', () => {
  const registry = new TokenRegistry([{ token: 't1', scopes: ['org:read'] }]);

  it('reads Bearer tokens', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer')).toBe('');
  });

  it('answers 401 in Sentry words', () => {
    expect(thrown(() => registry.authenticate(undefined))).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    expect(thrown(() => registry.authenticate('Bearer nope'))).toMatchObject({
      status: 401,
      body: { detail: 'Invalid token' },
    });
    expect(registry.authenticate('Bearer t1').scopes).toEqual(['org:read']);
  });

  it('answers 403 with an insufficient_scope challenge', () => {
    const token = registry.authenticate('Bearer t1');
    expect(() => requireScope(token, ['org:read', 'org:write'])).not.toThrow();
    const error = thrown(() => requireScope(token, ['event:read']));
    expect(error.status).toBe(403);
    expect(error.headers['WWW-Authenticate']).toContain('error="insufficient_scope"');
  });

  it('hashes tokens to a short stable name', () => {
    expect(tokenHash('t1')).toMatch(/^[0-9a-f]{12}$/);
    expect(tokenHash('t1')).toBe(tokenHash('t1'));
  });
});

describe('pagination', () => {
  const context = (query = '') => ({
    selfUrl: 'http://127.0.0.1:1/api/0/x/',
    query: new URLSearchParams(query),
  });

  it('parses cursors and refuses malformed ones', () => {
    expect(parseCursor('0:100:0')).toEqual({ value: 0, offset: 100, isPrev: false });
    expect(parseCursor(null)).toEqual({ value: 0, offset: 0, isPrev: false });
    for (const bad of ['abc', '0:1', '0:-1:0', '0:1:2', '0:1:0:0', 'a:b:c']) {
      expect(thrown(() => parseCursor(bad)).body).toEqual({ detail: 'Invalid cursor parameter.' });
    }
  });

  it('accepts page sizes 1..100 only', () => {
    expect(parsePageSize(new URLSearchParams())).toBe(100);
    expect(parsePageSize(new URLSearchParams('per_page=1'))).toBe(1);
    expect(parsePageSize(new URLSearchParams('limit=100'), 'limit')).toBe(100);
    for (const bad of ['0', '101', 'abc', '-1', '1.5', '']) {
      expect(thrown(() => parsePageSize(new URLSearchParams({ per_page: bad }))).status).toBe(400);
    }
  });

  it('formats the Link header like Sentry, both rels always', () => {
    expect(linkHeader(context(), 0, 100, 250)).toBe(
      '<http://127.0.0.1:1/api/0/x/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
        '<http://127.0.0.1:1/api/0/x/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"',
    );
    expect(linkHeader(context('query=a b&cursor=0:200:0&per_page=100'), 200, 100, 250)).toBe(
      '<http://127.0.0.1:1/api/0/x/?query=a+b&per_page=100&cursor=0:100:1>; rel="previous"; results="true"; cursor="0:100:1", ' +
        '<http://127.0.0.1:1/api/0/x/?query=a+b&per_page=100&cursor=0:300:0>; rel="next"; results="false"; cursor="0:300:0"',
    );
  });

  it('serves pages with X-Hits when asked', () => {
    const items = Array.from({ length: 1500 }, (_, i) => i);
    const reply = paginate(items, context('per_page=10&cursor=0:20:0'), { countHits: true });
    expect(reply.body).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(reply.headers).toMatchObject({ 'X-Hits': '1000', 'X-Max-Hits': '1000' });
  });
});

describe('RateLimiter', () => {
  it('counts a fixed window per caller and endpoint', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10, concurrentLimit: 5 }, () => now);
    const a = limiter.acquire('t', 'GET /x/');
    expect(a.headers).toMatchObject({
      'X-Sentry-Rate-Limit-Limit': '2',
      'X-Sentry-Rate-Limit-Remaining': '1',
      'X-Sentry-Rate-Limit-Reset': '1010',
      'X-Sentry-Rate-Limit-ConcurrentLimit': '5',
      'X-Sentry-Rate-Limit-ConcurrentRemaining': '4',
    });
    a.release();
    limiter.acquire('t', 'GET /x/').release();
    const error = thrown(() => limiter.acquire('t', 'GET /x/'));
    expect(error.status).toBe(429);
    expect(error.body).toBe(
      'You are attempting to use this endpoint too frequently. Limit is 2 requests in 10 seconds',
    );
    expect(error.headers['X-Sentry-Rate-Limit-Remaining']).toBe('0');
    expect(error.headers['Retry-After']).toBeUndefined();
    // Another endpoint and another caller have their own budget; the next window starts afresh.
    expect(() => limiter.acquire('t', 'GET /y/').release()).not.toThrow();
    expect(() => limiter.acquire('u', 'GET /x/').release()).not.toThrow();
    now += 10_000;
    expect(() => limiter.acquire('t', 'GET /x/').release()).not.toThrow();
  });

  it('limits requests in flight', () => {
    const limiter = new RateLimiter({ limit: 100, windowSeconds: 1, concurrentLimit: 1 });
    const first = limiter.acquire('t', 'GET /x/');
    expect(thrown(() => limiter.acquire('t', 'GET /x/')).status).toBe(429);
    first.release();
    expect(() => limiter.acquire('t', 'GET /x/')).not.toThrow();
  });
});

describe('FaultInjector', () => {
  it('draws the same faults from the same seed', () => {
    const draw = (seed: number) => {
      const injector = new FaultInjector(seed, {}, 0.5);
      return Array.from({ length: 50 }, () => injector.pick(['GET /x/']));
    };
    const run = draw(7);
    expect(draw(7)).toEqual(run);
    expect(draw(8)).not.toEqual(run);
    expect(run.filter((f) => f !== undefined).length).toBeGreaterThan(10);
    for (const fault of run) if (fault !== undefined) expect(RANDOM_FAULTS).toContain(fault);
  });

  it('forces faults by key, concrete path first', () => {
    const injector = new FaultInjector(1, {
      'GET /api/0/organizations/acme/': 503,
      'GET /api/0/organizations/{org}/': 'reset',
    });
    expect(
      injector.pick(['GET /api/0/organizations/acme/', 'GET /api/0/organizations/{org}/']),
    ).toBe(503);
    expect(
      injector.pick(['GET /api/0/organizations/globex/', 'GET /api/0/organizations/{org}/']),
    ).toBe('reset');
    injector.set({});
    expect(injector.pick(['GET /api/0/organizations/acme/'])).toBeUndefined();
  });

  it('validates fault maps', () => {
    expect(validateFaults({ 'GET /x/': 503 }, 0.1)).toBeUndefined();
    expect(validateFaults({ 'GET /x/': 'boom' }, 0)).toMatch(/Invalid fault/);
    expect(validateFaults({ x: 503 }, 0)).toMatch(/Invalid fault key/);
    expect(validateFaults({}, 2)).toMatch(/failRate/);
  });
});

describe('Stats', () => {
  it('counts by route and tracks the in-flight maximum per token', () => {
    const stats = new Stats();
    stats.count('GET /a/');
    stats.count('GET /a/');
    stats.count('PUT /b/');
    expect(stats.snapshot()).toEqual({ requests: 3, byRoute: { 'GET /a/': 2, 'PUT /b/': 1 } });
    const leaveA = stats.enter('t');
    const leaveB = stats.enter('t');
    leaveA();
    leaveA();
    expect(stats.inflight()).toMatchObject({ max: 2, current: 1 });
    expect(stats.inflight().byToken[tokenHash('t')]).toEqual({ max: 2, current: 1 });
    stats.reset();
    expect(stats.snapshot()).toEqual({ requests: 0, byRoute: {} });
    expect(stats.inflight()).toMatchObject({ max: 1, current: 1 });
    leaveB();
  });
});

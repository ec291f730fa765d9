import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { type LocalSentryOptions, startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import {
  SentryBadRequestError,
  SentryForbiddenError,
  SentryNotFoundError,
  SentryRateLimitedError,
  SentryUnauthenticatedError,
  SentryUpstreamError,
} from '../../src/sentry/http/errors.ts';
import { createUpstream, type UpstreamOptions } from '../../src/sentry/http/upstream.ts';

/** A local Sentry and an upstream pointed at it, both closed with `await using`. */
async function setup(
  local: LocalSentryOptions = {},
  upstreamOptions: Partial<UpstreamOptions> = {},
) {
  const sentry = await startLocalSentry(local);
  const upstream = createUpstream({
    baseUrl: sentry.url,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...upstreamOptions,
  });
  return {
    sentry,
    upstream,
    client: (token: string | undefined = sentry.token) => new SentryClient({ upstream, token }),
    async [Symbol.asyncDispose]() {
      await upstream.close();
      await sentry.close();
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('SentryClient errors from a real local Sentry', () => {
  it('401 for an unknown token, without echoing it', async () => {
    await using env = await setup();
    const client = env.client('not-a-real-token-123');
    const error = await failure(client.organizations.get('acme'));
    expect(error).toBeInstanceOf(SentryUnauthenticatedError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: 'Invalid token' });
    expect(String((error as Error).message)).not.toContain('not-a-real-token-123');
    expect(client.requestCount).toBe(1);
  });

  it('refuses locally when there is no token at all', async () => {
    await using env = await setup();
    const client = new SentryClient({ upstream: env.upstream });
    expect(client.hasToken).toBe(false);
    await expect(client.organizations.list()).rejects.toBeInstanceOf(SentryUnauthenticatedError);
    expect(client.requestCount).toBe(0);
    expect(env.sentry.stats().requests).toBe(0);
  });

  it('403 for a token without the scope, and for another organization', async () => {
    await using env = await setup({
      tokens: [
        { token: 'full-token', scopes: [...ALL_SCOPES] },
        { token: 'org-read-only', scopes: ['org:read'] },
        { token: 'globex-only', scopes: [...ALL_SCOPES], organizations: ['globex'] },
      ],
    });
    const scoped = await failure(env.client('org-read-only').issues.list('acme'));
    expect(scoped).toBeInstanceOf(SentryForbiddenError);
    expect(scoped).toMatchObject({ status: 403, code: 'FORBIDDEN', insufficientScope: true });
    const otherOrg = await failure(env.client('globex-only').organizations.get('acme'));
    expect(otherOrg).toBeInstanceOf(SentryForbiddenError);
    expect(otherOrg).toMatchObject({ insufficientScope: false });
    await expect(env.client('globex-only').organizations.get('globex')).resolves.toMatchObject({
      slug: 'globex',
    });
  });

  it('404 for unknown resources', async () => {
    await using env = await setup();
    const client = env.client();
    await expect(client.organizations.get('no-such-org')).rejects.toBeInstanceOf(
      SentryNotFoundError,
    );
    await expect(client.projects.get('acme', 'no-such-project')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      detail: 'The requested resource does not exist',
    });
    await expect(client.issues.get('acme', '999999999')).rejects.toBeInstanceOf(
      SentryNotFoundError,
    );
    expect(client.requestCount).toBe(3); // 4xx are never retried
  });

  it('400 for an out-of-range page size (Sentry does not clamp)', async () => {
    await using env = await setup();
    const client = env.client();
    const error = await failure(client.projects.list('acme', { perPage: 101 }));
    expect(error).toBeInstanceOf(SentryBadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', local: false });
    expect((error as Error).message).toContain('per_page');
    await expect(client.issues.list('acme', { perPage: 0 })).rejects.toBeInstanceOf(
      SentryBadRequestError,
    );
  });

  it('a spent budget fails fast with retryAfterSeconds, without calling Sentry', async () => {
    await using env = await setup({
      rateLimit: { limit: 2, windowSeconds: 3600, concurrentLimit: 25 },
    });
    const client = env.client();
    await client.organizations.get('acme');
    await client.organizations.get('acme');
    expect(client.rateLimit()).toMatchObject({ limit: 2, remaining: 0, concurrentLimit: 25 });
    // Remaining: 0 said the budget is spent: the next call is refused here, not sent for a 429.
    const error = await failure(client.organizations.get('acme'));
    expect(error).toBeInstanceOf(SentryRateLimitedError);
    const { retryAfterSeconds } = error as SentryRateLimitedError;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect((error as Error).message).toContain('rate limit');
    expect(client.requestCount).toBe(2);
    expect(env.sentry.stats().requests).toBe(2);
    expect(env.upstream.stats().rateLimited).toBe(1);
    // The budget is per endpoint: another route still answers.
    await expect(client.projects.list('acme')).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('a spent budget whose reset is within maxRateLimitWaitMs: a GET waits, then goes once', async () => {
    await using env = await setup({
      rateLimit: { limit: 1, windowSeconds: 1, concurrentLimit: 25 },
    });
    // Start early in a one-second window so both calls land in it.
    while (Date.now() % 1000 > 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const client = env.client();
    await client.organizations.get('acme');
    const started = Date.now();
    await expect(client.organizations.get('acme')).resolves.toMatchObject({ slug: 'acme' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    // No 429 on the way: the second call waited for the window Sentry named, then went.
    expect(client.requestCount).toBe(2);
    expect(env.upstream.stats().rateLimitRetries).toBe(1);
  });

  it('a forced 429 is retried once, then reported', async () => {
    await using env = await setup({
      faults: { 'GET /api/0/organizations/{org}/': 429 },
    });
    const client = env.client();
    const error = await failure(client.organizations.get('acme'));
    expect(error).toBeInstanceOf(SentryRateLimitedError);
    expect(client.requestCount).toBe(2);
    expect(env.sentry.stats().byRoute['GET /api/0/organizations/{org}/']).toBe(2);
  });

  it('a 429 on a write is never retried', async () => {
    await using env = await setup(
      { faults: { 'PUT /api/0/organizations/{org}/': 429 } },
      { maxRateLimitWaitMs: 5000 },
    );
    const client = env.client();
    await expect(client.organizations.update('acme', { name: 'Acme' })).rejects.toBeInstanceOf(
      SentryRateLimitedError,
    );
    expect(client.requestCount).toBe(1);
  });

  it.each([
    [503, 'status'],
    [500, 'status'],
    ['empty', 'status'],
    ['reset', 'connection'],
    ['malformed', 'malformed'],
  ] as const)(
    '%s on every attempt: 3 attempts, then SentryUpstreamError (%s)',
    async (fault, kind) => {
      await using env = await setup({ faults: { 'GET /api/0/organizations/acme/': fault } });
      const client = env.client();
      const error = await failure(client.organizations.get('acme'));
      expect(error).toBeInstanceOf(SentryUpstreamError);
      expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', failure: kind });
      expect(client.requestCount).toBe(3);
      expect(env.sentry.stats().byRoute['GET /api/0/organizations/{org}/']).toBe(3);
    },
  );

  it("Sentry's query-timeout 400 is retried on a GET (each attempt reaches the server)", async () => {
    await using env = await setup();
    // Set through the HTTP control endpoint, as a script or another process would.
    const set = await fetch(`${env.sentry.url}/_local/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        faults: { 'GET /api/0/organizations/{org}/issues/': 'query-timeout' },
      }),
    });
    expect(set.status).toBe(200);
    const client = env.client();
    const error = await failure(client.issues.list('acme', { query: 'is:unresolved' }));
    expect(error).toBeInstanceOf(SentryBadRequestError);
    expect(error).toMatchObject({
      status: 400,
      queryTimeout: true,
      detail: 'Query timeout. Please try with a smaller date range or fewer conditions.',
    });
    expect(client.requestCount).toBe(3);
    expect(env.sentry.stats().byRoute['GET /api/0/organizations/{org}/issues/']).toBe(3);

    // A timeout that clears: the retry (~300 ms later, deterministic jitter) brings the data.
    await using transient = await setup(
      { faults: { 'GET /api/0/organizations/{org}/issues/': 'query-timeout' } },
      { retry: { baseDelayMs: 300, maxDelayMs: 300 }, random: () => 0.999 },
    );
    const retried = transient.client();
    const pending = retried.issues.list('acme', { query: 'is:unresolved' });
    while (transient.sentry.stats().requests < 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    transient.sentry.setFaults({});
    expect((await pending).items.length).toBeGreaterThan(0);
    expect(retried.requestCount).toBe(2);
    expect(transient.sentry.stats().byRoute['GET /api/0/organizations/{org}/issues/']).toBe(2);
  });

  it('a query-timeout 400 on a write is never retried', async () => {
    await using env = await setup({
      faults: {
        'PUT /api/0/organizations/{org}/issues/': 'query-timeout',
        'DELETE /api/0/organizations/{org}/issues/': 'query-timeout',
      },
    });
    const client = env.client();
    const issue = env.sentry.data.organizations.get('acme')?.issues[0]?.wire.id ?? '';
    const put = await failure(client.issues.bulkUpdate('acme', [issue], { status: 'resolved' }));
    expect(put).toMatchObject({ status: 400, queryTimeout: true });
    const del = await failure(client.issues.bulkDelete('acme', [issue]));
    expect(del).toMatchObject({ status: 400, queryTimeout: true });
    expect(client.requestCount).toBe(2);
    expect(env.sentry.stats().byRoute).toEqual({
      'PUT /api/0/organizations/{org}/issues/': 1,
      'DELETE /api/0/organizations/{org}/issues/': 1,
    });
  });

  it('a transient 503 is retried and the right data comes back', async () => {
    await using env = await setup(
      { faults: { 'GET /api/0/organizations/acme/': 503 } },
      // Deterministic jitter: the retry comes ~300 ms after the first attempt.
      { retry: { baseDelayMs: 300, maxDelayMs: 300 }, random: () => 0.999 },
    );
    const client = env.client();
    const pending = client.organizations.get('acme');
    while (env.sentry.stats().requests < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    env.sentry.setFaults({});
    await expect(pending).resolves.toMatchObject({ slug: 'acme', name: 'Acme Corp' });
    expect(client.requestCount).toBe(2);
    expect(env.upstream.stats().retries).toBe(1);
  });

  it('a slow body beyond bodyMs times out; within it, succeeds', async () => {
    await using env = await setup(
      { faults: { 'GET /api/0/organizations/{org}/projects/': 'slow' } },
      { timeouts: { bodyMs: 50 } },
    );
    const client = env.client();
    const error = await failure(client.projects.list('acme'));
    expect(error).toBeInstanceOf(SentryUpstreamError);
    expect(error).toMatchObject({ failure: 'timeout', status: 504 });
    expect(client.requestCount).toBe(3);

    await using patient = await setup({
      faults: { 'GET /api/0/organizations/{org}/projects/': 'slow' },
    });
    const page = await patient.client().projects.list('acme');
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('headers that never come within headersMs time out', async () => {
    await using env = await setup(
      { latencyMs: 400 },
      { timeouts: { headersMs: 100 }, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } },
    );
    const client = env.client();
    const started = Date.now();
    const error = await failure(client.organizations.get('acme'));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', failure: 'timeout' });
    expect(client.requestCount).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a refused connection is retried, then reported as a connection failure', async () => {
    // A port that was just listening and is now closed: connections are refused.
    const sentry = await startLocalSentry();
    const url = sentry.url;
    await sentry.close();
    await using upstream = createUpstream({ baseUrl: url, retry: { baseDelayMs: 5 } });
    const client = new SentryClient({ upstream, token: 'any' });
    const started = Date.now();
    const error = await failure(client.organizations.list());
    expect(error).toBeInstanceOf(SentryUpstreamError);
    expect(error).toMatchObject({ failure: 'connection', status: 502 });
    expect(client.requestCount).toBe(3);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a connection reset on a write is reported once, never retried', async () => {
    await using env = await setup({ faults: { 'PUT /api/0/organizations/{org}/': 'reset' } });
    const client = env.client();
    const error = await failure(client.organizations.update('acme', { name: 'Renamed' }));
    expect(error).toBeInstanceOf(SentryUpstreamError);
    expect(error).toMatchObject({ failure: 'connection' });
    expect(client.requestCount).toBe(1);
    expect(env.sentry.stats().byRoute['PUT /api/0/organizations/{org}/']).toBe(1);
  });

  it('bulk writes refuse an empty id list before any request', async () => {
    await using env = await setup();
    const client = env.client();
    await expect(
      client.issues.bulkUpdate('acme', [], { status: 'resolved' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', local: true });
    await expect(client.issues.bulkDelete('acme', [])).rejects.toBeInstanceOf(
      SentryBadRequestError,
    );
    expect(client.requestCount).toBe(0);
    expect(env.sentry.stats().requests).toBe(0);
  });
});

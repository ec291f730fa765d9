import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

interface Inflight {
  max: number;
  current: number;
  byToken: Record<string, { max: number; current: number }>;
}

async function inflight(url: string, token: string): Promise<{ max: number; current: number }> {
  const body = (await (await fetch(`${url}/_local/inflight`)).json()) as Inflight;
  const hash = createHash('sha256').update(token).digest('hex');
  const entry = Object.entries(body.byToken).find(([key]) => hash.startsWith(key));
  return entry?.[1] ?? { max: 0, current: 0 };
}

describe('per-token concurrency at the upstream', () => {
  it('50 parallel GETs with a limit of 4 never have more than 4 in flight', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 40 });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 4 });
    const client = new SentryClient({ upstream, token: sentry.token });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => client.projects.get('acme', 'backend')),
    );
    expect(results.every((project) => project.slug === 'backend')).toBe(true);
    const seen = await inflight(sentry.url, sentry.token);
    console.info(`[sentry-client] concurrency limit 4: upstream saw max ${seen.max} in flight`);
    expect(seen.max).toBeLessThanOrEqual(4);
    expect(seen.max).toBeGreaterThan(1);
    expect(client.requestCount).toBe(50);
  });

  it('the limit is per token: two tokens get a budget each', async () => {
    await using sentry = await startLocalSentry({
      latencyMs: 40,
      tokens: [
        { token: 'token-a', scopes: ['org:read', 'project:read'] },
        { token: 'token-b', scopes: ['org:read', 'project:read'] },
      ],
    });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 2 });
    const a = new SentryClient({ upstream, token: 'token-a' });
    const b = new SentryClient({ upstream, token: 'token-b' });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).projects.get('acme', 'backend')),
    );
    const [seenA, seenB] = [
      await inflight(sentry.url, 'token-a'),
      await inflight(sentry.url, 'token-b'),
    ];
    const all = (await (await fetch(`${sentry.url}/_local/inflight`)).json()) as Inflight;
    expect(seenA.max).toBeLessThanOrEqual(2);
    expect(seenB.max).toBeLessThanOrEqual(2);
    expect(all.max).toBeGreaterThan(2);
  });

  it('lowers the limit to X-Sentry-Rate-Limit-ConcurrentLimit', async () => {
    await using sentry = await startLocalSentry({
      latencyMs: 40,
      rateLimit: { limit: 1_000_000, windowSeconds: 60, concurrentLimit: 2 },
    });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 8 });
    const client = new SentryClient({ upstream, token: sentry.token });
    await client.projects.get('acme', 'backend');
    expect(upstream.concurrencyLimit(sentry.token)).toBe(2);
    await fetch(`${sentry.url}/_local/stats/reset`, { method: 'POST' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.projects.get('acme', 'backend')),
    );
    expect(results).toHaveLength(20);
    expect((await inflight(sentry.url, sentry.token)).max).toBeLessThanOrEqual(2);
  });
});

describe('per-token concurrency learnt from Sentry', () => {
  it('raises the limit to X-Sentry-Rate-Limit-ConcurrentLimit, up to maxConcurrency', async () => {
    await using sentry = await startLocalSentry({
      latencyMs: 40,
      rateLimit: { limit: 1_000_000, windowSeconds: 60, concurrentLimit: 25 },
    });
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    expect(upstream.concurrencyLimit(sentry.token)).toBe(16); // nothing known yet
    await client.projects.get('acme', 'backend');
    expect(upstream.concurrencyLimit(sentry.token)).toBe(25);
    await fetch(`${sentry.url}/_local/stats/reset`, { method: 'POST' });
    await Promise.all(Array.from({ length: 40 }, () => client.projects.get('acme', 'backend')));
    const seen = (await inflight(sentry.url, sentry.token)).max;
    // One wave of 25 where 16 would have split it: more than 16 went at once, never past 25.
    expect(seen).toBeGreaterThan(16);
    expect(seen).toBeLessThanOrEqual(25);

    await using capped = createUpstream({ baseUrl: sentry.url, maxConcurrency: 20 });
    await new SentryClient({ upstream: capped, token: sentry.token }).projects.get(
      'acme',
      'backend',
    );
    expect(capped.concurrencyLimit(sentry.token)).toBe(20);
  });

  it('keeps an explicit concurrency as the ceiling', async () => {
    await using sentry = await startLocalSentry({
      rateLimit: { limit: 1_000_000, windowSeconds: 60, concurrentLimit: 25 },
    });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 4 });
    await new SentryClient({ upstream, token: sentry.token }).projects.get('acme', 'backend');
    expect(upstream.concurrencyLimit(sentry.token)).toBe(4);
  });
});

describe('cancellation', () => {
  it('an abort rejects in-flight and queued calls promptly', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 3000 });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 1 });
    const controller = new AbortController();
    const client = new SentryClient({ upstream, token: sentry.token, signal: controller.signal });
    const calls = Array.from({ length: 5 }, () =>
      client.organizations.get('acme').then(
        () => 'resolved',
        (error: unknown) => (error as Error).name,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    controller.abort();
    expect(await Promise.all(calls)).toEqual(Array(5).fill('AbortError'));
    expect(Date.now() - started).toBeLessThan(500);
    expect(client.requestCount).toBe(1); // the other four never left the queue
    // The pool is still usable by others.
    const other = new SentryClient({ upstream, token: sentry.token });
    await expect(other.organizations.list()).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('many queued calls on one request signal raise no listener-leak warning', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 10 });
    await using upstream = createUpstream({ baseUrl: sentry.url, concurrency: 2 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const client = new SentryClient({
        upstream,
        token: sentry.token,
        signal: new AbortController().signal,
      });
      await Promise.all(Array.from({ length: 40 }, () => client.projects.get('acme', 'backend')));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('an already-aborted signal sends nothing', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({
      upstream,
      token: sentry.token,
      signal: AbortSignal.abort(),
    });
    await expect(client.organizations.get('acme')).rejects.toMatchObject({ name: 'AbortError' });
    expect(client.requestCount).toBe(0);
    expect(sentry.stats().requests).toBe(0);
  });

  it('an abort during a retry back-off stops the retries', async () => {
    await using sentry = await startLocalSentry({
      faults: { 'GET /api/0/organizations/acme/': 503 },
    });
    await using upstream = createUpstream({
      baseUrl: sentry.url,
      retry: { baseDelayMs: 2000, maxDelayMs: 2000 },
      random: () => 0.999,
    });
    const controller = new AbortController();
    const client = new SentryClient({ upstream, token: sentry.token, signal: controller.signal });
    const pending = client.organizations.get('acme');
    while (sentry.stats().requests < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(client.requestCount).toBe(1);
  });
});

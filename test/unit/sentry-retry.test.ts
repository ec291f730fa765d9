import { describe, expect, it } from 'vitest';
import {
  SentryBadRequestError,
  SentryNotFoundError,
  SentryRateLimitedError,
  SentryUpstreamError,
} from '../../src/sentry/http/errors.ts';
import { ConcurrencyLimiter } from '../../src/sentry/http/limiter.ts';
import { backoffDelay, isRetryable, resolveRetry, sleep } from '../../src/sentry/http/retry.ts';

describe('backoffDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('is full jitter under an exponential cap', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(0);
    expect(backoffDelay(1, options, () => 0.999)).toBe(99);
    expect(backoffDelay(2, options, () => 0.999)).toBe(199);
    expect(backoffDelay(3, options, () => 0.999)).toBe(399);
    expect(backoffDelay(4, options, () => 0.5)).toBe(400);
  });

  it('never exceeds maxDelayMs, even for huge attempt numbers', () => {
    for (const retry of [5, 10, 100, 10_000]) {
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(retry, options);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(1000);
      }
    }
  });

  it('resolves defaults and clamps nonsense', () => {
    expect(resolveRetry()).toEqual({
      attempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      totalMs: 5000,
    });
    expect(resolveRetry({ attempts: 0, baseDelayMs: -5 })).toMatchObject({
      attempts: 1,
      baseDelayMs: 0,
    });
  });
});

describe('isRetryable', () => {
  it('retries transient upstream failures and query timeouts only', () => {
    expect(isRetryable(new SentryUpstreamError({ status: 503 }))).toBe(true);
    expect(isRetryable(new SentryUpstreamError({ status: 500 }))).toBe(true);
    expect(isRetryable(new SentryUpstreamError({ status: 501 }))).toBe(false);
    expect(isRetryable(new SentryUpstreamError({ status: 502, failure: 'connection' }))).toBe(true);
    expect(isRetryable(new SentryUpstreamError({ status: 504, failure: 'timeout' }))).toBe(true);
    expect(isRetryable(new SentryUpstreamError({ status: 502, failure: 'malformed' }))).toBe(true);
    expect(isRetryable(new SentryBadRequestError({ status: 400, queryTimeout: true }))).toBe(true);
    expect(isRetryable(new SentryBadRequestError({ status: 400 }))).toBe(false);
    expect(isRetryable(new SentryNotFoundError({ status: 404 }))).toBe(false);
    expect(isRetryable(new SentryRateLimitedError({ status: 429 }))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});

describe('sleep', () => {
  it('rejects promptly with an AbortError when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('ConcurrencyLimiter', () => {
  it('admits at most `limit` and hands slots over in order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const order: string[] = [];
    const c = limiter.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = limiter.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(limiter.queued).toBe(2);
    a();
    a(); // releasing twice frees one slot only
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(limiter.maxActive).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('queues a retry ahead of first attempts', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const order: string[] = [];
    const track = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const fresh = limiter.acquire().then(track('fresh'));
    const retry = limiter.acquire(undefined, true).then(track('retry'));
    release();
    (await retry)();
    (await fresh)();
    expect(order).toEqual(['retry', 'fresh']);
  });

  it('drops an aborted waiter from the queue', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });

  it('honours a lowered limit for new acquisitions', async () => {
    const limiter = new ConcurrencyLimiter(4);
    const releases = [await limiter.acquire(), await limiter.acquire()];
    limiter.setLimit(1);
    let admitted = false;
    const next = limiter.acquire().then((release) => {
      admitted = true;
      return release;
    });
    releases[0]?.();
    await Promise.resolve();
    expect(admitted).toBe(false);
    releases[1]?.();
    (await next)();
    expect(admitted).toBe(true);
  });
});

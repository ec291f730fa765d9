import { describe, expect, it } from 'vitest';
import { apiPath, routeTemplate } from '../../src/sentry/http/api-path.ts';
import { CircuitBreaker, circuitOpenError } from '../../src/sentry/http/circuit-breaker.ts';
import { RateLimitBudgets } from '../../src/sentry/http/rate-limit.ts';
import { isRetryable } from '../../src/sentry/http/retry.ts';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const headers = (remaining: number, resetSeconds: number) => ({
  'x-sentry-rate-limit-remaining': String(remaining),
  'x-sentry-rate-limit-reset': String(resetSeconds),
});

describe('routeTemplate', () => {
  it('names the endpoint of a path apiPath built, not the concrete path', () => {
    const path = apiPath`/api/0/organizations/${'acme'}/issues/${42}/`;
    expect(routeTemplate(path)).toBe('/api/0/organizations/{}/issues/{}/');
    expect(routeTemplate(apiPath`/api/0/organizations/`)).toBe('/api/0/organizations/');
  });
});

describe('RateLimitBudgets', () => {
  it('closes a key on Remaining: 0 until the reset, and only that key', () => {
    const time = clock();
    const budgets = new RateLimitBudgets({ now: time.now });
    const reset = time.now() / 1000 + 10;
    budgets.observe('a', 200, headers(1, reset));
    expect(budgets.closedUntil('a')).toBeUndefined();
    budgets.observe('a', 200, headers(0, reset));
    expect(budgets.closedUntil('a')).toBe(reset * 1000);
    expect(budgets.closedUntil('b')).toBeUndefined();
    time.advance(10_000);
    expect(budgets.closedUntil('a')).toBeUndefined();
  });

  it('closes on a 429 without Remaining; a 429 with budget left (concurrency) closes nothing', () => {
    const time = clock();
    const budgets = new RateLimitBudgets({ now: time.now });
    const reset = time.now() / 1000 + 5;
    budgets.observe('concurrent', 429, headers(3, reset));
    expect(budgets.closedUntil('concurrent')).toBeUndefined();
    budgets.observe('window', 429, { 'x-sentry-rate-limit-reset': String(reset) });
    expect(budgets.closedUntil('window')).toBe(reset * 1000);
    // No reset header: nothing says when to come back, so nothing is closed here.
    budgets.observe('unknown', 429, {});
    expect(budgets.closedUntil('unknown')).toBeUndefined();
  });

  it('an older window does not reopen a budget; a newer one does; a past reset is ignored', () => {
    const time = clock();
    const budgets = new RateLimitBudgets({ now: time.now });
    const reset = time.now() / 1000 + 10;
    budgets.observe('a', 200, headers(0, reset));
    budgets.observe('a', 200, headers(4, reset - 10));
    expect(budgets.closedUntil('a')).toBe(reset * 1000);
    budgets.observe('a', 200, headers(4, reset + 10));
    expect(budgets.closedUntil('a')).toBeUndefined();
    budgets.observe('b', 200, headers(0, time.now() / 1000 - 1));
    expect(budgets.closedUntil('b')).toBeUndefined();
  });

  it('holds at most maxKeys budgets', () => {
    const time = clock();
    const budgets = new RateLimitBudgets({ maxKeys: 3, now: time.now });
    for (const key of ['a', 'b', 'c', 'd']) budgets.observe(key, 429, headers(0, 2000));
    expect(budgets.size).toBe(3);
    expect(budgets.closedUntil('a')).toBeUndefined();
    expect(budgets.closedUntil('d')).toBeDefined();
  });
});

describe('CircuitBreaker', () => {
  it('opens after threshold failures in a row; any answer in between resets the count', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ threshold: 3, coolDownMs: 1000 }, time.now);
    breaker.failed(breaker.admit() as 'call');
    breaker.failed(breaker.admit() as 'call');
    breaker.succeeded(breaker.admit() as 'call');
    breaker.failed(breaker.admit() as 'call');
    breaker.failed(breaker.admit() as 'call');
    expect(breaker.state).toBe('closed');
    breaker.failed(breaker.admit() as 'call');
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toEqual({ refusedForMs: 1000 });
    expect(breaker.refusing()).toBe(1000);
  });

  it('lets one probe through after the cool-down; its failure reopens, its success closes', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ threshold: 1, coolDownMs: 1000 }, time.now);
    breaker.failed(breaker.admit() as 'call');
    time.advance(1000);
    expect(breaker.refusing()).toBeUndefined();
    const probe = breaker.admit();
    expect(probe).toBe('probe');
    expect(breaker.admit()).toEqual({ refusedForMs: 0 });
    breaker.failed('probe');
    expect(breaker.state).toBe('open');
    time.advance(1000);
    expect(breaker.admit()).toBe('probe');
    breaker.succeeded('probe');
    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe('call');
  });

  it('frees the probe slot when the probe neither answered nor failed to connect', () => {
    const time = clock();
    const breaker = new CircuitBreaker({ threshold: 1, coolDownMs: 0 }, time.now);
    breaker.failed(breaker.admit() as 'call');
    expect(breaker.admit()).toBe('probe');
    breaker.released('probe');
    expect(breaker.admit()).toBe('probe');
  });

  it('refusals are UPSTREAM_ERROR with retryAfter, and never retried', () => {
    const error = circuitOpenError(1200, 'GET /api/0/organizations/');
    expect(error).toMatchObject({
      code: 'UPSTREAM_ERROR',
      failure: 'circuit-open',
      retryAfterSeconds: 2,
    });
    expect(isRetryable(error)).toBe(false);
  });
});

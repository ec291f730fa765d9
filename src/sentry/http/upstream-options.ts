/** The settings of `createUpstream` (`upstream.ts`): pools, limits, timeouts, retries, cache. */
import type { buildConnector } from 'undici';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { CircuitBreakerOptions } from './circuit-breaker.ts';
import type { SharedBudgets } from './rate-limit.ts';
import type { RetryOptions } from './retry.ts';

export interface UpstreamTimeouts {
  /**
   * TCP + TLS connect.
   * @default 5000
   */
  connectMs?: number;
  /**
   * From request sent to response headers received (Sentry's slow Discover queries need time).
   * @default 30000
   */
  headersMs?: number;
  /**
   * Longest pause between two chunks of the response body.
   * @default 30000
   */
  bodyMs?: number;
}

export interface UpstreamOptions {
  /**
   * Sentry's base URL. May carry a path (`https://example.com/sentry` sends requests to
   * `/sentry/api/0/...`); a trailing `/api/0` is dropped.
   */
  baseUrl: string;
  /**
   * Keep-alive connections per upstream origin (undici `Pool` size).
   * @default 32
   */
  connections?: number;
  /**
   * Requests in flight per token and upstream origin until Sentry says how many it allows: from
   * then on, that pair follows `X-Sentry-Rate-Limit-ConcurrentLimit` (lowered to it, or raised
   * to it up to `maxConcurrency`), so a fan-out goes in one wave when Sentry allows it. 16 lets a
   * page of 10 per-item calls (e.g. the issues of 10 projects) go out in one wave before anything
   * is known, and stays below the 25 sentry.io allows.
   * @default 16
   */
  concurrency?: number;
  /**
   * The most `X-Sentry-Rate-Limit-ConcurrentLimit` may raise a pair's limit to.
   * @default 32, or `concurrency` when that is given (an explicit limit is not raised)
   */
  maxConcurrency?: number;
  timeouts?: UpstreamTimeouts;
  /**
   * Longest a caller waits for Sentry, from its first call: queueing, attempts, back-offs and
   * rate-limit waits included; then the call fails with `UPSTREAM_ERROR` (a 504, `timeout`).
   * Calls that carry the same `AbortSignal` (the calls of one GraphQL request) share one
   * deadline counted from the first of them, so an operation is answered within about this
   * long whatever the upstream does; a call without a signal has a deadline of its own.
   * @default 15000
   */
  timeoutMs?: number;
  /** Retries of GET requests (never of writes). */
  retry?: RetryOptions;
  /**
   * After a 429 or `X-Sentry-Rate-Limit-Remaining: 0`, no call goes out for that token,
   * endpoint and method until `X-Sentry-Rate-Limit-Reset`. A GET meeting such a spent budget
   * waits for the reset and goes once when that is at most this far away (and within
   * `timeoutMs`); otherwise, and for writes, it fails at once with `RATE_LIMITED` and
   * `retryAfterSeconds`, without calling Sentry.
   * @default 2000
   */
  maxRateLimitWaitMs?: number;
  /**
   * Per upstream origin: after `threshold` connection failures in a row, calls fail fast for
   * `coolDownMs`, then one probe goes through. `false` turns it off.
   * @default { threshold: 5, coolDownMs: 5000 }
   */
  circuitBreaker?: CircuitBreakerOptions | false;
  /**
   * Largest response body accepted, in bytes.
   * @default 33554432 (32 MiB)
   */
  maxResponseBytes?: number;
  /** Extra undici connector options for every pool (a custom CA, a `lookup`, ...). */
  connect?: buildConnector.BuildOptions;
  /** @default 'sentry-graphql-gateway' */
  userAgent?: string;
  /** Source of randomness for jitter (tests). @default Math.random */
  random?: () => number;
  /**
   * The response cache of GETs (`--cache-ttl`), dropped from by writes; identical GETs of one
   * token in flight at once share one call whether or not there is one.
   * @default undefined: no cache
   */
  cache?: ResponseCache | undefined;
  /**
   * Identical GETs of one token in flight at once share one call. `false` only for tests of the
   * transport itself (limits, retries, breakers), which count calls one by one.
   * @default true
   */
  coalesce?: boolean;
  /** Spent rate-limit budgets shared with other instances (Redis). @default none */
  sharedBudgets?: SharedBudgets | undefined;
}

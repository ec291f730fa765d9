/**
 * The process-wide side of the REST client: connection pools per origin, region routing,
 * concurrency limiters per token and origin, Sentry's spent rate-limit budgets, circuit
 * breakers per origin and call deadlines; GETs go through the response cache and coalescing
 * (`../cache/read-through.ts`). How one call runs across its attempts is `call.ts`.
 */
import { Pool } from 'undici';
import { cacheKey } from '../cache/keys.ts';
import { type Reads, read, write } from '../cache/read-through.ts';
import type { CacheStats } from '../cache/response-cache.ts';
import { SingleFlight } from '../cache/single-flight.ts';
import { type ApiPath, queryString, routeTemplate } from './api-path.ts';
import { type CallEnvironment, type CallState, runCall } from './call.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type ResponseHeaders, SentryUpstreamError } from './errors.ts';
import { ConcurrencyLimiter } from './limiter.ts';
import type { CallObserver } from './observer.ts';
import { concurrentLimitOf, parseRateLimit, RateLimitBudgets } from './rate-limit.ts';
import { parseBaseUrl, regionTarget, type Target, trimPath } from './regions.ts';
import { abortReason, resolveRetry } from './retry.ts';
import { MAX_TRACKED_KEYS, tokenHash, trackedSet } from './tracked.ts';
import type { UpstreamOptions, UpstreamTimeouts } from './upstream-options.ts';

export { tokenHash } from './tracked.ts';

import type { SentryRateLimit } from './wire.ts';

export type { UpstreamOptions, UpstreamTimeouts } from './upstream-options.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A query-string value: arrays repeat the key, `undefined` omits it, `''` sends `key=`. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface UpstreamCall {
  method: HttpMethod;
  path: ApiPath;
  query?: QueryParams;
  /** JSON request body. */
  body?: unknown;
  /** A body that is not JSON (a multipart upload): these bytes, under this content type. */
  payload?: { bytes: Uint8Array; contentType: string };
  /** The answer is bytes (a file download), not JSON: `body` is then a `Buffer`. */
  binary?: boolean;
  token: string;
  signal?: AbortSignal;
  /** Organization the call belongs to: routes it to that organization's region. */
  organization?: string;
  /** Called once per HTTP attempt actually sent (retries included). */
  onAttempt?: () => void;
  /** Called when a GET is answered from the response cache (nothing sent). */
  onCacheHit?: () => void;
  /** Called when a GET is answered by an identical GET of the same token in flight. */
  onCoalesced?: () => void;
  /** Told about each attempt, rate-limit wait and refusal (metrics, traces). */
  observer?: CallObserver | undefined;
}

export interface UpstreamResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON (a `Buffer` for a `binary` call); `undefined` for an empty body on a write. */
  body: unknown;
  /**
   * The JSON text `body` was parsed from, as Sentry sent it: a coalesced follower parses its own
   * copy from it (twice as fast as `structuredClone` of the parsed body), and the cache stores
   * it as it is.
   */
  text?: string;
}

/** Counters since creation, for diagnostics and tests. */
export interface UpstreamStats {
  /** HTTP attempts sent. */
  attempts: number;
  /** Attempts that were retries after a retryable failure. */
  retries: number;
  /** Calls that waited for a rate-limit reset, then went. */
  rateLimitRetries: number;
  /** Calls refused without a request because Sentry's budget for them was spent. */
  rateLimited: number;
  /** Calls refused without a request because the origin's circuit breaker was open. */
  circuitRefused: number;
  /** Calls that ran out of `timeoutMs`. */
  timeouts: number;
  /** Region URLs a response named that were refused (not a trusted host). */
  refusedRegions: number;
  /** GETs answered by an identical GET of the same token in flight (nothing sent). */
  coalesced: number;
}

export interface Upstream extends AsyncDisposable {
  /** The configured base URL, normalised (no trailing slash). */
  readonly baseUrl: string;
  /** Sends one logical request: concurrency limit, retries, 429 handling, typed errors. */
  call(call: UpstreamCall): Promise<UpstreamResponse>;
  /**
   * Last rate-limit headers seen for this token: on the organization's origin when given,
   * otherwise the most recent on any origin.
   */
  rateLimit(token: string, organization?: string): SentryRateLimit | undefined;
  /**
   * Routes later calls for `organization` to `regionUrl` (from `links.regionUrl`), if that URL
   * is trusted (see `isTrustedRegion`). Returns whether the region is now in use.
   */
  rememberRegion(organization: string, regionUrl: string | undefined | null): boolean;
  /** The base URL calls for this organization go to. */
  baseUrlFor(organization?: string): string;
  /** Current concurrency limit for a token on an origin (default: the configured one). */
  concurrencyLimit(token: string, organization?: string): number;
  stats(): UpstreamStats;
  /** The response cache's counters, when there is one. */
  cacheStats(): CacheStats | undefined;
  /** The circuit breaker of each origin called so far. */
  circuits(): { origin: string; state: 'closed' | 'open' | 'half-open' }[];
  close(): Promise<void>;
}

/** Creates the process-wide connection pools and per-token limits for one Sentry. */
export function createUpstream(options: UpstreamOptions): Upstream {
  return new SentryUpstream(options);
}

class SentryUpstream implements Upstream {
  readonly baseUrl: string;
  readonly #base: URL;
  readonly #target: Target;
  readonly #options: UpstreamOptions;
  readonly #concurrency: number;
  readonly #timeoutMs: number;
  readonly #timeouts: Required<UpstreamTimeouts>;
  readonly #env: CallEnvironment;
  readonly #pools = new Map<string, Pool>();
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #regions = new Map<string, Target>();
  /** Keyed by `${sha256(token) prefix} ${origin}`: the token itself is never a key. */
  readonly #limiters = new Map<string, ConcurrencyLimiter>();
  readonly #rateLimits = new Map<string, SentryRateLimit>();
  readonly #latestRateLimit = new Map<string, SentryRateLimit>();
  /** One deadline per caller signal (one GraphQL request), set by its first call. */
  readonly #deadlines = new WeakMap<AbortSignal, number>();
  readonly #stats: UpstreamStats = {
    attempts: 0,
    retries: 0,
    rateLimitRetries: 0,
    rateLimited: 0,
    circuitRefused: 0,
    timeouts: 0,
    refusedRegions: 0,
    coalesced: 0,
  };
  readonly #reads: Reads;
  #closed = false;
  readonly #maxConcurrency: number;

  constructor(options: UpstreamOptions) {
    this.#options = options;
    this.#base = parseBaseUrl(options.baseUrl);
    this.#target = { origin: this.#base.origin, basePath: trimPath(this.#base.pathname) };
    this.baseUrl = this.#target.origin + this.#target.basePath;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 16));
    this.#maxConcurrency = Math.max(
      this.#concurrency,
      Math.floor(options.maxConcurrency ?? (options.concurrency === undefined ? 32 : 0)),
    );
    this.#timeoutMs = Math.max(1, options.timeoutMs ?? 15_000);
    this.#timeouts = {
      connectMs: options.timeouts?.connectMs ?? 5000,
      headersMs: options.timeouts?.headersMs ?? 30_000,
      bodyMs: options.timeouts?.bodyMs ?? 30_000,
    };
    const shared = options.sharedBudgets;
    this.#env = {
      retry: resolveRetry(options.retry),
      maxRateLimitWaitMs: Math.max(0, options.maxRateLimitWaitMs ?? 2000),
      random: options.random ?? Math.random,
      headersMs: this.#timeouts.headersMs,
      bodyMs: this.#timeouts.bodyMs,
      userAgent: options.userAgent ?? 'sentry-graphql-gateway',
      budgets: new RateLimitBudgets({
        maxKeys: MAX_TRACKED_KEYS,
        ...(shared ? { onSpent: (key, until) => shared.spent(key, until) } : {}),
      }),
      stats: this.#stats,
      pool: (origin) => this.#pool(origin),
      observe: (state, headers) => this.#observeRateLimit(state, headers),
    };
    shared?.onSpent((key, until) => this.#env.budgets.close(key, until));
    this.#reads = {
      flights: new SingleFlight(options.coalesce ?? true),
      cache: options.cache,
      coalesced: 0,
    };
  }

  async call(call: UpstreamCall): Promise<UpstreamResponse> {
    const { method, signal } = call;
    if (signal?.aborted) throw abortReason(signal);
    if (this.#closed) {
      throw new SentryUpstreamError({
        status: 502,
        failure: 'connection',
        message: 'Upstream is closed',
      });
    }
    const target = this.#targetFor(call.organization);
    const hashed = tokenHash(call.token);
    const tokenKey = `${hashed} ${target.origin}`;
    const label = `${method} ${call.path}`;
    const route = routeTemplate(call.path);
    const deadline = this.#deadlineFor(signal);
    const left = deadline - Date.now();
    if (left <= 0) throw this.#timedOut(label);
    // Aborted by the caller (with its reason) or at the deadline (with the timeout error).
    const bounded = new AbortController();
    const onAbort = () => bounded.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => bounded.abort(this.#timedOut(label)), left);
    const path = target.basePath + call.path + queryString(call.query);
    const budgetKey = `${tokenKey} ${method} ${route}`;
    const send = async () => {
      const shared = this.#options.sharedBudgets;
      if (shared && this.#env.budgets.closedUntil(budgetKey) === undefined) {
        const until = await shared.closedUntil(budgetKey);
        if (until !== undefined) this.#env.budgets.close(budgetKey, until);
      }
      return runCall(
        {
          call,
          target,
          path,
          label,
          limiter: this.#limiter(tokenKey),
          tokenKey,
          tokenHash: hashed,
          route,
          budgetKey,
          breaker: this.#breaker(target.origin),
          signal: bounded.signal,
          deadline,
          spent: 0,
        },
        this.#env,
      );
    };
    try {
      if (method !== 'GET') return await write(this.#reads.cache, method, call.path, send);
      const key = cacheKey(call.token, target.origin + path);
      return await read(this.#reads, key, call, bounded.signal, send);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #timedOut(label: string): SentryUpstreamError {
    this.#stats.timeouts++;
    return new SentryUpstreamError({
      status: 504,
      failure: 'timeout',
      message: `Sentry did not answer within the upstream timeout (${this.#timeoutMs} ms)`,
      request: label,
    });
  }

  #deadlineFor(signal: AbortSignal | undefined): number {
    if (!signal) return Date.now() + this.#timeoutMs;
    let deadline = this.#deadlines.get(signal);
    if (deadline === undefined) {
      deadline = Date.now() + this.#timeoutMs;
      this.#deadlines.set(signal, deadline);
    }
    return deadline;
  }

  #observeRateLimit(state: CallState, headers: ResponseHeaders): void {
    const rateLimit = parseRateLimit(headers);
    if (rateLimit) {
      trackedSet(this.#rateLimits, state.tokenKey, rateLimit);
      trackedSet(this.#latestRateLimit, state.tokenHash, rateLimit);
    }
    const reported = concurrentLimitOf(headers);
    if (reported !== undefined && reported >= 1) {
      const limit = Math.min(reported, this.#maxConcurrency);
      if (limit !== state.limiter.limit) state.limiter.setLimit(limit);
    }
  }

  rateLimit(token: string, organization?: string): SentryRateLimit | undefined {
    if (organization === undefined) return this.#latestRateLimit.get(tokenHash(token));
    return this.#rateLimits.get(`${tokenHash(token)} ${this.#targetFor(organization).origin}`);
  }

  rememberRegion(organization: string, regionUrl: string | undefined | null): boolean {
    if (!regionUrl) return false;
    const region = regionTarget(this.#base, regionUrl);
    if (region === 'refused') this.#stats.refusedRegions++;
    else if (region === 'configured') this.#regions.delete(organization);
    else this.#regions.set(organization, region);
    return region !== 'refused';
  }

  baseUrlFor(organization?: string): string {
    const target = this.#targetFor(organization);
    return target.origin + target.basePath;
  }

  concurrencyLimit(token: string, organization?: string): number {
    const key = `${tokenHash(token)} ${this.#targetFor(organization).origin}`;
    return this.#limiters.get(key)?.limit ?? this.#concurrency;
  }

  stats(): UpstreamStats {
    return { ...this.#stats, coalesced: this.#reads.coalesced };
  }

  cacheStats(): CacheStats | undefined {
    return this.#reads.cache?.stats();
  }

  circuits() {
    return [...this.#breakers].map(([origin, breaker]) => ({ origin, state: breaker.state }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all([...pools.map((pool) => pool.close()), this.#reads.cache?.close()]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #targetFor(organization: string | undefined): Target {
    return (organization !== undefined && this.#regions.get(organization)) || this.#target;
  }

  #breaker(origin: string): CircuitBreaker | undefined {
    const options = this.#options.circuitBreaker;
    if (options === false) return undefined;
    let breaker = this.#breakers.get(origin);
    if (!breaker) {
      breaker = new CircuitBreaker(options);
      this.#breakers.set(origin, breaker);
    }
    return breaker;
  }

  #limiter(key: string): ConcurrencyLimiter {
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      if (this.#limiters.size >= MAX_TRACKED_KEYS) {
        for (const [oldKey, old] of this.#limiters) {
          if (old.active === 0 && old.queued === 0) this.#limiters.delete(oldKey);
        }
      }
      limiter = new ConcurrencyLimiter(this.#concurrency);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      const timeouts = this.#timeouts;
      pool = new Pool(origin, {
        connections: this.#options.connections ?? 32,
        // Backstops only: the exact timers are per attempt (see #attempt).
        headersTimeout: timeouts.headersMs + 1000,
        bodyTimeout: timeouts.bodyMs + 1000,
        maxResponseSize: this.#options.maxResponseBytes ?? 32 * 1024 * 1024,
        connect: { timeout: timeouts.connectMs, ...this.#options.connect },
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }
}

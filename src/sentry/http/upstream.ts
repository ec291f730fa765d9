import { createHash } from 'node:crypto';
import { type buildConnector, Pool, errors as undiciErrors } from 'undici';
import type { ApiPath } from './api-path.ts';
import {
  localBadRequest,
  normaliseError,
  type ResponseHeaders,
  type SentryApiError,
  SentryRateLimitedError,
  SentryUpstreamError,
} from './errors.ts';
import { ConcurrencyLimiter } from './limiter.ts';
import { concurrentLimitOf, parseRateLimit } from './rate-limit.ts';
import {
  abortReason,
  backoffDelay,
  isRetryable,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetry,
  sleep,
} from './retry.ts';
import type { SentryRateLimit } from './wire.ts';

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
   * Requests in flight per token and upstream origin. Lowered for that pair when Sentry's
   * `X-Sentry-Rate-Limit-ConcurrentLimit` reports less. 16 lets a page of 10 per-item calls
   * (e.g. the issues of 10 projects) go out in one wave, and stays below the 25 sentry.io allows.
   * @default 16
   */
  concurrency?: number;
  timeouts?: UpstreamTimeouts;
  /** Retries of GET requests (never of writes). */
  retry?: RetryOptions;
  /**
   * A GET answered 429 waits for `X-Sentry-Rate-Limit-Reset` and retries once when the wait is
   * at most this long; otherwise it fails at once with `retryAfterSeconds`.
   * @default 2000
   */
  maxRateLimitWaitMs?: number;
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
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A query-string value: arrays repeat the key, `undefined` omits it, `''` sends `key=`. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];
export type QueryParams = Record<string, QueryValue>;

export interface UpstreamCall {
  method: HttpMethod;
  path: ApiPath;
  query?: QueryParams;
  /** JSON request body. */
  body?: unknown;
  token: string;
  signal?: AbortSignal;
  /** Organization the call belongs to: routes it to that organization's region. */
  organization?: string;
  /** Called once per HTTP attempt actually sent (retries included). */
  onAttempt?: () => void;
}

export interface UpstreamResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON; `undefined` for an empty body on a write (204 No Content). */
  body: unknown;
}

/** Counters since creation, for diagnostics and tests. */
export interface UpstreamStats {
  /** HTTP attempts sent. */
  attempts: number;
  /** Attempts that were retries after a retryable failure. */
  retries: number;
  /** Retries after waiting for a 429's reset. */
  rateLimitRetries: number;
  /** Region URLs a response named that were refused (not a trusted host). */
  refusedRegions: number;
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
  close(): Promise<void>;
}

interface Target {
  origin: string;
  basePath: string;
}

/** Entries kept per (token, origin) before idle ones are dropped. */
const MAX_TRACKED_KEYS = 5000;

/** Creates the process-wide connection pools and per-token limits for one Sentry. */
export function createUpstream(options: UpstreamOptions): Upstream {
  return new SentryUpstream(options);
}

class SentryUpstream implements Upstream {
  readonly baseUrl: string;
  readonly #base: URL;
  readonly #target: Target;
  readonly #options: UpstreamOptions;
  readonly #retry: ResolvedRetryOptions;
  readonly #concurrency: number;
  readonly #maxRateLimitWaitMs: number;
  readonly #random: () => number;
  readonly #timeouts: Required<UpstreamTimeouts>;
  readonly #pools = new Map<string, Pool>();
  readonly #regions = new Map<string, Target>();
  /** Keyed by `${sha256(token) prefix} ${origin}`: the token itself is never a key. */
  readonly #limiters = new Map<string, ConcurrencyLimiter>();
  readonly #rateLimits = new Map<string, SentryRateLimit>();
  readonly #latestRateLimit = new Map<string, SentryRateLimit>();
  readonly #stats: UpstreamStats = {
    attempts: 0,
    retries: 0,
    rateLimitRetries: 0,
    refusedRegions: 0,
  };
  #closed = false;

  constructor(options: UpstreamOptions) {
    this.#options = options;
    this.#base = parseBaseUrl(options.baseUrl);
    this.#target = { origin: this.#base.origin, basePath: trimPath(this.#base.pathname) };
    this.baseUrl = this.#target.origin + this.#target.basePath;
    this.#retry = resolveRetry(options.retry);
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 16));
    this.#maxRateLimitWaitMs = Math.max(0, options.maxRateLimitWaitMs ?? 2000);
    this.#random = options.random ?? Math.random;
    this.#timeouts = {
      connectMs: options.timeouts?.connectMs ?? 5000,
      headersMs: options.timeouts?.headersMs ?? 30_000,
      bodyMs: options.timeouts?.bodyMs ?? 30_000,
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
    const tokenKey = `${tokenHash(call.token)} ${target.origin}`;
    const limiter = this.#limiter(tokenKey);
    const path = target.basePath + call.path + queryString(call.query);
    const label = `${method} ${call.path}`;
    // The retry budget counts time spent sending and backing off, not waiting for a slot.
    const clock = { spent: 0 };
    let attempt = 0;
    let waitedForRateLimit = false;
    while (true) {
      attempt++;
      const outcome = await this.#attempt(
        call,
        target,
        path,
        label,
        limiter,
        tokenKey,
        clock,
        attempt > 1,
      );
      if (!(outcome instanceof Error)) return outcome;
      const error = outcome;
      if (signal?.aborted) throw abortReason(signal);
      const elapsed = clock.spent;
      if (method === 'GET' && error instanceof SentryRateLimitedError && !waitedForRateLimit) {
        const wait = this.#rateLimitWait(error);
        if (wait !== undefined) {
          waitedForRateLimit = true;
          this.#stats.rateLimitRetries++;
          clock.spent += wait;
          await sleep(wait, signal);
          continue;
        }
      }
      if (method === 'GET' && isRetryable(error) && attempt < this.#retry.attempts) {
        const delay = backoffDelay(attempt, this.#retry, this.#random);
        if (elapsed + delay < this.#retry.totalMs) {
          this.#stats.retries++;
          clock.spent += delay;
          await sleep(delay, signal);
          continue;
        }
      }
      throw error;
    }
  }

  /** One HTTP exchange. Returns the response, or the typed error it amounts to. */
  async #attempt(
    call: UpstreamCall,
    target: Target,
    path: string,
    label: string,
    limiter: ConcurrencyLimiter,
    tokenKey: string,
    clock: { spent: number },
    retry: boolean,
  ): Promise<UpstreamResponse | SentryApiError> {
    const { method, signal, token } = call;
    const release = await limiter.acquire(signal, retry);
    const started = Date.now();
    const attempt = new AbortController();
    let expired: 'headers' | 'body' | undefined;
    const expire = (what: 'headers' | 'body') => {
      expired = what;
      attempt.abort();
    };
    let timer: NodeJS.Timeout | undefined;
    let status: number;
    let headers: ResponseHeaders;
    let text: string;
    try {
      this.#stats.attempts++;
      call.onAttempt?.();
      const requestHeaders: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        'user-agent': this.#options.userAgent ?? 'sentry-graphql-gateway',
      };
      let body: string | undefined;
      if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        requestHeaders['content-type'] = 'application/json';
      }
      // undici's own header/body timers tick at one-second resolution; these are exact.
      // The headers timer runs from dispatch (connect included), the body timer is an idle
      // timer re-armed by every chunk.
      timer = setTimeout(() => expire('headers'), this.#timeouts.headersMs);
      const response = await this.#pool(target.origin).request({
        method,
        path,
        headers: requestHeaders,
        body: body ?? null,
        signal: signal ? AbortSignal.any([signal, attempt.signal]) : attempt.signal,
        idempotent: method === 'GET',
      });
      clearTimeout(timer);
      status = response.statusCode;
      headers = response.headers as ResponseHeaders;
      timer = setTimeout(() => expire('body'), this.#timeouts.bodyMs);
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) {
        chunks.push(chunk as Buffer);
        timer.refresh();
      }
      text = Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (expired) {
        return new SentryUpstreamError({
          status: 504,
          failure: 'timeout',
          message: `Sentry did not send the response ${expired} in time`,
          request: label,
        });
      }
      return transportError(error, label, token);
    } finally {
      clearTimeout(timer);
      release();
      clock.spent += Date.now() - started;
    }
    this.#observeRateLimit(tokenKey, token, headers, limiter);
    if (status >= 200 && status < 300) {
      if (text.trim() === '') {
        if (method !== 'GET') return { status, headers, body: undefined };
        return malformed(label, 'Sentry sent an empty body');
      }
      try {
        return { status, headers, body: JSON.parse(text) as unknown };
      } catch {
        return malformed(label, 'Sentry sent a body that is not JSON');
      }
    }
    return normaliseError(status, text, headers, { request: label, secrets: [token] });
  }

  /** Milliseconds to wait before retrying a 429, or undefined to fail fast. */
  #rateLimitWait(error: SentryRateLimitedError): number | undefined {
    let wait: number;
    if (error.resetAt !== undefined) wait = Math.max(0, error.resetAt * 1000 - Date.now());
    else if (error.retryAfterSeconds !== undefined) wait = error.retryAfterSeconds * 1000;
    // No reset header (self-hosted, proxies): back off as for any transient failure.
    else wait = backoffDelay(1, this.#retry, this.#random);
    if (wait > this.#maxRateLimitWaitMs) return undefined;
    // A little jitter so that callers held by the same window do not return in one burst.
    return wait + Math.floor(this.#random() * 100);
  }

  #observeRateLimit(
    tokenKey: string,
    token: string,
    headers: ResponseHeaders,
    limiter: ConcurrencyLimiter,
  ): void {
    const rateLimit = parseRateLimit(headers);
    if (rateLimit) {
      trackedSet(this.#rateLimits, tokenKey, rateLimit);
      trackedSet(this.#latestRateLimit, tokenHash(token), rateLimit);
    }
    const reported = concurrentLimitOf(headers);
    if (reported !== undefined && reported >= 1 && reported < limiter.limit) {
      limiter.setLimit(reported);
    }
  }

  rateLimit(token: string, organization?: string): SentryRateLimit | undefined {
    if (organization === undefined) return this.#latestRateLimit.get(tokenHash(token));
    return this.#rateLimits.get(`${tokenHash(token)} ${this.#targetFor(organization).origin}`);
  }

  rememberRegion(organization: string, regionUrl: string | undefined | null): boolean {
    if (!regionUrl) return false;
    let url: URL;
    try {
      url = new URL(regionUrl);
    } catch {
      this.#stats.refusedRegions++;
      return false;
    }
    if (url.hostname.toLowerCase() === this.#base.hostname.toLowerCase()) {
      // The configured host itself (a self-hosted Sentry naming its own, often internal, URL:
      // another port, no proxy path prefix): the configured base URL stays authoritative.
      this.#regions.delete(organization);
      return true;
    }
    if (!isTrustedRegion(this.#base, url)) {
      this.#stats.refusedRegions++;
      return false;
    }
    this.#regions.set(organization, { origin: url.origin, basePath: trimPath(url.pathname) });
    return true;
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
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #targetFor(organization: string | undefined): Target {
    return (organization !== undefined && this.#regions.get(organization)) || this.#target;
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

/**
 * Whether a region URL named by a response may receive the caller's token. Trusted:
 * - the configured host itself (then `rememberRegion` keeps using the configured base URL:
 *   a self-hosted Sentry behind a proxy often names its internal port or drops the path);
 * - a subdomain of it (`sentry.io` → `us.sentry.io`);
 * - a sibling region host (`us.sentry.io` → `de.sentry.io`): same parent domain of at least two
 *   labels, and both first labels look like region names (two letters and an optional digit),
 *   so that a multi-tenant parent (`team.example-paas.com`) never hands the token to a
 *   neighbour tenant.
 * The scheme must be https, or http only when the configured URL is http. No credentials in
 * the URL. Anything else (another domain, an IP, a look-alike) is refused and the organization
 * keeps using the configured URL.
 */
export function isTrustedRegion(configured: URL, candidate: URL): boolean {
  if (
    candidate.protocol !== 'https:' &&
    !(candidate.protocol === 'http:' && configured.protocol === 'http:')
  ) {
    return false;
  }
  if (candidate.username || candidate.password) return false;
  const base = configured.hostname.toLowerCase();
  const host = candidate.hostname.toLowerCase();
  if (host === base) return true;
  if (isIpAddress(base) || isIpAddress(host)) return false;
  if (host.endsWith(`.${base}`)) return true;
  const baseLabels = base.split('.');
  const hostLabels = host.split('.');
  if (baseLabels.length < 3 || hostLabels.length !== baseLabels.length) return false;
  const region = /^[a-z]{2}\d?$/;
  return (
    baseLabels.slice(1).join('.') === hostLabels.slice(1).join('.') &&
    region.test(baseLabels[0] ?? '') &&
    region.test(hostLabels[0] ?? '')
  );
}

function isIpAddress(host: string): boolean {
  return /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[') || host.includes(':');
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw localBadRequest('Sentry base URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw localBadRequest('Sentry base URL must be http or https');
  }
  if (url.username || url.password) {
    throw localBadRequest('Sentry base URL must not carry credentials');
  }
  return url;
}

/** `/sentry/` → `/sentry`, `/` → ``, `/sentry/api/0/` → `/sentry`. */
function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/\/api\/0$/, '');
}

/** Arrays repeat the key; `undefined` is left out; `''` is sent as `key=`. */
export function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** First 32 hex digits of SHA-256 of the token: a map key that is not the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

function trackedSet<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key) && map.size >= MAX_TRACKED_KEYS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.delete(key);
  map.set(key, value);
}

function malformed(label: string, message: string): SentryUpstreamError {
  return new SentryUpstreamError({ status: 502, failure: 'malformed', message, request: label });
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** A failure without a usable response: timeout or connection trouble. */
function transportError(error: unknown, label: string, token: string): SentryUpstreamError {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (TIMEOUT_CODES.has(code)) {
    return new SentryUpstreamError({
      status: 504,
      failure: 'timeout',
      message: `Sentry did not answer in time (${code})`,
      request: label,
    });
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    return new SentryUpstreamError({
      status: 502,
      failure: 'malformed',
      message: 'Sentry response exceeded the size limit',
      request: label,
    });
  }
  const reason = code || (error instanceof Error ? error.name : 'unknown');
  return new SentryUpstreamError({
    status: 502,
    failure: 'connection',
    message: `Connection to Sentry failed (${reason.replaceAll(token, '[redacted]')})`,
    request: label,
  });
}

/**
 * How one logical call to Sentry runs, across its attempts: the rate-limit budget first (a
 * spent one refuses or waits, without a request), then the origin's circuit breaker, a slot of
 * the token's concurrency limiter, the HTTP exchange, and retries of GETs with back-off, all
 * within the call's deadline. The process-wide state it uses lives in `upstream.ts`.
 */
import { type CircuitBreaker, circuitOpenError } from './circuit-breaker.ts';
import {
  normaliseError,
  type ResponseHeaders,
  type SentryApiError,
  SentryRateLimitedError,
  SentryUpstreamError,
} from './errors.ts';
import { exchange } from './exchange.ts';
import type { ConcurrencyLimiter } from './limiter.ts';
import type { AttemptOutcome, ObservedCall } from './observer.ts';
import type { RateLimitBudgets } from './rate-limit.ts';
import type { Target } from './regions.ts';
import { backoffDelay, isRetryable, type ResolvedRetryOptions, sleep } from './retry.ts';
import type { UpstreamCall, UpstreamResponse, UpstreamStats } from './upstream.ts';

/** Everything one logical call needs across its attempts. */
export interface CallState {
  call: UpstreamCall;
  target: Target;
  /** Base path + API path + query string. */
  path: string;
  /** `METHOD /api/0/...` for messages. */
  label: string;
  limiter: ConcurrencyLimiter;
  /** `${tokenHash} ${origin}`. */
  tokenKey: string;
  /** `tokenHash(call.token)`, computed once per call. */
  tokenHash: string;
  /** The path's route template (`routeTemplate`). */
  route: string;
  /** `${tokenKey} ${method} ${route template}`: one of Sentry's rate-limit budgets. */
  budgetKey: string;
  breaker: CircuitBreaker | undefined;
  /** The caller's signal joined with the deadline's. */
  signal: AbortSignal;
  /** Epoch ms by which the call must be done. */
  deadline: number;
  /** Time spent sending and backing off (not queueing), for the retry budget. */
  spent: number;
}

/** What calls share: settings, the spent budgets, counters, pools. */
export interface CallEnvironment {
  retry: ResolvedRetryOptions;
  maxRateLimitWaitMs: number;
  random: () => number;
  headersMs: number;
  bodyMs: number;
  userAgent: string;
  budgets: RateLimitBudgets;
  stats: UpstreamStats;
  pool(origin: string): Parameters<typeof exchange>[0];
  /** Reads the rate-limit headers of a response (budgets aside). */
  observe(state: CallState, headers: ResponseHeaders): void;
}

/** Runs the attempts of one call. */
export async function runCall(state: CallState, env: CallEnvironment): Promise<UpstreamResponse> {
  const { method } = state.call;
  let attempt = 0;
  let waitedForRateLimit = false;
  let limited: SentryRateLimitedError | undefined;
  while (true) {
    const closedUntil =
      env.budgets.closedUntil(state.budgetKey) ??
      (limited ? Date.now() + unknownResetWait(limited, env) : undefined);
    if (closedUntil !== undefined) {
      const wait = Math.max(0, closedUntil - Date.now());
      // A little jitter so that callers held by the same window do not return in one burst.
      const jitter = Math.floor(env.random() * 100);
      if (
        method !== 'GET' ||
        waitedForRateLimit ||
        wait > env.maxRateLimitWaitMs ||
        Date.now() + wait + jitter >= state.deadline
      ) {
        if (limited) throw limited;
        env.stats.rateLimited++;
        state.call.observer?.refused?.(observedCall(state), 'rate-limited');
        throw spentBudget(state.label, wait);
      }
      waitedForRateLimit = true;
      env.stats.rateLimitRetries++;
      state.call.observer?.rateLimitWait?.(observedCall(state), wait + jitter);
      state.spent += wait + jitter;
      await sleep(wait + jitter, state.signal);
    }
    limited = undefined;
    attempt++;
    const outcome = await sendOnce(state, env, attempt);
    if (!(outcome instanceof Error)) return outcome;
    if (outcome instanceof SentryRateLimitedError) {
      if (method !== 'GET') throw outcome; // a write is sent once, whatever happens
      limited = outcome;
      continue;
    }
    if (method === 'GET' && isRetryable(outcome) && attempt < env.retry.attempts) {
      const delay = backoffDelay(attempt, env.retry, env.random);
      // An open breaker would refuse the retry anyway: report the failure that opened it.
      const breakerOpen = state.breaker !== undefined && state.breaker.state !== 'closed';
      if (
        state.spent + delay < env.retry.totalMs &&
        Date.now() + delay < state.deadline &&
        !breakerOpen
      ) {
        env.stats.retries++;
        state.spent += delay;
        await sleep(delay, state.signal);
        continue;
      }
    }
    throw outcome;
  }
}

/**
 * Before retrying a 429 that closed no budget (no reset header, a reset already past, or the
 * concurrent-request limit): a `Retry-After` when a proxy sent one, else a short back-off.
 */
function unknownResetWait(error: SentryRateLimitedError, env: CallEnvironment): number {
  if (error.resetAt === undefined && error.retryAfterSeconds !== undefined) {
    return error.retryAfterSeconds * 1000;
  }
  return backoffDelay(1, env.retry, env.random);
}

/** One HTTP exchange. Returns the response, or the typed error it amounts to. */
async function sendOnce(
  state: CallState,
  env: CallEnvironment,
  attempt: number,
): Promise<UpstreamResponse | SentryApiError> {
  const { call, breaker, label } = state;
  const { method, token } = call;
  const refused = breaker?.refusing();
  if (refused !== undefined) return circuitOpen(env, refused, state);
  const release = await state.limiter.acquire(state.signal, attempt > 1);
  // Admitted only now: the breaker may have opened while this call waited for a slot.
  const permit = breaker ? breaker.admit() : 'call';
  if (typeof permit === 'object') {
    release();
    return circuitOpen(env, permit.refusedForMs, state);
  }
  const started = Date.now();
  let outcome: Awaited<ReturnType<typeof exchange>> | undefined;
  let observed: ((outcome: AttemptOutcome) => void) | undefined;
  try {
    env.stats.attempts++;
    call.onAttempt?.();
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'user-agent': env.userAgent,
    };
    observed = call.observer?.attempt(
      { ...observedCall(state), attempt, batchSize: batchSize(call.query) },
      headers,
    );
    let body: string | Uint8Array | undefined;
    if (call.payload !== undefined) {
      body = call.payload.bytes;
      headers['content-type'] = call.payload.contentType;
    } else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    if (call.binary) headers['accept'] = '*/*';
    outcome = await exchange(env.pool(state.target.origin), {
      method,
      path: state.path,
      headers,
      body,
      label,
      token,
      signal: state.signal,
      headersMs: env.headersMs,
      bodyMs: env.bodyMs,
    });
  } finally {
    release();
    observed?.(
      outcome === undefined
        ? { failure: 'aborted' }
        : outcome instanceof SentryUpstreamError
          ? { failure: outcome.failure }
          : { status: outcome.status },
    );
    state.spent += Date.now() - started;
    if (breaker) {
      // Any answer shows the origin is there; only a connection failure counts against it.
      if (outcome === undefined) breaker.released(permit);
      else if (!(outcome instanceof SentryUpstreamError)) breaker.succeeded(permit);
      else if (outcome.unreachable) breaker.failed(permit);
      else breaker.released(permit);
    }
  }
  if (outcome instanceof SentryUpstreamError) return outcome;
  const { status, headers, text } = outcome;
  env.budgets.observe(state.budgetKey, status, headers);
  env.observe(state, headers);
  if (status >= 200 && status < 300 && call.binary) return { status, headers, body: outcome.bytes };
  if (status >= 200 && status < 300) {
    if (text.trim() === '') {
      if (method !== 'GET') return { status, headers, body: undefined };
      return malformed(label, 'Sentry sent an empty body');
    }
    try {
      return { status, headers, body: JSON.parse(text) as unknown, text };
    } catch {
      return malformed(label, 'Sentry sent a body that is not JSON');
    }
  }
  return normaliseError(status, text, headers, { request: label, secrets: [token] });
}

function circuitOpen(env: CallEnvironment, refusedForMs: number, state: CallState) {
  env.stats.circuitRefused++;
  state.call.observer?.refused?.(observedCall(state), 'circuit-open');
  return circuitOpenError(refusedForMs, state.label);
}

function observedCall(state: CallState): ObservedCall {
  return { method: state.call.method, route: state.route, origin: state.target.origin };
}

/** Keys a bulk read asks for: its longest repeated query parameter, when over 1. */
function batchSize(query: UpstreamCall['query']): number | undefined {
  let size = 0;
  for (const value of Object.values(query ?? {})) {
    if (Array.isArray(value)) size = Math.max(size, value.length);
  }
  return size > 1 ? size : undefined;
}

function malformed(label: string, message: string): SentryUpstreamError {
  return new SentryUpstreamError({ status: 502, failure: 'malformed', message, request: label });
}

/** A call refused because Sentry said its budget is spent: nothing was sent. */
function spentBudget(label: string, waitMs: number): SentryRateLimitedError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new SentryRateLimitedError({
    status: 429,
    message: `Sentry's rate limit for this endpoint is spent; not calling it for ${retryAfterSeconds} s`,
    retryAfterSeconds,
    resetAt: Math.ceil((Date.now() + waitMs) / 1000),
    request: label,
    local: true,
  });
}

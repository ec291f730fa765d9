import { SentryBadRequestError, SentryUpstreamError } from './errors.ts';

export interface RetryOptions {
  /**
   * Attempts per GET, including the first.
   * @default 3
   */
  attempts?: number;
  /**
   * Cap of the first back-off; doubles per attempt.
   * @default 100
   */
  baseDelayMs?: number;
  /**
   * Cap of any single back-off.
   * @default 1000
   */
  maxDelayMs?: number;
  /**
   * No retry starts once this much time has passed since the first attempt.
   * @default 5000
   */
  totalMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  totalMs: 5000,
};

export function resolveRetry(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    attempts: Math.max(1, Math.floor(options.attempts ?? DEFAULT_RETRY.attempts)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    totalMs: Math.max(0, options.totalMs ?? DEFAULT_RETRY.totalMs),
  };
}

/**
 * Exponential back-off with full jitter: a uniform delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))` before retry number `retry` (1-based).
 */
export function backoffDelay(
  retry: number,
  options: Pick<ResolvedRetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * cap);
}

/**
 * Whether a failed GET is worth another attempt: no response or a bad one (timeouts, resets,
 * malformed bodies), a retryable 5xx, or Sentry's query-timeout 400. Not a call the circuit
 * breaker refused.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof SentryUpstreamError) {
    if (error.failure === 'circuit-open') return false;
    if (error.failure !== 'status') return true;
    return error.status >= 500 && error.status !== 501 && error.status !== 505;
  }
  return error instanceof SentryBadRequestError && error.queryTimeout && !error.local;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error an aborted call rejects with: the signal's reason, or a DOMException AbortError. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The Sentry request was aborted', 'AbortError');
}

import { header, type ResponseHeaders } from './errors.ts';
import type { SentryRateLimit } from './wire.ts';

/**
 * Reads Sentry's `X-Sentry-Rate-Limit-*` headers. Sentry sets all five together or none (none
 * on self-hosted and on endpoints without rate limits), so a partial set is treated as none.
 * The budget they describe is per caller, endpoint and method: the endpoint last called.
 */
export function parseRateLimit(headers: ResponseHeaders): SentryRateLimit | undefined {
  const limit = numeric(header(headers, 'x-sentry-rate-limit-limit'));
  const remaining = numeric(header(headers, 'x-sentry-rate-limit-remaining'));
  const reset = numeric(header(headers, 'x-sentry-rate-limit-reset'));
  const concurrentLimit = numeric(header(headers, 'x-sentry-rate-limit-concurrentlimit'));
  const concurrentRemaining = numeric(header(headers, 'x-sentry-rate-limit-concurrentremaining'));
  if (
    limit === undefined ||
    remaining === undefined ||
    reset === undefined ||
    concurrentLimit === undefined ||
    concurrentRemaining === undefined
  ) {
    return undefined;
  }
  return { limit, remaining, reset, concurrentLimit, concurrentRemaining };
}

/** `X-Sentry-Rate-Limit-ConcurrentLimit` alone, for the concurrency limiter. */
export function concurrentLimitOf(headers: ResponseHeaders): number | undefined {
  return numeric(header(headers, 'x-sentry-rate-limit-concurrentlimit'));
}

function numeric(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Sentry's API rate limiter: a fixed window of requests plus a concurrent-request limit, per
 * caller and endpoint (here: per token and route template). Every response carries the
 * `X-Sentry-Rate-Limit-*` headers; over budget is a 429 whose body is a bare JSON string and
 * which has no `Retry-After` (the reset header says when to come back).
 */
import { HttpError } from './reply.ts';

export interface RateLimitConfig {
  /** Requests per window. */
  limit: number;
  windowSeconds: number;
  /** Requests in flight at once. */
  concurrentLimit: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  limit: 1_000_000,
  windowSeconds: 60,
  concurrentLimit: 25,
};

interface Bucket {
  windowStart: number;
  count: number;
  inFlight: number;
}

/** A request admitted by the limiter; `release()` when its response is done. */
export interface RateLimitTicket {
  headers: Record<string, string>;
  release(): void;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly config: RateLimitConfig,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts a request of `caller` on `endpoint`. Returns a ticket with the headers, or throws the
   * 429 (carrying the same headers) when the window or the concurrency budget is spent.
   */
  acquire(caller: string, endpoint: string): RateLimitTicket {
    const { limit, windowSeconds, concurrentLimit } = this.config;
    const nowSeconds = this.now() / 1000;
    const windowStart = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
    const key = `${caller}\u0000${endpoint}`;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { windowStart, count: 0, inFlight: 0 };
      this.#buckets.set(key, bucket);
    }
    if (bucket.windowStart !== windowStart) {
      bucket.windowStart = windowStart;
      bucket.count = 0;
    }
    const windowLimited = bucket.count >= limit;
    const concurrentLimited = bucket.inFlight >= concurrentLimit;
    if (!windowLimited && !concurrentLimited) {
      bucket.count += 1;
      bucket.inFlight += 1;
    }
    const headers = {
      'X-Sentry-Rate-Limit-Limit': String(limit),
      'X-Sentry-Rate-Limit-Remaining': String(Math.max(0, limit - bucket.count)),
      'X-Sentry-Rate-Limit-Reset': String(windowStart + windowSeconds),
      'X-Sentry-Rate-Limit-ConcurrentLimit': String(concurrentLimit),
      'X-Sentry-Rate-Limit-ConcurrentRemaining': String(
        Math.max(0, concurrentLimit - bucket.inFlight),
      ),
    };
    if (windowLimited || concurrentLimited) {
      throw new HttpError(
        429,
        windowLimited
          ? `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSeconds} seconds`
          : `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${concurrentLimit}`,
        headers,
      );
    }
    const admitted = bucket;
    let released = false;
    return {
      headers,
      release: () => {
        if (released) return;
        released = true;
        admitted.inFlight -= 1;
      },
    };
  }

  reset(): void {
    this.#buckets.clear();
  }
}

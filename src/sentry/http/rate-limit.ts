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

/**
 * Spent budgets shared with other instances (Redis, `src/sentry/cache/shared-rate-limits.ts`):
 * told of each budget this instance sees spent, asked before a call, and telling of the ones
 * others saw.
 */
export interface SharedBudgets {
  spent(key: string, until: number): void;
  closedUntil(key: string): Promise<number | undefined>;
  onSpent(listener: (key: string, until: number) => void): void;
}

/** Longest a budget is held closed on Sentry's word, whatever the reset header says. */
const MAX_BLOCK_MS = 60 * 60 * 1000;

/**
 * Spent budgets, per caller and endpoint: after a 429, or a response saying
 * `X-Sentry-Rate-Limit-Remaining: 0`, nothing more is sent for that key until
 * `X-Sentry-Rate-Limit-Reset` (epoch seconds). Sentry's budgets are per caller, endpoint and
 * method, so the key is the token's hash, the origin, the method and the route template; another
 * token, endpoint or method is unaffected.
 *
 * A 429 that leaves `Remaining` above 0 is the concurrent-request limit, not the window: it closes
 * nothing here (the concurrency limiter lowers its limit instead). A response from an older window
 * (a smaller reset) does not reopen a budget a newer one closed.
 */
export class RateLimitBudgets {
  /** Key → epoch ms until which the budget is spent. */
  readonly #closed = new Map<string, number>();
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #onSpent: ((key: string, until: number) => void) | undefined;

  constructor({
    maxKeys = 5000,
    now = Date.now,
    onSpent,
  }: {
    maxKeys?: number;
    now?: () => number;
    /** Told of each budget closed by a response seen here. */
    onSpent?: (key: string, until: number) => void;
  } = {}) {
    this.#maxKeys = maxKeys;
    this.#now = now;
    this.#onSpent = onSpent;
  }

  /** Closes `key` until `until` (epoch ms) on another instance's word. */
  close(key: string, until: number): void {
    const now = this.#now();
    if (until <= now) return;
    const current = this.#closed.get(key);
    if (current !== undefined && current >= until) return;
    this.#set(key, Math.min(until, now + MAX_BLOCK_MS), now);
  }

  /** Epoch ms until which `key`'s budget is spent, or undefined when calls may go. */
  closedUntil(key: string): number | undefined {
    const until = this.#closed.get(key);
    if (until === undefined) return undefined;
    if (until <= this.#now()) {
      this.#closed.delete(key);
      return undefined;
    }
    return until;
  }

  /** Reads one response's status and headers for `key`. */
  observe(key: string, status: number, headers: ResponseHeaders): void {
    const remaining = numeric(header(headers, 'x-sentry-rate-limit-remaining'));
    const reset = numeric(header(headers, 'x-sentry-rate-limit-reset'));
    if (reset === undefined) return; // nothing says when to come back: the caller backs off
    const resetMs = reset * 1000;
    const spent = remaining === 0 || (status === 429 && remaining === undefined);
    const current = this.#closed.get(key);
    if (!spent) {
      // Budget left in a window at least as new as the one that closed it: open again.
      if (current !== undefined && resetMs >= current) this.#closed.delete(key);
      return;
    }
    const now = this.#now();
    if (resetMs <= now) return; // that window is already over (or the clocks disagree)
    const until = Math.min(resetMs, now + MAX_BLOCK_MS);
    if (current !== undefined && current >= until) return;
    this.#set(key, until, now);
    this.#onSpent?.(key, until);
  }

  #set(key: string, until: number, now: number): void {
    if (!this.#closed.has(key) && this.#closed.size >= this.#maxKeys) {
      this.#prune(now);
      // Still full of live entries: drop the oldest rather than grow without bound.
      const oldest = this.#closed.keys().next();
      if (this.#closed.size >= this.#maxKeys && !oldest.done) this.#closed.delete(oldest.value);
    }
    this.#closed.set(key, until);
  }

  /** Budgets currently spent (for diagnostics and tests). */
  get size(): number {
    this.#prune(this.#now());
    return this.#closed.size;
  }

  #prune(now: number): void {
    for (const [key, until] of this.#closed) if (until <= now) this.#closed.delete(key);
  }
}

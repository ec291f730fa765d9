/**
 * Fault injection: faults forced for a concrete path or a route template, and random faults
 * drawn at `failRate` from a generator seeded by the server's seed, so a run can be replayed;
 * and the replies faults stand for.
 */
import { randomUUID } from 'node:crypto';
import type { RateLimitConfig } from './rate-limit.ts';
import type { Reply } from './reply.ts';

/**
 * An HTTP status (e.g. 503), a connection reset, a slow body, malformed JSON, an empty 500, or
 * Sentry's query timeout: a 400 whose detail says so (Snuba gave up), which clients retry.
 */
export type Fault = number | 'reset' | 'slow' | 'malformed' | 'empty' | 'query-timeout';

/** Every named (non-status) fault. */
const NAMED_FAULTS: readonly Fault[] = ['reset', 'slow', 'malformed', 'empty', 'query-timeout'];

/** The 400 detail Sentry sends when a search query times out in Snuba. */
export const QUERY_TIMEOUT_DETAIL =
  'Query timeout. Please try with a smaller date range or fewer conditions.';

/**
 * What `failRate` draws from. `query-timeout` is left out so that a seed replays the same faults
 * it always did; force it per route instead.
 */
export const RANDOM_FAULTS: readonly Fault[] = [
  500,
  502,
  503,
  'reset',
  'slow',
  'malformed',
  'empty',
];

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isFault(value: unknown): value is Fault {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 100 && value <= 599;
  return NAMED_FAULTS.includes(value as Fault);
}

/** Validates a fault map and rate from untrusted input; returns an error message or undefined. */
export function validateFaults(faults: unknown, failRate: unknown): string | undefined {
  if (faults !== undefined) {
    if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
      return 'faults must be an object of "METHOD /path/" → fault';
    }
    for (const [key, value] of Object.entries(faults)) {
      if (!/^[A-Z]+ \//.test(key)) return `Invalid fault key: ${key}`;
      if (!isFault(value)) return `Invalid fault for ${key}: ${JSON.stringify(value)}`;
    }
  }
  if (failRate !== undefined) {
    if (typeof failRate !== 'number' || !(failRate >= 0 && failRate <= 1)) {
      return 'failRate must be a number between 0 and 1';
    }
  }
  return undefined;
}

export class FaultInjector {
  #faults: Map<string, Fault>;
  #failRate: number;
  #random: () => number;

  constructor(
    readonly seed: number,
    faults: Record<string, Fault> = {},
    failRate = 0,
  ) {
    this.#faults = new Map(Object.entries(faults));
    this.#failRate = failRate;
    this.#random = seededRandom(seed);
  }

  get failRate(): number {
    return this.#failRate;
  }

  get faults(): Record<string, Fault> {
    return Object.fromEntries(this.#faults);
  }

  /** Replaces the forced faults and, when given, the rate; restarts the seeded sequence. */
  set(faults: Record<string, Fault>, failRate?: number): void {
    this.#faults = new Map(Object.entries(faults));
    if (failRate !== undefined) this.#failRate = failRate;
    this.#random = seededRandom(this.seed);
  }

  /**
   * The fault for one request, if any: a forced fault for one of `keys` (concrete path first,
   * then the route template), else a random draw at the fail rate.
   */
  pick(keys: readonly string[]): Fault | undefined {
    for (const key of keys) {
      const fault = this.#faults.get(key);
      if (fault !== undefined) return fault;
    }
    if (this.#failRate <= 0) return undefined;
    // Two draws per request whatever the outcome, so the sequence depends only on request order.
    const roll = this.#random();
    const which = this.#random();
    if (roll >= this.#failRate) return undefined;
    return RANDOM_FAULTS[Math.floor(which * RANDOM_FAULTS.length)];
  }
}

const STATUS_DETAIL: Record<number, string> = {
  400: 'Bad Request',
  401: 'Authentication credentials were not provided.',
  403: 'You do not have permission to perform this action.',
  404: 'The requested resource does not exist',
  500: 'Internal Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The response a forced or random fault stands for (`reset` and `slow` are handled apart). */
export function faultReply(
  fault: number | 'malformed' | 'empty' | 'query-timeout',
  rateLimit: RateLimitConfig,
): Reply | 'malformed' | 'empty' {
  if (fault === 'malformed' || fault === 'empty') return fault;
  if (fault === 'query-timeout') return { status: 400, body: { detail: QUERY_TIMEOUT_DETAIL } };
  if (fault === 429) {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    return {
      status: 429,
      body: `You are attempting to use this endpoint too frequently. Limit is ${rateLimit.limit} requests in ${rateLimit.windowSeconds} seconds`,
      headers: {
        'X-Sentry-Rate-Limit-Limit': String(rateLimit.limit),
        'X-Sentry-Rate-Limit-Remaining': '0',
        'X-Sentry-Rate-Limit-Reset': reset,
        'X-Sentry-Rate-Limit-ConcurrentLimit': String(rateLimit.concurrentLimit),
        'X-Sentry-Rate-Limit-ConcurrentRemaining': String(rateLimit.concurrentLimit),
      },
    };
  }
  const detail = STATUS_DETAIL[fault] ?? `HTTP ${fault}`;
  return {
    status: fault,
    body: fault === 500 ? { detail, errorId: randomUUID().replaceAll('-', '') } : { detail },
  };
}

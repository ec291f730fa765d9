/**
 * What the transport tells an observer about its calls to Sentry: each HTTP attempt (with its
 * outcome), rate-limit waits and calls refused without a request. Metrics and traces implement
 * it (`src/observability/`), so this layer needs neither library. Everything it hands over is
 * safe to label with: a method, a route template (`/api/0/organizations/{}/issues/`), an origin,
 * numbers; never a token, a concrete path or a query string.
 */
import type { HttpMethod } from './upstream.ts';

/** A call, as labels: what it asked for, without the values. */
export interface ObservedCall {
  method: HttpMethod;
  /** The path's route template: each interpolated value is `{}`. */
  route: string;
  /** Origin the call goes to (`https://sentry.io`, or an organization's region). */
  origin: string;
}

export interface ObservedAttempt extends ObservedCall {
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Keys a bulk read asks for at once (the longest repeated query parameter), when over 1. */
  batchSize?: number | undefined;
}

/** How an attempt ended: Sentry's status, or the failure that left none. */
export type AttemptOutcome =
  | { status: number }
  | { failure: 'timeout' | 'connection' | 'malformed' | 'aborted' | string };

export interface CallObserver {
  /**
   * An attempt is about to be sent. `headers` are its request headers, to which the observer may
   * add its own (`traceparent`); returns the function told how it ended.
   */
  attempt(
    attempt: ObservedAttempt,
    headers: Record<string, string>,
  ): (outcome: AttemptOutcome) => void;
  /** The call waits `ms` for a rate-limit reset before its next attempt. */
  rateLimitWait?(call: ObservedCall, ms: number): void;
  /** The call was refused without a request: Sentry's budget is spent, or the circuit is open. */
  refused?(call: ObservedCall, reason: 'rate-limited' | 'circuit-open'): void;
}

/** Several observers as one (metrics and the request's trace). */
export function combineObservers(
  ...observers: (CallObserver | undefined)[]
): CallObserver | undefined {
  const present = observers.filter((o): o is CallObserver => o !== undefined);
  if (present.length <= 1) return present[0];
  return {
    attempt(attempt, headers) {
      const ends = present.map((o) => o.attempt(attempt, headers));
      return (outcome) => {
        for (const end of ends) end(outcome);
      };
    },
    rateLimitWait(call, ms) {
      for (const o of present) o.rateLimitWait?.(call, ms);
    },
    refused(call, reason) {
      for (const o of present) o.refused?.(call, reason);
    },
  };
}

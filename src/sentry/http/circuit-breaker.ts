/**
 * A circuit breaker per upstream origin. After `threshold` connection failures in a row
 * (refused, reset, DNS, connect timeout) the origin is taken as down: calls fail at once with
 * `UPSTREAM_ERROR` (failure `circuit-open`) for `coolDownMs`, then one call goes through as a
 * probe (half-open) while the others keep failing fast; any answer closes the breaker, another
 * connection failure opens it for a new cool-down.
 *
 * Written by hand rather than with opossum or cockatiel (neither is a dependency): both wrap a
 * function and count every rejection as a failure, while this breaker must be keyed on the
 * origin, count only connection failures (a 404, a 5xx or a timeout after connecting shows the
 * origin is there), sit inside the retry loop so that retries stop when it opens, and hand the
 * remaining cool-down to the caller as `retryAfter`.
 */
import { SentryUpstreamError } from './errors.ts';

export interface CircuitBreakerOptions {
  /**
   * Connection failures in a row that open the breaker.
   * @default 5
   */
  threshold?: number;
  /**
   * How long it stays open before one probe is let through.
   * @default 5000
   */
  coolDownMs?: number;
}

/** What `admit` hands out: an ordinary call, or the one probe of a half-open breaker. */
export type Permit = 'call' | 'probe';

type State = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #coolDownMs: number;
  readonly #now: () => number;
  #state: State = 'closed';
  #failures = 0;
  #openUntil = 0;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}, now: () => number = Date.now) {
    this.#threshold = Math.max(1, Math.floor(options.threshold ?? 5));
    this.#coolDownMs = Math.max(0, options.coolDownMs ?? 5000);
    this.#now = now;
  }

  get state(): State {
    return this.#state;
  }

  /**
   * Milliseconds until the breaker lets a call through (0 while another call is probing), or
   * undefined when `admit` would admit one now. Changes nothing.
   */
  refusing(): number | undefined {
    if (this.#state === 'closed') return undefined;
    const left = this.#openUntil - this.#now();
    if (this.#state === 'open' && left > 0) return left;
    return this.#probing ? 0 : undefined;
  }

  /**
   * A permit to send one request, or, when the breaker refuses, the milliseconds until it lets
   * a probe through (0 while another call is probing).
   */
  admit(): Permit | { refusedForMs: number } {
    if (this.#state === 'closed') return 'call';
    const now = this.#now();
    if (this.#state === 'open' && now < this.#openUntil) {
      return { refusedForMs: this.#openUntil - now };
    }
    if (this.#probing) return { refusedForMs: 0 };
    this.#state = 'half-open';
    this.#probing = true;
    return 'probe';
  }

  /** The origin answered (whatever the status): closes the breaker. */
  succeeded(_permit: Permit): void {
    this.#failures = 0;
    this.#probing = false;
    this.#state = 'closed';
  }

  /** The connection failed. */
  failed(permit: Permit): void {
    if (permit === 'probe') {
      this.#probing = false;
      this.#open();
      return;
    }
    this.#failures++;
    if (this.#state === 'closed' && this.#failures >= this.#threshold) this.#open();
  }

  /** Neither: aborted by the caller, or timed out after connecting. A probe's slot is freed. */
  released(permit: Permit): void {
    if (permit === 'probe') this.#probing = false;
  }

  #open(): void {
    this.#state = 'open';
    this.#openUntil = this.#now() + this.#coolDownMs;
  }
}

/** The error of a call the breaker refused: nothing was sent. */
export function circuitOpenError(refusedForMs: number, request: string): SentryUpstreamError {
  const seconds = Math.max(1, Math.ceil(refusedForMs / 1000));
  return new SentryUpstreamError({
    status: 503,
    failure: 'circuit-open',
    message: `Sentry is unreachable; not calling it again for ${seconds} s`,
    retryAfterSeconds: seconds,
    request,
  });
}

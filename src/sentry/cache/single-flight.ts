/**
 * Request coalescing: identical GETs of the same token in flight at the same moment share one
 * upstream call. The key is the cache key (`keys.ts`: token hash, origin, path and query), so two
 * tokens never share a flight. Writes never come here.
 *
 * A follower gets the leader's answer itself, body included: upstream bodies are read-only once
 * parsed (the gateway never writes into one; the test suite freezes them to keep it so —
 * requester.ts `settled`), so sharing costs nothing where a copy cost a parse per follower (6 %
 * of the gateway's CPU under 16 identical issue-stream requests). When the leader's own caller
 * gives up (its GraphQL request aborted or ran out
 * of time) a waiting follower does not inherit that: it sends the call itself.
 */
import { abortReason } from '../http/retry.ts';
import type { UpstreamResponse } from '../http/upstream.ts';

interface Flight {
  promise: Promise<UpstreamResponse>;
  /** The leader's signal: aborted when the leader's caller gave up. */
  signal: AbortSignal;
}

export class SingleFlight {
  readonly #flights = new Map<string, Flight>();
  readonly #enabled: boolean;

  constructor(enabled = true) {
    this.#enabled = enabled;
  }

  /** Calls in flight now (for tests and diagnostics). */
  get size(): number {
    return this.#flights.size;
  }

  /** The flight for `key`, if one is under way. */
  joinable(key: string): Flight | undefined {
    const flight = this.#flights.get(key);
    return flight && !flight.signal.aborted ? flight : undefined;
  }

  /** Starts the leader's call for `key`; it leaves the table when it settles. */
  lead(key: string, signal: AbortSignal, start: () => Promise<UpstreamResponse>) {
    const promise = start();
    if (!this.#enabled) return promise;
    const flight: Flight = { promise, signal };
    this.#flights.set(key, flight);
    const leave = () => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    };
    promise.then(leave, leave);
    return promise;
  }
}

/**
 * Waits for a flight on behalf of a follower: its answer copied, or `'retry'` when the flight
 * failed because the leader's caller gave up; rejects with the follower's own abort reason.
 */
export async function follow(
  flight: Flight,
  signal: AbortSignal | undefined,
): Promise<UpstreamResponse | 'retry'> {
  let onAbort: (() => void) | undefined;
  const aborted = signal
    ? new Promise<never>((_, reject) => {
        onAbort = () => reject(abortReason(signal));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      })
    : undefined;
  aborted?.catch(() => {});
  try {
    const response = await (aborted ? Promise.race([flight.promise, aborted]) : flight.promise);
    return shareResponse(response);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (flight.signal.aborted) return 'retry';
    throw error;
  } finally {
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** The leader's answer for a follower: its own headers object, the same (read-only) body. */
export function shareResponse(response: UpstreamResponse): UpstreamResponse {
  const share: UpstreamResponse = {
    status: response.status,
    headers: { ...response.headers },
    body: response.body,
  };
  if (response.text !== undefined) share.text = response.text;
  return share;
}

/** Request counters: `/_local/stats` (per route template) and `/_local/inflight`. */
import { tokenHash } from './auth.ts';

export interface RequestStats {
  requests: number;
  byRoute: Record<string, number>;
}

export interface InflightCounter {
  max: number;
  current: number;
}

export interface InflightStats extends InflightCounter {
  byToken: Record<string, InflightCounter>;
}

/** Route name in stats for requests that matched no route. */
export const UNMATCHED_ROUTE = '(unmatched)';

export class Stats {
  #requests = 0;
  #byRoute = new Map<string, number>();
  #inflight: InflightCounter = { max: 0, current: 0 };
  #byToken = new Map<string, InflightCounter>();

  /** Counts one REST request under `METHOD template`. */
  count(routeKey: string): void {
    this.#requests += 1;
    this.#byRoute.set(routeKey, (this.#byRoute.get(routeKey) ?? 0) + 1);
  }

  /** Marks a request in flight; returns the function that ends it. */
  enter(token: string | undefined): () => void {
    const counters = [this.#inflight];
    if (token !== undefined) {
      const hash = tokenHash(token);
      let counter = this.#byToken.get(hash);
      if (!counter) {
        counter = { max: 0, current: 0 };
        this.#byToken.set(hash, counter);
      }
      counters.push(counter);
    }
    for (const counter of counters) {
      counter.current += 1;
      counter.max = Math.max(counter.max, counter.current);
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const counter of counters) counter.current -= 1;
    };
  }

  snapshot(): RequestStats {
    return { requests: this.#requests, byRoute: Object.fromEntries(this.#byRoute) };
  }

  inflight(): InflightStats {
    return {
      ...this.#inflight,
      byToken: Object.fromEntries([...this.#byToken].map(([hash, c]) => [hash, { ...c }])),
    };
  }

  /** Zeroes the counters; requests still in flight stay counted as current. */
  reset(): void {
    this.#requests = 0;
    this.#byRoute = new Map();
    this.#inflight.max = this.#inflight.current;
    for (const counter of this.#byToken.values()) counter.max = counter.current;
  }
}

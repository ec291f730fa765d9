import { abortReason } from './retry.ts';

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A counting semaphore with a limit that can be lowered (and raised) while in use, and
 * abortable waits: an aborted waiter leaves the queue at once and rejects with the abort reason.
 */
export class ConcurrencyLimiter {
  #limit: number;
  #active = 0;
  #maxActive = 0;
  readonly #queue: Waiter[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  get limit(): number {
    return this.#limit;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Most calls in flight at once since creation. */
  get maxActive(): number {
    return this.#maxActive;
  }

  setLimit(limit: number): void {
    this.#limit = Math.max(1, Math.floor(limit));
    this.#drain();
  }

  /**
   * Waits for a slot; call the returned function exactly once to free it. `first` queues ahead
   * of ordinary waiters (a retry of a call that already had its turn).
   */
  acquire(signal?: AbortSignal, first = false): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#active < this.#limit && this.#queue.length === 0) {
      return Promise.resolve(this.#take());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (first) this.#queue.unshift(waiter);
      else this.#queue.push(waiter);
    });
  }

  #take(): () => void {
    this.#active++;
    this.#maxActive = Math.max(this.#maxActive, this.#active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#drain();
    };
  }

  #drain(): void {
    while (this.#active < this.#limit) {
      const waiter = this.#queue.shift();
      if (!waiter) return;
      if (waiter.signal && waiter.onAbort) {
        waiter.signal.removeEventListener('abort', waiter.onAbort);
      }
      waiter.resolve(this.#take());
    }
  }
}

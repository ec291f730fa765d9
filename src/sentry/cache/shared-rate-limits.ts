/**
 * Sentry's spent rate-limit budgets shared through Redis: when one instance learns that a
 * token's budget for an endpoint is spent (a 429, or `Remaining: 0`), it writes
 * `<prefix>rl:<budget key>` with the reset as its expiry and publishes it; every instance then
 * holds its calls for that token and endpoint until the reset, as if it had seen the answer
 * itself. Budget keys hold the token's hash, never the token. Redis away: each instance goes
 * by what it sees alone.
 */
import type { SharedBudgets } from '../http/rate-limit.ts';
import type { RedisLink } from './redis-link.ts';

const CHANNEL = 'rate-limit';

interface Spent {
  key: string;
  until: number;
}

export class SharedRateLimits implements SharedBudgets {
  readonly #link: RedisLink;
  readonly #listeners: ((key: string, until: number) => void)[] = [];

  constructor(link: RedisLink) {
    this.#link = link;
    link.subscribe(CHANNEL, (body) => {
      const spent = body as Spent;
      if (typeof spent?.key !== 'string' || typeof spent.until !== 'number') return;
      for (const listener of this.#listeners) listener(spent.key, spent.until);
    });
  }

  onSpent(listener: (key: string, until: number) => void): void {
    this.#listeners.push(listener);
  }

  spent(key: string, until: number): void {
    const ttl = Math.ceil(until - Date.now());
    if (!this.#link.up || ttl <= 0) return;
    const client = this.#link.client;
    client.set(this.#link.key(`rl:${key}`), String(until), 'PX', ttl).catch(() => {});
    this.#link.publish(CHANNEL, { key, until } satisfies Spent).catch(() => {});
  }

  async closedUntil(key: string): Promise<number | undefined> {
    if (!this.#link.up) return undefined;
    try {
      const value = await this.#link.client.get(this.#link.key(`rl:${key}`));
      const until = value === null ? Number.NaN : Number(value);
      return Number.isFinite(until) && until > Date.now() ? until : undefined;
    } catch {
      return undefined;
    }
  }
}

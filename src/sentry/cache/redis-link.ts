/**
 * The connection to Redis (ioredis) that several gateway instances share: one client for
 * commands, one for pub/sub. Commands fail at once while Redis is away (no offline queue, so no
 * GraphQL request waits for it); ioredis reconnects in the background, and the link reports
 * each loss and recovery once.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/** What the cache logs through (a pino logger fits). */
export interface CacheLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface RedisLinkStats {
  /** Whether commands go through now. */
  up: boolean;
  /** Times the connection was lost. */
  disconnects: number;
}

type Listener = (message: unknown) => void;

export class RedisLink {
  readonly prefix: string;
  /** This instance, to skip its own messages. */
  readonly id = randomUUID();
  readonly client: Redis;
  readonly #subscriber: Redis;
  readonly #listeners = new Map<string, Listener[]>();
  readonly #log: CacheLog | undefined;
  readonly #onReconnect: (() => void)[] = [];
  #up = false;
  #disconnects = 0;

  constructor(url: string, prefix: string, log?: CacheLog) {
    this.prefix = prefix;
    this.#log = log;
    const common: RedisOptions = {
      connectTimeout: 1000,
      // Reconnect soon, never give up.
      retryStrategy: (times) => Math.min(50 * times, 1000),
    };
    this.client = new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
    });
    // The subscriber queues its SUBSCRIBE until connected and subscribes again on reconnect.
    this.#subscriber = new Redis(url, { ...common, maxRetriesPerRequest: null });
    this.client.on('ready', () => {
      if (!this.#up) this.#log?.info({ redis: 'up' }, 'Redis connected: shared cache on');
      const again = this.#disconnects > 0;
      this.#up = true;
      if (again) for (const listener of this.#onReconnect) listener();
    });
    this.client.on('close', () => {
      if (this.#up) {
        this.#disconnects++;
        this.#log?.warn({ redis: 'down' }, 'Redis unavailable: serving without the shared cache');
      }
      this.#up = false;
    });
    // Failures are reported by the state changes above; an 'error' without a listener throws.
    this.client.on('error', () => {});
    this.#subscriber.on('error', () => {});
    this.#subscriber.on('message', (channel: string, text: string) => {
      let message: { from?: string; body?: unknown };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        return;
      }
      if (message.from === this.id) return;
      for (const listener of this.#listeners.get(channel) ?? []) listener(message.body);
    });
  }

  get up(): boolean {
    return this.#up && this.client.status === 'ready';
  }

  /** Calls `listener` each time the connection is back after a loss. */
  onReconnect(listener: () => void): void {
    this.#onReconnect.push(listener);
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** Calls `listener` with each message another instance publishes on `channel`. */
  subscribe(channel: string, listener: Listener): void {
    const name = this.key(channel);
    const listeners = this.#listeners.get(name);
    if (listeners) listeners.push(listener);
    else {
      this.#listeners.set(name, [listener]);
      this.#subscriber.subscribe(name).catch(() => {});
    }
  }

  async publish(channel: string, body: unknown): Promise<void> {
    await this.client.publish(this.key(channel), JSON.stringify({ from: this.id, body }));
  }

  stats(): RedisLinkStats {
    return { up: this.up, disconnects: this.#disconnects };
  }

  async close(): Promise<void> {
    this.client.disconnect();
    this.#subscriber.disconnect();
  }
}

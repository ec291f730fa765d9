/** Where cached responses live: in this process (`memory-store.ts`) or in Redis (`redis-store.ts`). */

/** A cached upstream GET: its status, the headers the gateway reads, and the JSON body as text. */
export interface CachedResponse {
  status: number;
  /** Only `link`, `x-hits` and `x-max-hits` (pagination and counts). */
  headers: Record<string, string>;
  body: string;
}

export interface CacheStore {
  readonly backend: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | undefined>;
  /** Keeps `value` under `key` for `ttlMs`, findable by each of `tags` for invalidation. */
  set(key: string, value: CachedResponse, tags: readonly string[], ttlMs: number): Promise<void>;
  /** Drops every entry of any of `tags` (`*`: every entry), for every token, on every instance. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Entries held (memory) or `undefined` when it is not known cheaply. */
  size(): number | undefined;
  /** The Redis connection's state (Redis only). */
  link?(): { up: boolean; disconnects: number };
  close(): Promise<void>;
}

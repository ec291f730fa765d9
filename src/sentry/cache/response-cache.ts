/**
 * The response cache of upstream GETs (`--cache-ttl`): looks entries up, keeps 2xx answers with
 * the tags of their path, drops what writes make stale, and counts all of it. The store is the
 * process's memory or Redis; a store that fails (Redis away) is a miss, never a failed call.
 *
 * A GET that was already under way when a write dropped its tags is not kept: what it read may
 * predate the write. Invalidations published by other instances count the same way.
 */
import type { UpstreamResponse } from '../http/upstream.ts';
import type { CachedResponse, CacheStore } from './store.ts';
import { ALL, entryTags } from './tags.ts';

/** Response headers kept with an entry: the ones the gateway reads. */
const KEPT_HEADERS = ['link', 'x-hits', 'x-max-hits'];

export interface CacheStats {
  backend: 'memory' | 'redis';
  hits: number;
  misses: number;
  /** Entries written. */
  stored: number;
  /** Answers not kept because a write dropped their tags while they were read. */
  skippedStale: number;
  /** Writes (here or, with Redis, on another instance) that dropped entries. */
  invalidations: number;
  /** Store operations that failed (Redis away): served without the cache. */
  errors: number;
  /** Entries held, when the store knows cheaply. */
  entries: number | undefined;
  /** Redis: whether it answers now, and how often the connection was lost. */
  redis?: { up: boolean; disconnects: number } | undefined;
}

export interface ResponseCacheOptions {
  ttlMs: number;
  store: CacheStore;
  /** Told about a store failure (logged by the server). */
  onError?: ((error: unknown, operation: 'get' | 'set' | 'invalidate') => void) | undefined;
}

/** Tags remembered with the invalidation that last dropped them. */
const MAX_REMEMBERED_TAGS = 10_000;

export class ResponseCache {
  readonly ttlMs: number;
  readonly store: CacheStore;
  readonly #onError: ResponseCacheOptions['onError'];
  /** Bumped by every invalidation; a read remembers the value it started at. */
  #sequence = 0;
  readonly #droppedAt = new Map<string, number>();
  readonly #stats = { hits: 0, misses: 0, stored: 0, skippedStale: 0, invalidations: 0, errors: 0 };

  constructor(options: ResponseCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.store = options.store;
    this.#onError = options.onError;
  }

  /** The cached answer for `key`, or `undefined` (a miss, or the store failed). */
  async lookup(key: string): Promise<UpstreamResponse | undefined> {
    let entry: CachedResponse | undefined;
    try {
      entry = await this.store.get(key);
    } catch (error) {
      this.#failed(error, 'get');
    }
    if (!entry) {
      this.#stats.misses++;
      return undefined;
    }
    this.#stats.hits++;
    return { status: entry.status, headers: { ...entry.headers }, body: JSON.parse(entry.body) };
  }

  /** To pass to `keep`: the moment a read starts, in invalidations. */
  begin(): number {
    return this.#sequence;
  }

  /** Keeps a 2xx answer of the GET of `path` (API path) read since `startedAt`. */
  async keep(
    key: string,
    path: string,
    response: UpstreamResponse,
    startedAt: number,
  ): Promise<void> {
    if (response.status < 200 || response.status >= 300 || response.body === undefined) return;
    const tags = entryTags(path);
    const dropped = [ALL, ...tags].some((tag) => (this.#droppedAt.get(tag) ?? -1) > startedAt);
    if (dropped) {
      this.#stats.skippedStale++;
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = response.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    try {
      await this.store.set(
        key,
        { status: response.status, headers, body: response.text ?? JSON.stringify(response.body) },
        tags,
        this.ttlMs,
      );
      this.#stats.stored++;
    } catch (error) {
      this.#failed(error, 'set');
    }
  }

  /** Drops the entries of `tags` everywhere (a write went through this instance). */
  async invalidate(tags: readonly string[]): Promise<void> {
    this.dropped(tags);
    try {
      await this.store.invalidate(tags);
    } catch (error) {
      this.#failed(error, 'invalidate');
    }
  }

  /** Records that `tags` were dropped now (here, or on another instance: Redis pub/sub). */
  dropped(tags: readonly string[]): void {
    this.#stats.invalidations++;
    this.#sequence++;
    for (const tag of tags) {
      this.#droppedAt.delete(tag);
      this.#droppedAt.set(tag, this.#sequence);
    }
    while (this.#droppedAt.size > MAX_REMEMBERED_TAGS) {
      const oldest = this.#droppedAt.keys().next();
      if (oldest.done) break;
      this.#droppedAt.delete(oldest.value);
      // Forgetting a tag could let a stale read in: treat everything older as dropped.
      this.#droppedAt.set(ALL, this.#sequence);
    }
  }

  stats(): CacheStats {
    return {
      backend: this.store.backend,
      ...this.#stats,
      entries: this.store.size(),
      redis: this.store.link?.(),
    };
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  #failed(error: unknown, operation: 'get' | 'set' | 'invalidate'): void {
    this.#stats.errors++;
    this.#onError?.(error, operation);
  }
}

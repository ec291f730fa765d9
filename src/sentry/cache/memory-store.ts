/**
 * The in-process store: an LRU (lru-cache) bounded in entries and in bytes, with a TTL, and an
 * index from tag to keys so that a write can drop what it made stale.
 */
import { LRUCache } from 'lru-cache';
import type { CachedResponse, CacheStore } from './store.ts';
import { ALL } from './tags.ts';

interface Entry {
  value: CachedResponse;
  tags: readonly string[];
}

export interface MemoryStoreOptions {
  /** @default 10000 */
  maxEntries?: number;
  /** Bodies and headers, counted as UTF-16 code units. @default 64 MiB */
  maxBytes?: number;
}

/** Bytes an entry is counted for beyond its body: key, headers, bookkeeping. */
const ENTRY_OVERHEAD = 256;

export class MemoryStore implements CacheStore {
  readonly backend = 'memory';
  readonly #entries: LRUCache<string, Entry>;
  readonly #byTag = new Map<string, Set<string>>();

  constructor(options: MemoryStoreOptions = {}) {
    this.#entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => entry.value.body.length + ENTRY_OVERHEAD,
      dispose: (entry, key) => {
        for (const tag of entry.tags) {
          const keys = this.#byTag.get(tag);
          keys?.delete(key);
          if (keys?.size === 0) this.#byTag.delete(tag);
        }
      },
    });
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return this.#entries.get(key)?.value;
  }

  async set(
    key: string,
    value: CachedResponse,
    tags: readonly string[],
    ttlMs: number,
  ): Promise<void> {
    this.#entries.set(key, { value, tags }, { ttl: ttlMs });
    if (!this.#entries.has(key)) return; // larger than the whole cache: not kept
    for (const tag of tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.#byTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.includes(ALL)) {
      this.#entries.clear();
      return;
    }
    for (const tag of tags) {
      for (const key of [...(this.#byTag.get(tag) ?? [])]) this.#entries.delete(key);
    }
  }

  size(): number {
    return this.#entries.size;
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}

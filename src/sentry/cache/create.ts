/**
 * Builds what `createGateway` shares across requests from its `cache` option: the response
 * cache (in memory, or in Redis), and with Redis the shared rate-limit budgets and the
 * invalidations other instances publish.
 */
import type { SharedBudgets } from '../http/rate-limit.ts';
import { MemoryStore } from './memory-store.ts';
import { type CacheLog, RedisLink, type RedisLinkStats } from './redis-link.ts';
import { INVALIDATE_CHANNEL, RedisStore } from './redis-store.ts';
import { ResponseCache } from './response-cache.ts';
import { SharedRateLimits } from './shared-rate-limits.ts';

export interface CacheOptions {
  /**
   * Seconds an upstream GET answer is kept (`--cache-ttl`); unset: no response cache (with
   * `redis`, only the rate-limit state is shared).
   */
  ttlSeconds?: number | undefined;
  /** Entries kept in memory (not with Redis). @default 10000 */
  maxEntries?: number;
  /** Bytes of bodies kept in memory (not with Redis). @default 67108864 (64 MiB) */
  maxBytes?: number;
  /** `redis://` URL (`--redis`, `REDIS_URL`): cache, invalidations and rate limits shared. */
  redis?: string | undefined;
  /** Prefix of every Redis key and channel. @default 'sentry-graphql:' */
  redisPrefix?: string;
}

export interface SharedState {
  cache: ResponseCache | undefined;
  budgets: SharedBudgets | undefined;
  redis(): RedisLinkStats | undefined;
  close(): Promise<void>;
}

export function createSharedState(
  options: CacheOptions | undefined,
  log: CacheLog | undefined,
): SharedState {
  const link =
    options?.redis === undefined
      ? undefined
      : new RedisLink(options.redis, options.redisPrefix ?? 'sentry-graphql:', log);
  let cache: ResponseCache | undefined;
  if (options?.ttlSeconds !== undefined) {
    let warned = false;
    cache = new ResponseCache({
      ttlMs: options.ttlSeconds * 1000,
      store: link
        ? new RedisStore(link)
        : new MemoryStore({
            ...(options.maxEntries !== undefined ? { maxEntries: options.maxEntries } : {}),
            ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          }),
      onError: (error, operation) => {
        // Once per outage: the link logs losses and recoveries of the connection itself.
        if (warned || link?.up === false) return;
        warned = true;
        log?.warn(
          { operation, error: error instanceof Error ? error.message : String(error) },
          'response cache store failed: serving without the cache',
        );
      },
    });
    const shared = cache;
    link?.subscribe(INVALIDATE_CHANNEL, (tags) => {
      if (Array.isArray(tags)) shared.dropped(tags.filter((tag) => typeof tag === 'string'));
    });
  }
  return {
    cache,
    budgets: link ? new SharedRateLimits(link) : undefined,
    redis: () => link?.stats(),
    close: async () => {
      await link?.close();
    },
  };
}

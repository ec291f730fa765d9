/**
 * Metrics of the response cache and of request coalescing, read from the upstream's counters
 * when scraped: lookups by result, entries kept, invalidations, store failures (Redis away),
 * whether Redis answers, and GETs that shared a call in flight.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Upstream } from '../sentry/http/upstream.ts';

export function registerCacheMetrics(
  registry: Registry,
  prefix: string,
  upstream: Pick<Upstream, 'cacheStats' | 'stats'>,
): void {
  const counter = (name: string, help: string, read: () => Record<string, number> | undefined) =>
    new Counter({
      name: `${prefix}${name}`,
      help,
      labelNames: ['result'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [result, value] of Object.entries(read() ?? {})) {
          if (result === '') this.inc(value);
          else this.inc({ result }, value);
        }
      },
    });
  counter(
    'cache_lookups_total',
    'Upstream GETs looked up in the response cache, by result.',
    () => {
      const stats = upstream.cacheStats();
      return stats && { hit: stats.hits, miss: stats.misses };
    },
  );
  counter('cache_stores_total', 'Upstream answers written to the response cache.', () => {
    const stats = upstream.cacheStats();
    return stats && { '': stats.stored };
  });
  counter(
    'cache_invalidations_total',
    'Writes (through this instance or, with Redis, another) that dropped cached answers.',
    () => {
      const stats = upstream.cacheStats();
      return stats && { '': stats.invalidations };
    },
  );
  counter(
    'cache_errors_total',
    'Cache store operations that failed (Redis away); those requests were served without it.',
    () => {
      const stats = upstream.cacheStats();
      return stats && { '': stats.errors };
    },
  );
  counter(
    'upstream_coalesced_total',
    'GETs answered by an identical GET of the same token already in flight (nothing sent).',
    () => ({ '': upstream.stats().coalesced }),
  );
  new Gauge({
    name: `${prefix}cache_entries`,
    help: 'Answers held by the in-memory response cache.',
    registers: [registry],
    collect() {
      const entries = upstream.cacheStats()?.entries;
      if (entries !== undefined) this.set(entries);
    },
  });
  new Gauge({
    name: `${prefix}cache_redis_up`,
    help: 'Whether Redis answers (1) or the gateway serves without the shared cache (0).',
    registers: [registry],
    collect() {
      const redis = upstream.cacheStats()?.redis;
      if (redis) this.set(redis.up ? 1 : 0);
    },
  });
  counter('cache_redis_disconnects_total', 'Times the connection to Redis was lost.', () => {
    const redis = upstream.cacheStats()?.redis;
    return redis && { '': redis.disconnects };
  });
}

/**
 * The cache in Redis: each entry a string `<prefix>e:<key>` with the TTL, each tag a set
 * `<prefix>t:<tag>` of entry names (expiring with its newest entry). An invalidation deletes the
 * entries of its tags in one script, then is published so every instance also stops keeping
 * answers read before it (`ResponseCache.dropped`).
 */
import type { RedisLink } from './redis-link.ts';
import type { CachedResponse, CacheStore } from './store.ts';
import { ALL } from './tags.ts';

/** KEYS: tag sets. Deletes every entry they name, then the sets. */
const DROP_TAGS = `
local dropped = 0
for _, tag in ipairs(KEYS) do
  local members = redis.call('SMEMBERS', tag)
  for i = 1, #members, 500 do
    dropped = dropped + redis.call('DEL', unpack(members, i, math.min(i + 499, #members)))
  end
  redis.call('DEL', tag)
end
return dropped
`;

export const INVALIDATE_CHANNEL = 'invalidate';

export class RedisStore implements CacheStore {
  readonly backend = 'redis';
  readonly #link: RedisLink;
  /**
   * Tags whose invalidation failed while Redis was away: entries that outlived the outage (a
   * network cut, not a restart) may be stale, so they are dropped as soon as it is back.
   */
  readonly #pending = new Set<string>();

  constructor(link: RedisLink) {
    this.#link = link;
    link.onReconnect(() => {
      if (this.#pending.size === 0) return;
      const tags = [...this.#pending];
      this.#pending.clear();
      this.invalidate(tags).catch(() => {});
    });
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const text = await this.#link.client.get(this.#link.key(`e:${key}`));
    return text === null ? undefined : (JSON.parse(text) as CachedResponse);
  }

  async set(
    key: string,
    value: CachedResponse,
    tags: readonly string[],
    ttlMs: number,
  ): Promise<void> {
    const entry = this.#link.key(`e:${key}`);
    const batch = this.#link.client.multi().set(entry, JSON.stringify(value), 'PX', ttlMs);
    for (const tag of tags) {
      const set = this.#link.key(`t:${tag}`);
      // The set lives as long as its longest-lived entry (instances may differ in TTL).
      batch.sadd(set, entry).pexpire(set, ttlMs, 'NX').pexpire(set, ttlMs, 'GT');
    }
    await batch.exec();
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    try {
      if (tags.includes(ALL)) await this.#dropAll();
      else {
        const sets = tags.map((tag) => this.#link.key(`t:${tag}`));
        await this.#link.client.eval(DROP_TAGS, sets.length, ...sets);
      }
    } catch (error) {
      for (const tag of tags) this.#pending.add(tag);
      if (this.#pending.size > 1000) {
        this.#pending.clear();
        this.#pending.add(ALL);
      }
      throw error;
    }
    await this.#link.publish(INVALIDATE_CHANNEL, tags);
  }

  size(): undefined {
    return undefined;
  }

  link() {
    return this.#link.stats();
  }

  async close(): Promise<void> {}

  async #dropAll(): Promise<void> {
    const { client } = this.#link;
    let cursor = '0';
    do {
      const [next, names] = await client.scan(
        cursor,
        'MATCH',
        this.#link.key('[et]:*'),
        'COUNT',
        500,
      );
      cursor = next;
      if (names.length > 0) await client.del(...names);
    } while (cursor !== '0');
  }
}

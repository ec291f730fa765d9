/** The in-memory store's bounds and invalidation, and the response cache's stale-read guard. */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/sentry/cache/memory-store.ts';
import { ResponseCache } from '../../src/sentry/cache/response-cache.ts';

const value = (body: string) => ({ status: 200, headers: {}, body });

describe('memory store', () => {
  it('keeps at most maxEntries, least recently used out first', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    await store.set('a', value('1'), [], 60_000);
    await store.set('b', value('2'), [], 60_000);
    await store.get('a');
    await store.set('c', value('3'), [], 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toEqual(value('1'));
    expect(store.size()).toBe(2);
  });

  it('keeps at most maxBytes and nothing larger than that', async () => {
    const store = new MemoryStore({ maxBytes: 2000 });
    await store.set('big', value('x'.repeat(5000)), ['t'], 60_000);
    expect(await store.get('big')).toBeUndefined();
    await store.set('a', value('x'.repeat(800)), [], 60_000);
    await store.set('b', value('x'.repeat(800)), [], 60_000);
    expect(store.size()).toBe(1);
  });

  it('drops by tag, and everything for *', async () => {
    const store = new MemoryStore();
    await store.set('a', value('1'), ['o:acme', 'o:acme:issues'], 60_000);
    await store.set('b', value('2'), ['o:acme', 'o:acme:releases'], 60_000);
    await store.set('c', value('3'), ['o:globex'], 60_000);
    await store.invalidate(['o:acme:issues']);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toEqual(value('2'));
    await store.invalidate(['*']);
    expect(store.size()).toBe(0);
  });
});

describe('response cache', () => {
  it('does not keep an answer read before a write dropped its tags', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, store: new MemoryStore() });
    const startedAt = cache.begin();
    await cache.invalidate(['o:acme:issues']);
    const response = { status: 200, headers: { link: '<x>' }, body: [{ id: '1' }] };
    await cache.keep('k', '/api/0/organizations/acme/issues/', response, startedAt);
    expect(await cache.lookup('k')).toBeUndefined();
    await cache.keep('k', '/api/0/organizations/acme/issues/', response, cache.begin());
    expect(await cache.lookup('k')).toEqual(response);
    expect(cache.stats()).toMatchObject({ skippedStale: 1, stored: 1, hits: 1, misses: 1 });
  });

  it('keeps only 2xx answers and only the headers the gateway reads', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, store: new MemoryStore() });
    const path = '/api/0/organizations/acme/';
    await cache.keep('miss', path, { status: 404, headers: {}, body: {} }, cache.begin());
    expect(await cache.lookup('miss')).toBeUndefined();
    const headers = { link: '<a>', 'x-hits': '3', 'x-sentry-rate-limit-remaining': '1' };
    await cache.keep('ok', path, { status: 200, headers, body: {} }, cache.begin());
    expect((await cache.lookup('ok'))?.headers).toEqual({ link: '<a>', 'x-hits': '3' });
  });
});

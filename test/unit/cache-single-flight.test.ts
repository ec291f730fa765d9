/**
 * Single-flight: followers share the leader's read-only body; a leader that gives up leaves its
 * followers to retry. And the guard that keeps bodies read-only in the suite.
 */
import { describe, expect, it } from 'vitest';
import { follow, SingleFlight } from '../../src/sentry/cache/single-flight.ts';
import { stamp } from '../../src/sentry/http/requester.ts';
import type { UpstreamResponse } from '../../src/sentry/http/upstream.ts';

function deferred() {
  let resolve!: (value: UpstreamResponse) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<UpstreamResponse>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('shares one call and its read-only body; each follower gets its own response and headers', async () => {
    const flights = new SingleFlight();
    const call = deferred();
    const leader = flights.lead('k', new AbortController().signal, () => call.promise);
    const flight = flights.joinable('k');
    if (!flight) throw new Error('no flight');
    const followers = [follow(flight, undefined), follow(flight, undefined)];
    call.resolve({ status: 200, headers: { link: 'x' }, body: { items: [1] } });
    const [first, second] = await Promise.all(followers);
    expect(await leader).toEqual({ status: 200, headers: { link: 'x' }, body: { items: [1] } });
    expect(first).toEqual(await leader);
    expect(first).not.toBe(second);
    expect((first as UpstreamResponse).headers).not.toBe((await leader).headers);
    // Bodies are read-only once parsed (requester.ts `settled`): no parse per follower.
    expect((first as UpstreamResponse).body).toBe((await leader).body);
    expect(flights.size).toBe(0);
  });

  it('a follower retries when the leader gave up, and shares real failures', async () => {
    const flights = new SingleFlight();
    const leaderSignal = new AbortController();
    const call = deferred();
    flights.lead('k', leaderSignal.signal, () => call.promise).catch(() => {});
    const flight = flights.joinable('k');
    if (!flight) throw new Error('no flight');
    const waiting = follow(flight, undefined);
    leaderSignal.abort(new Error('leader gone'));
    call.reject(new Error('leader gone'));
    expect(await waiting).toBe('retry');
    expect(flights.joinable('k')).toBeUndefined();

    const failing = deferred();
    flights.lead('f', new AbortController().signal, () => failing.promise).catch(() => {});
    const shared = follow(flights.joinable('f') as never, undefined);
    failing.reject(new Error('404'));
    await expect(shared).rejects.toThrow('404');
  });

  it('a follower that gives up stops waiting at once', async () => {
    const flights = new SingleFlight();
    const call = deferred();
    flights.lead('k', new AbortController().signal, () => call.promise).catch(() => {});
    const mine = new AbortController();
    const waiting = follow(flights.joinable('k') as never, mine.signal);
    mine.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    call.resolve({ status: 200, headers: {}, body: {} });
  });

  it('off: every call is its own', () => {
    const flights = new SingleFlight(false);
    flights.lead('k', new AbortController().signal, () => deferred().promise);
    expect(flights.joinable('k')).toBeUndefined();
  });
});

describe('read-only upstream bodies (SENTRY_GRAPHQL_FREEZE_BODIES, set for the suite)', () => {
  it('refuses a change to a stamped body, and allows a new brand or the same stamp', () => {
    const [row] = stamp([{ id: '1', tags: [{ key: 'level' }, { key: 'env' }] }], 'acme') as {
      id: string;
      tags: { key: string }[];
      organizationSlug: string;
    }[];
    if (!row) throw new Error('no row');
    expect(row.organizationSlug).toBe('acme');
    // (Under strict mode, as the gateway's ES modules are, the assignment throws.)
    expect(Reflect.set(row, 'id', '2')).toBe(false);
    expect(row.id).toBe('1');
    expect(() => row.tags.push({ key: 'x' })).toThrow(TypeError);
    expect(() => row.tags.sort()).toThrow(TypeError);
    // Pothos brands objects with their type: a new (symbol) property is still allowed.
    (row as Record<symbol, string>)[Symbol.for('brand')] = 'Issue';
    expect(stamp([row], 'acme')[0]).toBe(row);
  });
});

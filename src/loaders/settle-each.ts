/**
 * DataLoader's batch contract, said once: one result per key, in key order, and an `Error` in
 * the slot of a key that failed so that one 404 never fails its neighbours.
 */
import { SentryNotFoundError } from '../sentry/http/errors.ts';
import { groupByOrg, type ScopedKey } from './keys.ts';

/** Runs `load` for every key concurrently (the client enforces the concurrency limit). */
export async function settleEach<K, V>(
  keys: readonly K[],
  load: (key: K) => Promise<V>,
): Promise<(V | Error)[]> {
  const settled = await Promise.allSettled(keys.map(async (key) => load(key)));
  return settled.map((result) =>
    result.status === 'fulfilled' ? result.value : toError(result.reason),
  );
}

/** The error a loader puts in the slot of a key that a bulk read did not return. */
export function notFound(what: string, id: string): SentryNotFoundError {
  return new SentryNotFoundError({
    status: 404,
    message: `${what} ${JSON.stringify(id)} not found`,
  });
}

export interface BulkOptions<V> {
  /** Keys per upstream call (URL length, Sentry's page size). @default 100 */
  chunkSize?: number;
  /** One bulk read: the items of `org` whose identifiers are `ids`, in any order. */
  fetch: (org: string, ids: string[]) => Promise<V[]>;
  /** The identifier of an item, as it appears in the key after `org/`. */
  idOf: (item: V) => string;
  /** Name of the resource, for not-found messages. */
  what: string;
  /** Called for ids the bulk read did not return (e.g. to retry them one by one). */
  onMissing?: (org: string, id: string) => Promise<V>;
  /** A single read, used instead of `fetch` when an organization has only one id to load. */
  single?: (org: string, id: string) => Promise<V>;
}

/**
 * Loads scoped keys with one bulk read per organization (and per `chunkSize` ids), mapping the
 * items back by identifier. A miss is a NOT_FOUND error in its slot, and a failed call fails
 * only the keys it was asked for.
 */
export async function loadScopedInBulk<V>(
  keys: readonly ScopedKey[],
  { chunkSize = 100, fetch, idOf, what, onMissing, single }: BulkOptions<V>,
): Promise<(V | Error)[]> {
  const found = new Map<string, V | Error>();
  const calls: Promise<void>[] = [];
  for (const [org, ids] of groupByOrg(keys)) {
    const unique = [...new Set(ids)];
    const [only] = unique;
    if (single && only !== undefined && unique.length === 1) {
      calls.push(
        single(org, only).then(
          (item) => void found.set(`${org}/${only}`, item),
          (error: unknown) => void found.set(`${org}/${only}`, toError(error)),
        ),
      );
      continue;
    }
    for (let start = 0; start < unique.length; start += chunkSize) {
      const chunk = unique.slice(start, start + chunkSize);
      calls.push(
        fetch(org, chunk).then(
          (items) => {
            for (const item of items) found.set(`${org}/${idOf(item)}`, item);
          },
          (error: unknown) => {
            for (const id of chunk) found.set(`${org}/${id}`, toError(error));
          },
        ),
      );
    }
  }
  await Promise.all(calls);
  const missing = [...new Set<ScopedKey>(keys)].filter((key) => !found.has(key));
  if (onMissing && missing.length > 0) {
    const retried = await settleEach(missing, (key) => {
      const slash = key.indexOf('/');
      return onMissing(key.slice(0, slash), key.slice(slash + 1));
    });
    missing.forEach((key, index) => {
      const value = retried[index];
      if (value !== undefined) found.set(key, value);
    });
  }
  return keys.map((key) => found.get(key) ?? notFound(what, key.slice(key.indexOf('/') + 1)));
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

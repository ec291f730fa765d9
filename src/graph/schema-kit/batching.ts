/**
 * The switch behind `serve --no-batch`: a naive gateway the benchmark measures the real one
 * against, so that the N+1 cost batching saves is a number. With `context.batching` off, every
 * DataLoader key is its own batch, lists prime no loader, and an object a parent embedded (a
 * stub) answers only its identifiers: every other field loads the full object.
 */
import { createContextCache } from '@pothos/core';
import DataLoader, { type Options } from 'dataloader';
import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { Context } from '../../context.ts';
import type { SentryClient } from '../../sentry/client.ts';
import { isStub } from './stub.ts';

/** A batch function of src/loaders: one result (or `Error`) per key, in order. */
type BatchFunction<K, V> = (
  sentry: SentryClient,
  keys: readonly K[],
) => Promise<readonly (V | Error)[]>;

/** Options of a per-request DataLoader: batch size 1 when batching is off. */
function loaderOptions<K, V>(context: Context): Options<K, V> {
  return context.batching ? {} : { maxBatchSize: 1 };
}

/**
 * Loads `keys` with one call of `load`, or, with batching off, each key with a call of its own,
 * as DataLoader does with `maxBatchSize: 1` (Pothos gives loadable refs static loader options).
 */
async function batchOrEach<K, V>(
  context: Context,
  keys: readonly K[],
  load: (batch: K[]) => Promise<readonly (V | Error)[]>,
): Promise<(V | Error)[]> {
  if (context.batching) return [...(await load([...keys]))];
  return Promise.all(
    keys.map(async (key) => {
      try {
        return (await load([key]))[0] ?? new Error('The loader returned no result');
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

/**
 * The `load` of a loadable ref: `batch` over this request's client, one call per key when
 * batching is off. `V` is the ref's shape, so give it when it is wider than what `batch`
 * returns (a stub type, say): Pothos infers the ref's shape from this function.
 */
export function loadWith<K, V>(batch: BatchFunction<K, V>) {
  return (keys: K[], context: Context): Promise<(V | Error)[]> =>
    batchOrEach(context, keys, (some) => batch(context.sentry, some));
}

/**
 * A DataLoader over `batch` for loads that are not a loadable ref (by slug, detail bodies, event
 * lookups): one per request, cached on the context as Pothos caches its own.
 */
export function requestLoader<K, V>(batch: BatchFunction<K, V>) {
  return createContextCache(
    (context: Context) =>
      new DataLoader((keys: readonly K[]) => batch(context.sentry, keys), loaderOptions(context)),
  );
}

/** What a stub keeps when batching is off: its identifiers, never the data embedded with them. */
const STUB_KEYS = ['stubOf', 'organizationSlug', 'id', 'slug', 'version'];

/** Types whose parents may hand them a stub (see `stub.ts`). */
const STUB_TYPES = ['Organization', 'Project', 'Team', 'User', 'Release'];

function identifiersOnly(stub: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(STUB_KEYS.filter((key) => key in stub).map((key) => [key, stub[key]]));
}

/**
 * Wraps the fields of the stub types so that, with batching off, they see the stub's
 * identifiers only and load everything else. With batching on, the stub passes through as is.
 */
export function withNaiveMode(schema: GraphQLSchema): GraphQLSchema {
  for (const name of STUB_TYPES) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent: unknown, args, context: Context, info) =>
        !context.batching && typeof parent === 'object' && parent !== null && isStub(parent)
          ? resolve(identifiersOnly(parent as Record<string, unknown>), args, context, info)
          : resolve(parent, args, context, info);
    }
  }
  return schema;
}

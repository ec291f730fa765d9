/**
 * Prefetch: when a field returns only a key (`organization.issue(id:)`, `organization.release(
 * version:)`) and the object behind it is loaded afterwards, the children selected under it that
 * need only that key and their own arguments (an issue's event by id, its events, its tags; a
 * release's deploys, commits, new issues) start at once, in the same wave as the parent's load,
 * instead of one round trip after it. The child resolvers then call Sentry exactly as they
 * always do and get the prefetched answer (`SentryClient.prefetch`), so the REST count does not
 * change when the parent exists.
 *
 * When the parent does not exist, its field is null with NOT_FOUND as before, but the prefetched
 * children have cost their calls (each answers 404 or an empty list, and nothing reads it). That
 * is the price of the shorter critical path for a lookup that misses.
 *
 * Off in the naive mode (`--no-batch`), which shows what the gateway would cost without it.
 */
import { type GraphQLResolveInfo, getArgumentValues, isObjectType } from 'graphql';
import type { Context } from '../../context.ts';
import { childFields, type SelectionInfo } from './selection.ts';

/** The parents whose children can be prefetched, by type name: what their key says of them. */
export interface PrefetchParents {
  Issue: { organizationSlug: string; id: string };
  Release: { organizationSlug: string; version: string };
  /** For `organization.project(slug:)`: its keys, hooks, user feedback... need only the slug. */
  Project: { organizationSlug: string; slug: string };
}

/** A child field as its resolver sees it: its arguments and its own selection. */
export interface ChildField {
  args: Record<string, unknown>;
  info: SelectionInfo;
}

/**
 * A child field's Sentry read. The child's resolver must make its calls through the same
 * function (with the loaded parent), so that the prefetched call and the real one are identical;
 * it must send before its first `await` (see `SentryClient.prefetch`).
 */
export type ChildRead<P> = (context: Context, parent: P, field: ChildField) => Promise<unknown>;

const reads = new Map<keyof PrefetchParents, Map<string, ChildRead<never>>>();

/** Declares that `field` of `type` can be read knowing only its parent's key and its arguments. */
export function prefetchable<T extends keyof PrefetchParents>(
  type: T,
  field: string,
  read: ChildRead<PrefetchParents[T]>,
): void {
  const fields = reads.get(type) ?? new Map<string, ChildRead<never>>();
  fields.set(field, read);
  reads.set(type, fields);
}

/**
 * Starts the reads of the prefetchable children that `info` (the parent field's) selects on
 * an object of `type` known by `parent`. Never throws and never rejects: a child whose
 * arguments are invalid is not prefetched, and its resolver reports the error.
 */
export function prefetchChildren<T extends keyof PrefetchParents>(
  context: Context,
  info: GraphQLResolveInfo,
  type: T,
  parent: PrefetchParents[T],
): void {
  const fields = reads.get(type);
  const objectType = info.schema.getType(type);
  if (!context.batching || !fields || !isObjectType(objectType)) return;
  for (const nodes of childFields(info, objectType).values()) {
    const [node] = nodes;
    const read = node && (fields.get(node.name.value) as ChildRead<PrefetchParents[T]> | undefined);
    const definition = node && objectType.getFields()[node.name.value];
    if (!node || !read || !definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, info.variableValues);
    } catch {
      continue;
    }
    context.sentry.prefetch(() =>
      read(context, parent, { args, info: { fieldNodes: nodes, fragments: info.fragments } }),
    );
  }
}

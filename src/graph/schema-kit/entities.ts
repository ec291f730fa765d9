/**
 * Federation's `_entities`, resolved item by item. `@apollo/subgraph`'s resolver (which Pothos'
 * federation plugin mounts) maps the representations synchronously: an unknown `__typename`
 * throws in the middle of the map, which fails the whole field and leaves the loads already
 * started for earlier items without anyone to handle their failures (an unhandled rejection
 * that ended the process). Here every representation is checked on its own (an object, a
 * `__typename` of the `_Entity` union, every field of one of its `@key`s as a string) and
 * resolved on its own: its item is the entity, or null with its own error (BAD_USER_INPUT for a
 * bad representation, NOT_FOUND for a missing entity, the upstream's failure otherwise). No item
 * is ever a rejected promise, and no error fails a sibling.
 */
import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isUnionType,
} from 'graphql';
import type { Context } from '../../context.ts';
import { badUserInput } from './errors.ts';

type ResolveReference = (
  representation: Record<string, unknown>,
  context: Context,
  info: GraphQLResolveInfo,
) => unknown;

interface EntityType {
  /** Field names of each `@key`, in declaration order. */
  keys: string[][];
  resolveReference?: ResolveReference | undefined;
}

/** The entity type an item was resolved as: the `_Entity` union's `resolveType`. */
const entityTypenames = new WeakMap<object, string>();

/** Replaces the resolver of `Query._entities` (and the union's type resolution) in `schema`. */
export function withSafeEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const union = schema.getType('_Entity');
  if (!field || !isUnionType(union)) return schema;
  const types = new Map<string, EntityType>(
    union.getTypes().map((type) => [type.name, entityType(type)]),
  );
  const resolve: GraphQLFieldResolver<unknown, Context> = (_root, args, context, info) => {
    const { representations } = args as { representations: readonly unknown[] };
    return representations.map((representation) =>
      resolveEntity(types, representation, context, info),
    );
  };
  field.resolve = resolve;
  union.resolveType = (value) =>
    typeof value === 'object' && value !== null ? entityTypenames.get(value) : undefined;
  return schema;
}

function entityType(type: GraphQLObjectType): EntityType {
  const extensions = type.extensions as {
    directives?: { name: string; args?: { fields?: unknown } }[];
    apollo?: { subgraph?: { resolveReference?: ResolveReference } };
  };
  const keys = (Array.isArray(extensions.directives) ? extensions.directives : [])
    .filter((directive) => directive.name === 'key' && typeof directive.args?.fields === 'string')
    .map((directive) => String(directive.args?.fields).split(/\s+/).filter(Boolean));
  return { keys, resolveReference: extensions.apollo?.subgraph?.resolveReference };
}

/** One item of `_entities`: a promise of the entity, or of the Error that is its item's error. */
function resolveEntity(
  types: ReadonlyMap<string, EntityType>,
  representation: unknown,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  if (
    typeof representation !== 'object' ||
    representation === null ||
    Array.isArray(representation)
  ) {
    return Promise.resolve(badUserInput('A representation must be an object with a __typename.'));
  }
  const fields = representation as Record<string, unknown>;
  const typename = fields['__typename'];
  const type = typeof typename === 'string' ? types.get(typename) : undefined;
  if (typeof typename !== 'string' || !type) {
    return Promise.resolve(
      badUserInput(
        `Unknown entity type ${JSON.stringify(String(typename).slice(0, 100))}: expected one of ${[...types.keys()].join(', ')}.`,
      ),
    );
  }
  const key = type.keys.find((names) =>
    names.every((name) => Object.hasOwn(fields, name) && typeof fields[name] === 'string'),
  );
  if (!key) {
    const expected = type.keys.map((names) => names.join(' and ')).join(', or ');
    return Promise.resolve(
      badUserInput(`A ${typename} representation needs the string fields ${expected}.`),
    );
  }
  // Only the key's own fields reach the resolver: nothing else of the client's object.
  const reference: Record<string, unknown> = { __typename: typename };
  for (const name of key) reference[name] = fields[name];
  let result: unknown;
  try {
    result = type.resolveReference ? type.resolveReference(reference, context, info) : reference;
  } catch (error) {
    return Promise.resolve(asError(error));
  }
  return Promise.resolve(result).then(
    (entity) => {
      if (typeof entity !== 'object' || entity === null) {
        return new GraphQLError(`No ${typename} has this key.`, {
          extensions: { code: 'NOT_FOUND' },
        });
      }
      if (!(entity instanceof Error)) entityTypenames.set(entity, typename);
      return entity;
    },
    (error: unknown) => asError(error),
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

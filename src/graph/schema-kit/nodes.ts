/**
 * `nodes(ids:)`, item by item: each id is decoded and checked on its own, so a malformed id, an
 * unknown type or a key that does not parse is null with its own BAD_USER_INPUT error while the
 * other ids still load, batched by type as Pothos' `resolveNodes` always does. (Relay plugin's
 * own `nodes` decodes every id as an argument, so one bad id failed the whole list.)
 */
import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.ts';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';
import { decodeGlobalId, isNodeType } from './global-id.ts';

type ParseId = (id: string, context: Context) => unknown;

/** A decoded global id, its key parsed by its type (`loadableNodeRef`'s `id.parse`). */
function parseGlobalId(
  globalId: string,
  context: Context,
  info: GraphQLResolveInfo,
): { typename: string; id: unknown } | Error {
  try {
    const { typename, id } = decodeGlobalId(globalId);
    if (!isNodeType(info.schema, typename)) {
      return badUserInput(`Unknown type in global id: ${typename}`);
    }
    const extensions = info.schema.getType(typename)?.extensions as
      | { pothosParseGlobalID?: ParseId }
      | undefined;
    const parse = extensions?.pothosParseGlobalID;
    return { typename, id: parse ? parse(id, context) : id };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

// Creating the Node interface adds `node(id:)`; `nodes(ids:)` follows it in the schema.
const Node = builder.nodeInterfaceRef();

builder.queryField('nodes', (t) =>
  t.field({
    type: [Node],
    nullable: { list: false, items: true },
    description: 'Fetches objects by their global ids; a missing one is null with NOT_FOUND.',
    authScopes: { authenticated: true },
    args: { ids: t.arg.idList({ required: true }) },
    resolve: async (_root, { ids }, context, info) => {
      const parsed = ids.map((id) => parseGlobalId(String(id), context, info));
      const valid = parsed.filter(
        (item): item is { typename: string; id: unknown } => !(item instanceof Error),
      );
      let loaded: readonly unknown[];
      try {
        loaded = await resolveNodes(builder, context, info, valid);
      } catch (error) {
        // A failure of the whole load fails the items it was for, not the refused ones.
        const failure = error instanceof Error ? error : new Error(String(error));
        return parsed.map((item) => (item instanceof Error ? item : failure));
      }
      let next = 0;
      return parsed.map((item) => (item instanceof Error ? item : loaded[next++]));
    },
  }),
);

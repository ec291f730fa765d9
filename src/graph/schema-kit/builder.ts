/**
 * The one SchemaBuilder: plugins, scalars and root types only. schema-kit/ holds the machinery
 * every domain folder uses (connections, global ids, stubs, batching, prefetch, query cost, and
 * in mutations/ the Mutation root, user errors, payloads and input checks); it knows no domain.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError, type GraphQLSchema, Kind, type ValueNode } from 'graphql';
import type { Context } from '../../context.ts';
import { badUserInput } from './errors.ts';
import { decodeGlobalId, encodeGlobalId, isNodeType } from './global-id.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  AuthScopes: { authenticated: boolean };
  Scalars: {
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    StatsPeriod: { Input: string; Output: string };
    File: { Input: File; Output: never };
  };
  Connection: { totalCount?: number | null | undefined; totalCountIsCapped?: boolean | undefined };
}>({
  // Scope-auth first and federation last: Pothos wraps resolvers in this order.
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    SimpleObjectsPlugin,
    RelayPlugin,
    DataloaderPlugin,
    DirectivesPlugin,
    FederationPlugin,
  ],
  scopeAuth: {
    authScopes: (context) => ({ authenticated: context.sentry.hasToken }),
    // No token at all: answer UNAUTHENTICATED without asking Sentry to say the same.
    unauthorizedError: () =>
      new GraphQLError('A Sentry token is required: send "Authorization: Bearer <token>".', {
        extensions: { code: 'UNAUTHENTICATED' },
      }),
  },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  errors: { defaultTypes: [], directResult: true },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: {
      description: 'Global opaque id (Relay); `node(id:)` fetches the object by it.',
    },
    edgesFieldOptions: {
      nullable: false,
      description: 'The items of this page, each with its cursor.',
    },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Pass as `after` to continue after this item.' },
    nodesOnConnection: { description: 'The items of this page, without cursors.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'More items follow: pass `endCursor` as `after`.' },
    hasPreviousPageFieldOptions: { description: 'Items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last item: pass as `after` for the next page.',
    },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeTypeOptions: { description: 'An object with a global, opaque id (Relay).' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global id.',
      nullable: true,
      authScopes: { authenticated: true },
      resolve: (_root, { id }, _context, info, resolveNode) => {
        checkNodeType(info.schema, id.typename);
        return resolveNode(id);
      },
    },
    // `nodes(ids:)` is defined in nodes.ts: item by item, so one bad id fails only its item.
    nodesQueryOptions: false,
    firstArgOptions: { description: 'Page size: 1 to 100. @default 25' },
    afterArgOptions: { description: 'An `endCursor` or edge `cursor` of a previous page.' },
    lastArgOptions: {
      description: 'Not supported: Sentry pages forward only. Refused with BAD_USER_INPUT.',
    },
    beforeArgOptions: {
      description: 'Not supported: Sentry pages forward only. Refused with BAD_USER_INPUT.',
    },
  },
});

builder.queryType({ description: 'The entry points of the graph.' });

builder.globalConnectionFields((t) => ({
  totalCount: t.int({
    nullable: true,
    description:
      'Number of items in the whole list, when Sentry counts them (`X-Hits`); see `totalCountIsCapped`.',
    resolve: (connection) => connection.totalCount ?? null,
  }),
  totalCountIsCapped: t.boolean({
    description:
      'True when Sentry stopped counting (issue lists count at most 1000): `totalCount` is a lower bound.',
    resolve: (connection) => connection.totalCountIsCapped ?? false,
  }),
}));

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string in UTC, e.g. "2026-11-01T12:00:00.000Z".',
  serialize: (value) => value,
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Free-form JSON, used only where Sentry itself has no fixed shape.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => literalToJson(node),
});

function checkNodeType(schema: GraphQLSchema, typename: string) {
  if (!isNodeType(schema, typename)) throw badUserInput(`Unknown type in global id: ${typename}`);
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw badUserInput('DateTime must be an ISO-8601 string.');
  }
  return new Date(value).toISOString();
}

function literalToJson(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalToJson(field.value)]),
      );
    default:
      throw badUserInput('Variables are not supported inside JSON literals.');
  }
}

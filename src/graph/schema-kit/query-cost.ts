/**
 * A cost estimate of an operation before it runs: its depth, and the number of objects it can
 * return, where a connection multiplies what it contains by its `first`, and `nodes(ids:)` and
 * `_entities(representations:)` by the number of items. Past a limit the operation is refused
 * with QUERY_TOO_EXPENSIVE.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connections.ts';
import { type IssueSeriesKey, issueSeriesIn } from './issue-series.ts';
import { type OperationFacts, PER_ITEM_EDGES, restCallsOf } from './query-prices.ts';

export interface QueryLimits {
  /**
   * Deepest field nesting allowed (introspection fields are not counted).
   * @default 20
   */
  maxDepth?: number;
  /**
   * Most objects an operation may ask for, estimated from `first` and list arguments.
   * @default 50000
   */
  maxCost?: number;
  /**
   * Most REST calls an operation may be estimated to cost: a connection, or a field with
   * arguments, costs one call per parent object; an edge Sentry can batch costs one per level.
   * @default 500
   */
  maxRestCalls?: number;
  /**
   * Most REST calls one operation may really make, counted while it runs: the backstop for
   * shapes the estimate under-counts. Calls past it fail with QUERY_TOO_EXPENSIVE.
   * @default 1000
   */
  maxRestCallsPerOperation?: number;
  /**
   * Most lexical tokens a document may have; parsing stops past it, so a huge document costs
   * little to refuse.
   * @default 10000
   */
  maxTokens?: number;
  /**
   * Deepest nesting of `{`, `[` and `(` a document may have, checked before parsing: GraphQL's
   * parser and validation recurse, and a few thousand levels overflow the stack.
   * @default 100
   */
  maxNesting?: number;
  /**
   * Largest request body accepted, in bytes.
   * @default 1048576
   */
  maxBodyBytes?: number;
}

export interface QueryCost {
  depth: number;
  /** Objects the operation may return. */
  cost: number;
  /** Upper estimate of the REST calls it may cost (0 without a schema). */
  restCalls: number;
}

/**
 * Estimates the depth and cost of the operation `operationName` of `document`. With the schema,
 * a connection asked for without `first` counts as a default page, as it will be served.
 */
export function estimateQueryCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  schema?: GraphQLSchema,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName == null || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  if (!operation) return { depth: 0, cost: 0, restCalls: 0 };
  const vars = variables ?? {};
  let issueSeries: Set<IssueSeriesKey> | undefined;
  const facts: OperationFacts = {
    issueSeries: () => {
      issueSeries ??= issueSeriesIn(document, schema, vars);
      return issueSeries;
    },
  };

  const rootType = (): GraphQLCompositeType | undefined => {
    if (!schema) return undefined;
    if (operation?.operation === 'mutation') return schema.getMutationType() ?? undefined;
    if (operation?.operation === 'subscription') return schema.getSubscriptionType() ?? undefined;
    return schema.getQueryType() ?? undefined;
  };
  const typeNamed = (name: string | undefined): GraphQLCompositeType | undefined => {
    const type = name ? schema?.getType(name) : undefined;
    return type && isCompositeType(type) ? type : undefined;
  };

  const walk = (
    set: SelectionSetNode,
    multiplier: number,
    depth: number,
    seen: Set<string>,
    parent: GraphQLCompositeType | undefined,
  ): QueryCost => {
    let result: QueryCost = { depth, cost: 0, restCalls: 0 };
    const add = (inner: QueryCost) => {
      result = {
        depth: Math.max(result.depth, inner.depth),
        cost: result.cost + inner.cost,
        restCalls: result.restCalls + inner.restCalls,
      };
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field =
          parent && (isObjectType(parent) || isInterfaceType(parent))
            ? parent.getFields()[selection.name.value]
            : undefined;
        if (!selection.selectionSet) {
          // A leaf costs nothing, unless only a per-item body has it (`Issue.userReportCount`).
          if (field && PER_ITEM_EDGES.has(`${parent?.name}.${field.name}`)) {
            add({ depth, cost: 0, restCalls: multiplier });
          }
          continue;
        }
        const type = field ? getNamedType(field.type) : undefined;
        const isConnection = type?.name.endsWith('Connection') ?? false;
        const count = multiplier * listFactor(selection.arguments ?? [], vars, isConnection);
        const inner = walk(
          selection.selectionSet,
          count,
          depth + 1,
          seen,
          type && isCompositeType(type) ? type : undefined,
        );
        const calls = field
          ? restCallsOf(
              field,
              `${parent?.name}.${field.name}`,
              isConnection,
              multiplier,
              () => argumentValues(selection.arguments ?? [], vars),
              facts,
            )
          : 0;
        add({ depth: inner.depth, cost: count + inner.cost, restCalls: calls + inner.restCalls });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(
          walk(
            selection.selectionSet,
            multiplier,
            depth,
            seen,
            selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent,
          ),
        );
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        add(
          walk(
            fragment.selectionSet,
            multiplier,
            depth,
            new Set([...seen, name]),
            typeNamed(fragment.typeCondition.name.value),
          ),
        );
      }
    }
    return result;
  };
  return walk(operation.selectionSet, 1, 0, new Set(), rootType());
}

/** Throws QUERY_TOO_EXPENSIVE when the operation passes `limits`. */
export function checkQueryCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  { maxDepth = 20, maxCost = 50_000, maxRestCalls = 500 }: QueryLimits = {},
  schema?: GraphQLSchema,
): QueryCost {
  const cost = knownEstimate(document, operationName, variables, schema);
  const reason =
    cost.depth > maxDepth
      ? `Query is too deep: ${cost.depth} levels, at most ${maxDepth} allowed.`
      : cost.cost > maxCost
        ? `Query is too expensive: it may return about ${cost.cost} objects, at most ${maxCost} allowed. Ask for smaller pages.`
        : cost.restCalls > maxRestCalls
          ? `Query is too expensive: it may cost about ${cost.restCalls} calls to Sentry, at most ${maxRestCalls} allowed. Ask for smaller pages or fewer per-item fields.`
          : undefined;
  if (reason) {
    throw queryTooExpensive(reason, {
      depth: cost.depth,
      cost: cost.cost,
      restCalls: cost.restCalls,
      maxDepth,
      maxCost,
      maxRestCalls,
    });
  }
  return cost;
}

/**
 * Estimates already made, by schema and parsed document (Yoga's parse cache hands the same
 * document to every request with the same text), then operation name and variables: the same
 * operation with the same variables costs the same, and walking it again is about 2 % of the
 * gateway's CPU on a list query. Variables past 1 KiB of JSON are not kept.
 */
const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, QueryCost>>>();
const ESTIMATES_PER_DOCUMENT = 16;
const MAX_KEY_LENGTH = 1024;

function knownEstimate(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  schema: GraphQLSchema | undefined,
): QueryCost {
  if (!schema) return estimateQueryCost(document, operationName, variables, schema);
  const key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
  if (key.length > MAX_KEY_LENGTH) {
    return estimateQueryCost(document, operationName, variables, schema);
  }
  let byDocument = estimates.get(schema);
  if (!byDocument) {
    byDocument = new WeakMap();
    estimates.set(schema, byDocument);
  }
  let byKey = byDocument.get(document);
  if (!byKey) {
    byKey = new Map();
    byDocument.set(document, byKey);
  }
  const known = byKey.get(key);
  if (known) return known;
  const cost = estimateQueryCost(document, operationName, variables, schema);
  if (byKey.size >= ESTIMATES_PER_DOCUMENT) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, cost);
  return cost;
}

function listFactor(
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
  isConnection: boolean,
): number {
  // A connection asked for without `first` still returns a default page.
  let factor = isConnection ? DEFAULT_PAGE_SIZE : 1;
  for (const arg of args) {
    const value = literalValue(arg.value, variables);
    if (arg.name.value === 'first') {
      factor = typeof value === 'number' && value > 0 ? value : DEFAULT_PAGE_SIZE;
    } else if (
      (arg.name.value === 'ids' || arg.name.value === 'representations') &&
      Array.isArray(value)
    ) {
      factor = Math.max(1, value.length);
    }
  }
  return factor;
}

function argumentValues(
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    args.map((arg) => [arg.name.value, literalValue(arg.value, variables)]),
  );
}

function literalValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.ENUM:
      return node.value;
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, variables));
    default:
      return undefined;
  }
}

/**
 * The deepest nesting of braces, brackets and parentheses in a GraphQL document, outside strings,
 * block strings and comments. One pass, no recursion.
 */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '#') {
      while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index += 1;
    } else if (char === '"') {
      if (source.startsWith('"""', index)) {
        // A block string ends at the first unescaped triple quote (\""" escapes one).
        let close = source.indexOf('"""', index + 3);
        while (close !== -1 && source[close - 1] === '\\') close = source.indexOf('"""', close + 3);
        index = close === -1 ? source.length : close + 2;
      } else {
        index += 1;
        while (index < source.length && source[index] !== '"' && source[index] !== '\n') {
          if (source[index] === '\\') index += 1;
          index += 1;
        }
      }
    } else if (char === '{' || char === '[' || char === '(') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === '}' || char === ']' || char === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** The error for a request refused before it runs. */
export function queryTooExpensive(message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_EXPENSIVE', ...extensions } });
}

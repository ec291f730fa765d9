/**
 * A cost estimate of an operation before it runs: its depth, and the number of objects it can
 * return, where a connection multiplies what it contains by its `first` and `nodes(ids:)` by the
 * number of ids. Past a limit the operation is refused with QUERY_TOO_EXPENSIVE.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connections.ts';

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
}

export interface QueryCost {
  depth: number;
  cost: number;
}

/** Estimates the depth and cost of the operation `operationName` of `document`. */
export function estimateQueryCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
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
  if (!operation) return { depth: 0, cost: 0 };
  const vars = variables ?? {};

  const walk = (
    set: SelectionSetNode,
    multiplier: number,
    depth: number,
    seen: Set<string>,
  ): QueryCost => {
    let result: QueryCost = { depth, cost: 0 };
    const add = (inner: QueryCost) => {
      result = { depth: Math.max(result.depth, inner.depth), cost: result.cost + inner.cost };
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !selection.selectionSet) continue;
        const count = multiplier * listFactor(selection.arguments ?? [], vars);
        const inner = walk(selection.selectionSet, count, depth + 1, seen);
        add({ depth: inner.depth, cost: count + inner.cost });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(walk(selection.selectionSet, multiplier, depth, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        add(walk(fragment.selectionSet, multiplier, depth, new Set([...seen, name])));
      }
    }
    return result;
  };
  return walk(operation.selectionSet, 1, 0, new Set());
}

/** Throws QUERY_TOO_EXPENSIVE when the operation passes `limits`. */
export function checkQueryCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  { maxDepth = 20, maxCost = 50_000 }: QueryLimits = {},
): QueryCost {
  const cost = estimateQueryCost(document, operationName, variables);
  if (cost.depth > maxDepth || cost.cost > maxCost) {
    throw new GraphQLError(
      cost.depth > maxDepth
        ? `Query is too deep: ${cost.depth} levels, at most ${maxDepth} allowed.`
        : `Query is too expensive: it may return about ${cost.cost} objects, at most ${maxCost} allowed. Ask for smaller pages.`,
      {
        extensions: {
          code: 'QUERY_TOO_EXPENSIVE',
          depth: cost.depth,
          cost: cost.cost,
          maxDepth,
          maxCost,
        },
      },
    );
  }
  return cost;
}

function listFactor(
  args: readonly { name: { value: string }; value: ValueNode }[],
  variables: Record<string, unknown>,
): number {
  let factor = 1;
  for (const arg of args) {
    const value = literalValue(arg.value, variables);
    if (arg.name.value === 'first') {
      factor = typeof value === 'number' && value > 0 ? value : DEFAULT_PAGE_SIZE;
    } else if (arg.name.value === 'ids' && Array.isArray(value)) {
      factor = Math.max(1, value.length);
    }
  }
  return factor;
}

function literalValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, variables));
    default:
      return undefined;
  }
}

/**
 * The executor. Yoga runs operations with `@graphql-tools/executor`'s `normalizedExecutor`,
 * which supports `@defer`/`@stream` and abort signals at the cost of more work per field; the
 * schema has neither incremental delivery nor subscriptions, and upstream calls follow the
 * request's signal themselves (`context.ts`), so graphql-js's own `execute` does the same job
 * with less. Queries run compiled by graphql-jit (one compilation per parsed document, which
 * Yoga's parse cache keeps), with three guards that keep every answer as graphql-js gives it:
 * variables are coerced by graphql-js first (a request error goes to graphql-js's `execute`),
 * a document the compiler refuses runs on graphql-js too, and the compiled query's errors
 * (graphql-jit's own error class: no `nodes`, no `source`, `extensions` unset) are rebuilt as
 * graphql-js builds them, so that `maskError` sees the same errors.
 */
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  type OperationDefinitionNode,
  type Source,
  type SourceLocation,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

export function useFastExecute(): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(fastExecute as never);
    },
  };
}

type MaybePromise<T> = T | Promise<T>;

/** Compiled queries by schema, document and operation name; `null`: run it on graphql-js. */
const compiled = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, CompiledQuery | null>>
>();

function fastExecute(args: ExecutionArgs): MaybePromise<ExecutionResult> {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'query') return executeOnGraphQLJs(args);
  const query = compiledQuery(args);
  if (!query) return executeOnGraphQLJs(args);
  const variables = args.variableValues ?? {};
  if (getVariableValues(args.schema, operation.variableDefinitions ?? [], variables).errors) {
    return executeOnGraphQLJs(args);
  }
  const result = query.query(args.rootValue, args.contextValue, variables);
  return result instanceof Promise
    ? result.then((done) => withGraphQLJsErrors(done, args.document))
    : withGraphQLJsErrors(result, args.document);
}

function compiledQuery(args: ExecutionArgs): CompiledQuery | null {
  let bySchema = compiled.get(args.schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    compiled.set(args.schema, bySchema);
  }
  let byName = bySchema.get(args.document);
  if (!byName) {
    byName = new Map();
    bySchema.set(args.document, byName);
  }
  const name = args.operationName ?? '';
  let query = byName.get(name);
  if (query === undefined) {
    const operation = getOperationAST(args.document, args.operationName);
    const made =
      operation && !hasInputDefaults(args.schema, operation)
        ? compileQuery(args.schema, args.document, args.operationName ?? undefined)
        : undefined;
    query = made && isCompiledQuery(made) ? made : null;
    byName.set(name, query);
  }
  return query;
}

/**
 * Whether a variable's type is (or holds) an input object with a field default: graphql-jit's
 * variable parsing applies no default to a non-null input field (`SessionStatsOrder.descending:
 * Boolean! = true` left out of `$orderBy` is refused as "was not provided"), so such an
 * operation runs on graphql-js.
 */
function hasInputDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const seen = new Set<GraphQLInputObjectType>();
  const withDefaults = (type: GraphQLInputType | undefined): boolean => {
    const named = type && getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named)) return false;
    seen.add(named);
    return Object.values(named.getFields()).some(
      (field) => field.defaultValue !== undefined || withDefaults(field.type),
    );
  };
  return (operation.variableDefinitions ?? []).some((definition) =>
    withDefaults(typeFromAST(schema, definition.type) as GraphQLInputType | undefined),
  );
}

/**
 * graphql-js's `execute`, with a request error (no operation, variables that do not coerce) as
 * `@graphql-tools/executor` answers it: HTTP 400 (Yoga reads `extensions.http.status`).
 */
function executeOnGraphQLJs(args: ExecutionArgs): MaybePromise<ExecutionResult> {
  const result = execute(args);
  if (result instanceof Promise || 'data' in result) return result;
  for (const error of result.errors ?? []) {
    Object.defineProperty(error, 'extensions', {
      value: { ...error.extensions, http: { ...httpOf(error), status: 400 } },
    });
  }
  return result;
}

const httpOf = (error: GraphQLError) =>
  (error.extensions['http'] as Record<string, unknown> | undefined) ?? {};

/** The result with each error rebuilt as graphql-js's `locatedError` builds it. */
function withGraphQLJsErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors) return result;
  const source = document.loc?.source;
  return { ...result, errors: result.errors.map((error) => located(error, source)) };
}

function located(error: GraphQLError, source: Source | undefined): GraphQLError {
  const original = error.originalError;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  return new GraphQLError(original?.message ?? error.message, {
    ...(source && error.locations
      ? { source, positions: positionsOf(source, error.locations) }
      : {}),
    path: error.path,
    originalError: original,
  });
}

function positionsOf(source: Source, locations: readonly SourceLocation[]): number[] {
  const lineStarts = [0];
  for (const match of source.body.matchAll(/\r\n|[\n\r]/g)) {
    lineStarts.push(match.index + match[0].length);
  }
  return locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
}

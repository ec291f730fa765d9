/**
 * The one place where failures become GraphQL error codes. Sentry's failures (typed by the REST
 * client) map to UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, RATE_LIMITED and
 * UPSTREAM_ERROR, and a request's exhausted call budget to QUERY_TOO_EXPENSIVE; errors the graph raised on purpose pass through; anything else is masked.
 */
import { GraphQLError } from 'graphql';
import { type MaskError, maskError as maskUnexpectedError } from 'graphql-yoga';
import {
  SentryApiError,
  SentryBadRequestError,
  SentryCallBudgetError,
} from './sentry/http/errors.ts';

export const maskError: MaskError = (error, message, isDev) => {
  const cause = sentryCause(error);
  if (!cause) return maskUnexpectedError(error, message, isDev);
  const local =
    (cause instanceof SentryBadRequestError && cause.local) ||
    cause instanceof SentryCallBudgetError;
  const extensions: Record<string, unknown> = { code: cause.code };
  if (!local) extensions['upstreamStatus'] = cause.status;
  if (cause.retryAfterSeconds !== undefined) extensions['retryAfter'] = cause.retryAfterSeconds;
  if (cause.detailCode !== undefined) extensions['reason'] = cause.detailCode;
  if (cause instanceof SentryCallBudgetError) extensions['maxRestCalls'] = cause.maxCalls;
  // No `extensions.http.status`: one failed field must not turn a partial result into an HTTP error.
  return new GraphQLError(cause.message, {
    ...(error instanceof GraphQLError
      ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path }
      : {}),
    extensions,
  });
};

/** The SentryApiError behind `error`, however many GraphQL or DataLoader wrappers it has. */
function sentryCause(error: unknown): SentryApiError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof SentryApiError) return current;
    current = current instanceof GraphQLError ? current.originalError : current.cause;
  }
  return undefined;
}

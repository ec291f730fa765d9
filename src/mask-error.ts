/**
 * The one place where failures become GraphQL error codes. Sentry's failures (typed by the REST
 * client) map to UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, RATE_LIMITED and
 * UPSTREAM_ERROR, and a request's exhausted call budget to QUERY_TOO_EXPENSIVE; errors the graph
 * raised on purpose pass through with their code; Pothos' refusals of an argument (a global id
 * of the wrong type) and GraphQL's own request errors (variables that do not coerce) are
 * BAD_USER_INPUT. What is left is a bug of ours, INTERNAL_SERVER_ERROR: GraphQL's complaints
 * during execution (a non-null field that got null) keep their message, anything else is masked.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { type MaskError, maskError as maskUnexpectedError } from 'graphql-yoga';
import {
  SentryApiError,
  SentryBadRequestError,
  SentryCallBudgetError,
  SentryRateLimitedError,
  SentryUpstreamError,
} from './sentry/http/errors.ts';

export const maskError: MaskError = (error, message, isDev) => {
  const cause = sentryCause(error);
  if (cause) return sentryError(error, cause);
  if (!(error instanceof GraphQLError) || !isOriginal(error)) {
    return maskUnexpectedError(error, message, isDev);
  }
  if (isPothosValidation(error)) return withCode(error, 'BAD_USER_INPUT');
  if (typeof error.extensions['code'] === 'string') return error;
  return withCode(error, error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
};

function sentryError(error: unknown, cause: SentryApiError): GraphQLError {
  // Refused before sending (bad input, call budget, a rate limit already known to be spent):
  // no status of Sentry's to report.
  const local =
    ((cause instanceof SentryBadRequestError || cause instanceof SentryRateLimitedError) &&
      cause.local) ||
    cause instanceof SentryCallBudgetError;
  // A timeout, a reset or an open circuit has no HTTP status: the one in the error is only what
  // a proxy would say.
  const answered = !(cause instanceof SentryUpstreamError) || cause.failure === 'status';
  const extensions: Record<string, unknown> = { code: cause.code };
  if (!local && answered) extensions['upstreamStatus'] = cause.status;
  if (cause.retryAfterSeconds !== undefined) extensions['retryAfter'] = cause.retryAfterSeconds;
  if (cause.detailCode !== undefined) extensions['reason'] = cause.detailCode;
  if (cause instanceof SentryCallBudgetError) extensions['maxRestCalls'] = cause.maxCalls;
  // No `extensions.http.status`: one failed field must not turn a partial result into an HTTP error.
  return new GraphQLError(cause.message, { ...location(error), extensions });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    ...location(error),
    extensions: { ...error.extensions, code },
  });
}

function location(error: unknown) {
  return error instanceof GraphQLError
    ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path }
    : {};
}

/** The SentryApiError behind `error`, however many GraphQL or DataLoader wrappers it has. */
function sentryCause(error: unknown): SentryApiError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof SentryApiError) return current;
    current = current instanceof GraphQLError ? current.originalError : current.cause;
  }
  return undefined;
}

/** A GraphQLError created as one, not a GraphQL wrapper around some other thrown value. */
function isOriginal(error: GraphQLError): boolean {
  const inner = error.originalError;
  return inner == null || (inner instanceof GraphQLError && isOriginal(inner));
}

function isPothosValidation(error: GraphQLError): boolean {
  return (
    error instanceof PothosValidationError || error.originalError instanceof PothosValidationError
  );
}

/**
 * What one GraphQL request did, gathered once by a Yoga plugin for every observer (log line,
 * metrics, trace): its request id, operation name and type, REST calls, outcome, error codes
 * and the unexpected errors the mask hid. Holds no variables, no document and no token.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { maskError } from '../mask-error.ts';

/** `ok`, `partial` (data and errors) or the first error's code. */
export type Outcome = string;

export interface OperationRecord {
  /** The caller's `x-request-id` when it is a plain token, else a fresh UUID. */
  readonly requestId: string;
  readonly request: Request;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** Whether the request carried a GraphQL operation (not GraphiQL's page, not a health check). */
  graphql: boolean;
  /** The operation's name as sent, or undefined for an anonymous one. */
  operationName: string | undefined;
  operationType: 'query' | 'mutation' | 'subscription' | undefined;
  /** HTTP requests to Sentry the operation made (retries included). */
  restCalls: number;
  /** GETs the response cache answered instead (`--cache-ttl`). */
  cacheHits: number;
  /** Set once the result is known. */
  outcome: Outcome;
  /** `extensions.code` of each error of the response, in order. */
  errorCodes: string[];
  /** Errors masked as INTERNAL_SERVER_ERROR, with their stacks, for the log. */
  internalErrors: Error[];
  /** Set when the response goes out. */
  status: number;
  durationMs: number;
}

/** Something told about each request: a log, metrics, traces. */
export interface OperationObserver {
  /** The request arrived (any path). */
  started?(record: OperationRecord): void;
  /** The request carries a GraphQL operation (its parameters were read). */
  operation?(record: OperationRecord): void;
  /** The operation's name and type are known: it is about to run. */
  executing?(record: OperationRecord): void;
  /** The response is going out. */
  finished?(record: OperationRecord): void;
}

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

const records = new WeakMap<Request, OperationRecord>();

/** The record of a request in flight (for the context factory and other plugins). */
export function operationRecord(request: Request): OperationRecord | undefined {
  return records.get(request);
}

/** A caller's request id is kept only when it is short and plain; anything else is replaced. */
const PLAIN_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function useOperationRecord(observers: readonly OperationObserver[]): Plugin<Context> {
  const each = (hook: keyof OperationObserver, record: OperationRecord) => {
    for (const observer of observers) observer[hook]?.(record);
  };
  return {
    onRequest({ request }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      const record: OperationRecord = {
        requestId: given !== null && PLAIN_REQUEST_ID.test(given) ? given : randomUUID(),
        request,
        startedAt: performance.now(),
        graphql: false,
        operationName: undefined,
        operationType: undefined,
        restCalls: 0,
        cacheHits: 0,
        outcome: 'ok',
        errorCodes: [],
        internalErrors: [],
        status: 0,
        durationMs: 0,
      };
      records.set(request, record);
      each('started', record);
    },
    onParams({ request, params }) {
      const record = records.get(request);
      if (!record) return;
      record.graphql = true;
      if (typeof params.operationName === 'string') record.operationName = params.operationName;
      each('operation', record);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const record = request && records.get(request);
      if (!record) return;
      const operation = getOperationAST(args.document, args.operationName);
      record.operationName = operation?.name?.value ?? record.operationName;
      record.operationType = operation?.operation;
      each('executing', record);
      return {
        onExecuteDone({ result }) {
          // Optional: the plugin also serves gateways embedded without our context.
          const { sentry } = args.contextValue as Partial<Context>;
          record.restCalls = sentry?.requestCount ?? 0;
          record.cacheHits = sentry?.cacheHits ?? 0;
          if (Symbol.asyncIterator in result) return;
          // Seen before the mask replaces them: the stack is still there to log.
          for (const error of result.errors ?? []) {
            const masked = maskError(error, 'Unexpected error.');
            if (masked instanceof GraphQLError && masked.extensions['unexpected'] === true) {
              const original = error instanceof GraphQLError ? error.originalError : error;
              record.internalErrors.push(original ?? error);
            }
          }
        },
      };
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      if (!record || Symbol.asyncIterator in result) return;
      record.graphql = true;
      const results = Array.isArray(result) ? result : [result];
      const errors = results.flatMap((one) => one.errors ?? []);
      record.errorCodes = errors.map((error) => codeOf(error));
      const hasData = results.some((one) => hasSomeData(one.data));
      record.outcome =
        errors.length === 0 ? 'ok' : hasData ? 'partial' : (record.errorCodes[0] ?? 'error');
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      records.delete(request);
      response.headers.set(REQUEST_ID_HEADER, record.requestId);
      record.status = response.status;
      record.durationMs = performance.now() - record.startedAt;
      each('finished', record);
    },
  };
}

/** Whether any top-level field of `data` is non-null (`{ organization: null }` has none). */
function hasSomeData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  return Object.values(data).some((value) => value !== null && value !== undefined);
}

function codeOf(error: { extensions?: Record<string, unknown> }): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

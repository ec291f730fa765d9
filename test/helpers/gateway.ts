/**
 * `startTestGateway()`: a local Sentry on port 0 plus a gateway pointed at it, for one test.
 * Operations run in-process through `yoga.fetch`; upstream traffic is read from the local
 * Sentry's `/_local/stats`, the same counters the benchmark uses.
 */
import type { GraphQLFormattedError } from 'graphql';
import {
  type LocalSentry,
  type LocalSentryOptions,
  startLocalSentry,
} from '../../src/local-sentry/http/server.ts';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server.ts';
import { fetchJson } from './local-sentry.ts';
import { recordRouteCoverage } from './route-coverage.ts';

/**
 * An operation: plain text, or a typed document from `test/__generated__/` (the client preset's
 * `documentMode: string` makes each a `TypedDocumentString`, a `String` object whose
 * `__apiType` carries the result and variables types, as `DocumentTypeDecoration` declares it).
 */
export type Document<TData = Record<string, unknown>, TVariables = Record<string, unknown>> =
  | string
  | { toString(): string; __apiType?: (variables: TVariables) => TData };

/**
 * The arguments after the document: `variables` may be left out only when the operation declares
 * no required variable (plain text, or codegen's `Exact<{ first?: ... }>`).
 */
export type ExecuteArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: ExecuteOptions]
    : [variables: TVariables, options?: ExecuteOptions];

export interface TestGatewayOptions {
  /** Options of the local Sentry (seed, scale, faults, tokens, rate limits...). */
  localSentry?: LocalSentryOptions;
  /** Server-wide token of the gateway; requests without one use it. @default none */
  token?: string;
  /** Other gateway options (limits, upstream timeouts and retries). */
  gateway?: Omit<GatewayOptions, 'upstream' | 'token'>;
}

export interface ExecuteOptions {
  /** Bearer token of this request; `null` sends no Authorization header. @default the local Sentry's token */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestResult<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export interface UpstreamStats {
  requests: number;
  byRoute: Record<string, number>;
}

export interface TestGateway extends AsyncDisposable {
  sentry: LocalSentry;
  gateway: Gateway;
  /**
   * Runs an operation through `yoga.fetch` (no socket). A typed document types the variables and
   * `data`; plain text takes `<TData>` or yields `Record<string, unknown>`.
   */
  execute<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
    document: Document<TData, TVariables>,
    ...args: ExecuteArgs<TVariables>
  ): Promise<TestResult<TData>>;
  /** `GET /_local/stats`: REST requests served since the last reset. */
  upstreamStats(): Promise<UpstreamStats>;
  /** `POST /_local/stats/reset`. */
  resetUpstreamStats(): Promise<void>;
  /** Every REST request since the last reset as `METHOD route-template`, sorted. */
  upstreamRequests(): Promise<string[]>;
  /** `GET path` on the local Sentry with its token: the parsed body, which must be a 200's. */
  rest<T>(path: string): Promise<T>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sentry = await startLocalSentry(options.localSentry);
  const gateway = createGateway({
    // Retries would hide the faults tests inject; tests that want them pass their own.
    upstreamOptions: { retry: { attempts: 1 } },
    ...options.gateway,
    upstream: sentry.url,
    token: options.token,
  });
  const upstreamStats = async (): Promise<UpstreamStats> => {
    const response = await fetch(`${sentry.url}/_local/stats`);
    return (await response.json()) as UpstreamStats;
  };
  return {
    sentry,
    gateway,
    async execute(
      document: string | { toString(): string },
      variables?: unknown,
      { token, headers = {} }: ExecuteOptions = {},
    ) {
      const requestHeaders: Record<string, string> = {
        'content-type': 'application/json',
        ...headers,
      };
      const bearer = token === undefined ? sentry.token : token;
      if (bearer !== null) requestHeaders['authorization'] = `Bearer ${bearer}`;
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: requestHeaders,
        body: JSON.stringify({ query: String(document), variables: variables ?? {} }),
      });
      const body = (await response.json()) as Omit<TestResult<never>, 'status'>;
      return { status: response.status, ...body } as TestResult<never>;
    },
    upstreamStats,
    async resetUpstreamStats() {
      await fetch(`${sentry.url}/_local/stats/reset`, { method: 'POST' });
    },
    async rest<T>(path: string): Promise<T> {
      const response = await fetchJson<T>(sentry.url, path, { token: sentry.token });
      if (response.status !== 200)
        throw new Error(`GET ${path}: HTTP ${response.status} ${response.text}`);
      return response.body;
    },
    async upstreamRequests() {
      const { byRoute } = await upstreamStats();
      return Object.entries(byRoute)
        .flatMap(([route, count]) => Array.from({ length: count }, () => route))
        .sort();
    },
    async [Symbol.asyncDispose]() {
      await gateway.close();
      recordRouteCoverage(sentry);
      await sentry.close();
    },
  };
}

/**
 * `createGateway()`: the Yoga instance over the Pothos schema plus the process-wide upstream
 * pool. It never listens: `main.ts` mounts `fetch` on a Node server, tests call it in-process.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { createYoga, type Plugin, renderGraphiQL, type YogaServerInstance } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { type Context, createContextFactory, DEFAULT_MAX_UPLOAD_BYTES } from './context.ts';
import { schema } from './graph/index.ts';
import {
  checkQueryCost,
  documentNesting,
  type QueryLimits,
  queryTooExpensive,
} from './graph/schema-kit/query-cost.ts';
import { maskError } from './mask-error.ts';
import type { Logger } from './observability/logging.ts';
import { createObservability } from './observability/observability.ts';
import type { TracingOptions } from './observability/tracing.ts';
import { useRequestParseErrors } from './request-parse-errors.ts';
import { type CacheOptions, createSharedState } from './sentry/cache/create.ts';
import { createUpstream, type Upstream, type UpstreamOptions } from './sentry/http/upstream.ts';
import { useBodyLimit } from './server/body-limit.ts';
import { useFileDownloads } from './server/downloads.ts';
import { useFastExecute } from './server/executor.ts';
import {
  corsFor,
  useCloseAfterCutBody,
  useCSRFPrevention,
  useExposureHeaders,
  useHostCheck,
} from './server/exposure.ts';
import { type ReadinessOptions, useUpstreamReadiness } from './server/health.ts';
import {
  type PersistedOperationsOptions,
  usePersistedOperationPlugins,
} from './server/persisted-operations.ts';

export interface GraphiQLSettings {
  /** The query shown when GraphiQL opens. */
  defaultQuery?: string;
  /** Headers pre-filled in GraphiQL's header editor, e.g. the demo token. */
  headers?: Record<string, string>;
}

export interface GatewayOptions {
  /** Base URL of the upstream Sentry (`https://sentry.io`, or the embedded server's URL). */
  upstream: string;
  /** Server-wide token, used only for requests that carry no `Authorization` header. */
  token?: string | undefined;
  /**
   * GraphiQL at the GraphQL endpoint for browsers; `false` turns it off.
   * @default true
   */
  graphiql?: boolean | GraphiQLSettings;
  /** Depth, cost and body-size limits checked before execution. */
  limits?: QueryLimits;
  /**
   * Largest file an upload mutation (`uploadReleaseFile`, `uploadDebugFile`) accepts; a larger
   * one is refused with UPLOAD_TOO_LARGE before anything goes to Sentry. A multipart body may be
   * this much larger than `limits.maxBodyBytes`.
   * @default 20971520 (20 MiB)
   */
  maxUploadBytes?: number;
  /**
   * Which other origins' pages may call the gateway from a browser (CORS), e.g.
   * `{ origins: ['https://app.example.com'] }`; each must be an http(s) origin, or this throws.
   * Pages of other origins get no CORS headers, so they can neither read a response nor send
   * anything but a "simple" request, which CSRF prevention refuses.
   * @default { origins: [] }: the gateway's own origin only (GraphiQL)
   */
  cors?: { origins: readonly string[] };
  /**
   * Host names (from the `Host` header, any port) the gateway answers; any other is refused
   * with BAD_REQUEST, which stops DNS-rebinding pages. `startServer` sets the loopback names
   * when it listens on loopback.
   * @default undefined: any host
   */
  allowedHosts?: readonly string[] | undefined;
  /** Pool, timeout and retry settings of the upstream client. */
  upstreamOptions?: Omit<UpstreamOptions, 'baseUrl'>;
  /**
   * Yoga's request logging.
   * @default false
   */
  logging?: boolean;
  /**
   * Where the operation log goes: one line per GraphQL operation (request id, name, type,
   * duration, REST calls, outcome, error codes) and the stack of each masked internal error.
   * `serve` passes a pino logger on stdout (see `createLogger`).
   * @default undefined: no operation log
   */
  logger?: Logger;
  /**
   * `GET /readiness`: 200 while Sentry answers, 503 with the reason otherwise; `false` turns it
   * off. (`GET /health`, liveness, is always there and never calls Sentry.)
   * @default { freshMs: 5000, timeoutMs: 2000 }
   */
  readiness?: ReadinessOptions | false;
  /**
   * `GET /metrics` in Prometheus' text format (names prefixed `sentry_graphql_`), in a registry
   * of its own with Node's default metrics, or in the one given without them (a host that
   * collects its own); `false` turns metrics off.
   * @default true
   */
  metrics?: boolean | { registry?: Registry };
  /**
   * Automatic persisted queries (Apollo's protocol), a manifest of trusted documents by hash, and
   * `only: true` to run nothing else; `false` turns persisted operations off altogether.
   * @default {}: automatic persisted queries, no manifest
   */
  persistedOperations?: PersistedOperationsOptions | false;
  /**
   * OpenTelemetry traces exported over OTLP/HTTP: a span per operation, a child span per HTTP
   * call to Sentry, `traceparent` honoured and sent upstream. `serve` sets it from
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `OTEL_EXPORTER_OTLP_ENDPOINT`.
   * @default undefined: no tracing, nothing created
   */
  tracing?: TracingOptions;
  /**
   * `false` is the naive mode the benchmark compares against: DataLoader batch size 1, no
   * priming from lists, nothing answered from data a parent embeds.
   * @default true
   */
  batching?: boolean;
  /**
   * The response cache of upstream GETs and, with `redis`, the state several instances share.
   * @default undefined: no cache (identical GETs in flight are still coalesced)
   */
  cache?: CacheOptions;
}

export interface Gateway extends AsyncDisposable {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  /** Yoga's fetch handler: `Request` in, `Response` out. */
  fetch: YogaServerInstance<Record<string, unknown>, Context>['fetch'];
  upstream: Upstream;
  schema: GraphQLSchema;
  /** Closes the upstream connection pool. */
  close(): Promise<void>;
}

/** The path GraphQL (and GraphiQL) is served at. */
export const GRAPHQL_PATH = '/graphql';
const GRAPHIQL_ASSETS_PATH = '/graphiql/';

export function createGateway(options: GatewayOptions): Gateway {
  const cors = corsFor(options.cors?.origins ?? []);
  const shared = createSharedState(options.cache, options.logger);
  const upstream = createUpstream({
    ...options.upstreamOptions,
    baseUrl: options.upstream,
    cache: shared.cache,
    sharedBudgets: shared.budgets,
  });
  const observability = createObservability(upstream, options);
  const graphiql = options.graphiql ?? true;
  const assets = graphiql === false ? undefined : localGraphiQLAssets();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    logging: options.logging ?? false,
    cors: cors.cors,
    // src/server/body-limit.ts instead: the same limit without a stream pipeline per request,
    // and a multipart upload's body may be `maxUploadBytes` larger.
    maxRequestBodySize: false,
    // The GraphQL multipart request spec, for the upload mutations' `File` inputs.
    multipart: true,
    // graphql-codegen's trusted-document clients send the hash as `documentId`.
    extraParamNames: ['documentId'],
    context: createContextFactory({
      upstream,
      fallbackToken: options.token,
      batching: options.batching ?? true,
      maxCalls: options.limits?.maxRestCallsPerOperation,
      observer: observability.observer,
      maxUploadBytes,
    }),
    maskedErrors: { maskError },
    graphiql:
      graphiql === false
        ? false
        : {
            title: 'Sentry GraphQL',
            ...(typeof graphiql === 'object' && graphiql.defaultQuery
              ? { defaultQuery: graphiql.defaultQuery }
              : {}),
            ...(typeof graphiql === 'object' && graphiql.headers
              ? { headers: JSON.stringify(graphiql.headers, null, 2) }
              : {}),
          },
    renderGraphiQL: (opts) => {
      // Yoga's GraphiQL bundle opens `query` (not `defaultQuery`) in the editor.
      const html = renderGraphiQL({
        ...opts,
        ...(opts.defaultQuery ? { query: opts.defaultQuery } : {}),
      });
      return assets ? withLocalAssets(html) : html;
    },
    plugins: [
      useFastExecute(),
      useRequestParseErrors(),
      ...observability.plugins,
      ...(options.readiness === false
        ? []
        : [useUpstreamReadiness(upstream.baseUrl, options.readiness)]),
      useHostCheck(options.allowedHosts),
      useCSRFPrevention(),
      useExposureHeaders(cors.origins),
      useCloseAfterCutBody(),
      useFileDownloads(upstream, options.token),
      ...(options.persistedOperations === false
        ? []
        : usePersistedOperationPlugins(options.persistedOperations)),
      useQueryLimits(options.limits ?? {}),
      useRestCallCount(),
      ...(assets ? [useStaticFiles(GRAPHIQL_ASSETS_PATH, assets)] : []),
      useRootRedirect(),
      // Last: it bounds whichever request parser the plugins above chose.
      useBodyLimit(options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, {
        multipartExtra: maxUploadBytes,
      }),
    ],
  });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= Promise.all([upstream.close(), observability.close()])
      .then(() => shared.close())
      .then(() => undefined);
    return closed;
  };
  return {
    yoga,
    fetch: yoga.fetch,
    upstream,
    schema,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** `limits.maxBodyBytes` unless set: 1 MiB. */
const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Refuses, with QUERY_TOO_EXPENSIVE, documents nested past `maxNesting` before parsing or past
 * `maxTokens` while parsing, and operations past the depth or cost limit before they run.
 * (Bodies past `maxBodyBytes` are Yoga's `maxRequestBodySize`: 413 and REQUEST_ENTITY_TOO_LARGE,
 * by Content-Length or while read.)
 */
function useQueryLimits(limits: QueryLimits): Plugin<Context> {
  const { maxTokens = 10_000, maxNesting = 100 } = limits;
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const nesting = documentNesting(typeof source === 'string' ? source : source.body);
        if (nesting > maxNesting) {
          throw queryTooExpensive(
            `Document is nested ${nesting} levels deep, at most ${maxNesting} allowed.`,
            { maxNesting },
          );
        }
        try {
          return parse(source, { ...options, maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /more tha[nt] \d+ tokens/.test(error.message)) {
            throw queryTooExpensive(
              `Document has more than ${maxTokens} tokens; send a smaller one.`,
              { maxTokens },
            );
          }
          throw error;
        }
      });
    },
    onExecute({ args, setResultAndStopExecution }) {
      try {
        checkQueryCost(args.document, args.operationName, args.variableValues, limits, args.schema);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}

/**
 * Reports in `extensions.restCalls` how many HTTP requests to Sentry the operation made, and in
 * `extensions.cacheHits` how many GETs the response cache answered instead.
 */
function useRestCallCount(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              restCalls: args.contextValue.sentry.requestCount,
              cacheHits: args.contextValue.sentry.cacheHits,
            },
          });
        },
      };
    },
  };
}

/** `GET /` sends a browser to GraphiQL. */
function useRootRedirect(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method === 'GET' && url.pathname === '/') {
        endResponse(
          new fetchAPI.Response(null, { status: 302, headers: { location: GRAPHQL_PATH } }),
        );
      }
    },
  };
}

/**
 * GraphiQL's page loads its bundle from a CDN; when `@graphql-yoga/graphiql` is installed the
 * gateway serves the same files itself, so GraphiQL works offline and behind strict proxies.
 */
function localGraphiQLAssets(): Map<string, string> | undefined {
  let dist: string;
  try {
    dist = join(
      dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')),
      'dist',
    );
  } catch {
    return undefined;
  }
  const files = [
    'graphiql.css',
    'yoga-graphiql.umd.js',
    'monacoeditorwork/editor.worker.bundle.js',
    'monacoeditorwork/json.worker.bundle.js',
    'monacoeditorwork/graphql.worker..bundle.js',
  ];
  return new Map(files.map((file) => [file, join(dist, file)]));
}

const CDN_ASSETS = /https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g;

function withLocalAssets(html: string): string {
  return html.replace(CDN_ASSETS, GRAPHIQL_ASSETS_PATH).replace(/<link rel=icon [^>]*>/, '');
}

function useStaticFiles(prefix: string, files: Map<string, string>): Plugin {
  const cache = new Map<string, Promise<string>>();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !url.pathname.startsWith(prefix)) return;
      const name = url.pathname.slice(prefix.length);
      const file = files.get(name);
      if (!file) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      let body = cache.get(name);
      if (!body) {
        body = readFile(file, 'utf8');
        cache.set(name, body);
      }
      try {
        const text = await body;
        endResponse(
          new fetchAPI.Response(text, {
            headers: {
              'content-type': name.endsWith('.css')
                ? 'text/css; charset=utf-8'
                : 'text/javascript; charset=utf-8',
              'cache-control': 'public, max-age=86400',
            },
          }),
        );
      } catch {
        cache.delete(name);
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
      }
    },
  };
}

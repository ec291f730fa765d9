/** Process entry for `sentry-graphql serve`: config → (embedded Sentry) → listen → signals. */
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants } from 'node:os';
import type { LogLevel } from './config.ts';
import { type LocalSentry, startLocalSentry } from './local-sentry/http/server.ts';
import { createLogger, type Logger } from './observability/logging.ts';
import type { TracingOptions } from './observability/tracing.ts';
import { installProcessGuards } from './process-guards.ts';
import { probeUpstream } from './sentry/http/probe.ts';
import { LOOPBACK_HOSTS } from './server/exposure.ts';
import { loadManifest } from './server/persisted-operations.ts';
import { createGateway, type Gateway, GRAPHQL_PATH } from './server.ts';

/** Options of `sentry-graphql serve`, after the CLI has parsed and validated them. */
export interface ServeOptions {
  /** @default 4000 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Upstream Sentry base URL; undefined starts the embedded server. */
  upstream?: string;
  /** Server-wide token, used only when a request carries none. */
  token?: string;
  /** Scale of the embedded server's data. @default 'medium' */
  scale?: 'small' | 'medium' | 'large';
  /** `false` (`--no-batch`): the naive mode the benchmark compares against. @default true */
  batching?: boolean;
  /** Other origins whose pages may call the gateway (`--cors-origin`). @default none */
  corsOrigins?: string[];
  /**
   * Further host names the gateway answers besides loopback's (`--allowed-host`), e.g. the name a
   * local reverse proxy sends. Listening on loopback, any other Host header is refused (DNS
   * rebinding); listening elsewhere, only these (and loopback's) when some are given.
   * @default none
   */
  allowedHosts?: string[];
  /** Largest request body accepted (`--max-body-bytes`). @default 1048576 */
  maxBodyBytes?: number;
  /** Largest file an upload mutation accepts (`--max-upload-bytes`). @default 20971520 */
  maxUploadBytes?: number;
  /** Longest a GraphQL request waits for Sentry, retries included. @default 15000 */
  upstreamTimeoutMs?: number;
  /** Longest `close()` (and SIGTERM/SIGINT) waits for in-flight requests. @default 10000 */
  shutdownTimeoutMs?: number;
  /** `--persisted-operations FILE`: a manifest of trusted documents by hash. */
  persistedOperationsFile?: string;
  /** `--only-persisted`: run only the manifest's documents. @default false */
  onlyPersisted?: boolean;
  /** OpenTelemetry traces (from `OTEL_EXPORTER_OTLP_*ENDPOINT`). @default none */
  tracing?: TracingOptions;
  /** `false` (`--no-metrics`): no `GET /metrics`. @default true */
  metrics?: boolean;
  /** Level of the operation log (`--log-level`). @default 'info' */
  logLevel?: LogLevel;
  /** `--cache-ttl`: the response cache of upstream GETs, in seconds. @default off */
  cacheTtlSeconds?: number;
  /** `--redis`: cache, invalidations and rate-limit state shared through Redis. @default none */
  redisUrl?: string;
  /**
   * The operation log. By default a pino logger on stdout at `logLevel`: JSON lines, or
   * pino-pretty's format when stdout is a terminal.
   */
  logger?: Logger;
}

/** @see ServeOptions.shutdownTimeoutMs */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * A signal repeated within this long of the first is the same one, not the "second signal"
 * that exits at once: under `npm start` one Ctrl-C reaches the process twice, from the terminal
 * (to the whole foreground process group) and forwarded by npm, a few milliseconds apart. A
 * person pressing Ctrl-C again takes longer than this.
 */
export const REPEATED_SIGNAL_MS = 250;

/** The query GraphiQL opens with: one round trip over organizations, projects and issues. */
export const EXAMPLE_QUERY = `# Welcome to the Sentry GraphQL gateway.
# Press the run button (or Ctrl+Enter): your organizations,
# their projects and each project's newest unresolved
# issues, in one request. The Docs panel (top left)
# describes every type and field.

query Dashboard {
  organizations(first: 5) {
    nodes {
      slug
      name
      projects(first: 5) {
        nodes {
          slug
          platform
          issues(first: 3, query: "is:unresolved", sort: LAST_SEEN) {
            totalCount
            nodes {
              shortId
              title
              level
              eventCount
              lastSeen
            }
          }
        }
      }
    }
  }
}
`;

/** How a shutdown went. */
export interface ShutdownResult {
  /** Requests in flight when it began. */
  inFlight: number;
  /** Of those (and of any that arrived on open connections meanwhile), cut off at the timeout. */
  cut: number;
}

/** A listening gateway, and the embedded Sentry behind it when there is one. */
export interface RunningServer extends AsyncDisposable {
  /** e.g. `http://localhost:4000/graphql`. */
  url: string;
  gateway: Gateway;
  localSentry?: LocalSentry | undefined;
  /** Requests being answered now. */
  inFlight(): number;
  /**
   * Stops accepting connections and closes idle keep-alive ones at once; requests in flight are
   * answered (with `Connection: close`), for at most `timeoutMs`, after which the connections
   * still open are closed. Then the upstream pool closes, and last the embedded Sentry. Calling
   * it again returns the same shutdown.
   */
  shutdown(timeoutMs?: number): Promise<ShutdownResult>;
  /** `shutdown()` with the configured timeout. */
  close(): Promise<void>;
}

const LOOPBACK_ADDRESSES = ['127.0.0.1', 'localhost', '::1'];

/** The Host names to answer: see `ServeOptions.allowedHosts`. */
function allowedHosts(options: ServeOptions): string[] | undefined {
  const extra = options.allowedHosts ?? [];
  if (!LOOPBACK_ADDRESSES.includes(options.host) && extra.length === 0) return undefined;
  return [...LOOPBACK_HOSTS, ...extra];
}

/** Starts the embedded Sentry (unless `upstream` is given) and the gateway, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const manifest =
    options.persistedOperationsFile === undefined
      ? undefined
      : await loadManifest(options.persistedOperationsFile);
  const localSentry = options.upstream
    ? undefined
    : await startLocalSentry({ scale: options.scale ?? 'medium' });
  const upstream = options.upstream ?? localSentry?.url ?? '';
  const logger =
    options.logger ??
    (await createLogger({ level: options.logLevel ?? 'info', pretty: process.stdout.isTTY }));
  const gateway = createGateway({
    upstream,
    token: options.token,
    logger,
    metrics: options.metrics ?? true,
    ...(options.tracing ? { tracing: options.tracing } : {}),
    persistedOperations: { manifest, only: options.onlyPersisted ?? false },
    batching: options.batching ?? true,
    cors: { origins: options.corsOrigins ?? [] },
    allowedHosts: allowedHosts(options),
    limits: { maxBodyBytes: options.maxBodyBytes },
    ...(options.cacheTtlSeconds !== undefined || options.redisUrl !== undefined
      ? {
          cache: {
            ...(options.cacheTtlSeconds !== undefined
              ? { ttlSeconds: options.cacheTtlSeconds }
              : {}),
            ...(options.redisUrl !== undefined ? { redis: options.redisUrl } : {}),
          },
        }
      : {}),
    ...(options.maxUploadBytes !== undefined ? { maxUploadBytes: options.maxUploadBytes } : {}),
    ...(options.upstreamTimeoutMs !== undefined
      ? { upstreamOptions: { timeoutMs: options.upstreamTimeoutMs } }
      : {}),
    graphiql: {
      defaultQuery: EXAMPLE_QUERY,
      // The embedded server's demo token, so the example runs as is; a real Sentry needs yours.
      headers:
        localSentry && !options.token ? { Authorization: `Bearer ${localSentry.token}` } : {},
    },
  });
  const server = createServer();
  const active = new Set<ServerResponse>();
  let draining = false;
  let drained: (() => void) | undefined;
  // Registered before the gateway's handler, so a response can still get `Connection: close`.
  server.on('request', (_request, response: ServerResponse) => {
    active.add(response);
    if (draining) response.setHeader('connection', 'close');
    response.on('close', () => {
      active.delete(response);
      if (!draining) return;
      // A connection whose response went out before shutdown began is idle now: close it.
      server.closeIdleConnections();
      if (active.size === 0) drained?.();
    });
  });
  server.on('request', gateway.yoga);
  server.listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    await gateway.close();
    await localSentry?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const loopback = LOOPBACK_ADDRESSES.includes(options.host);
  const host = loopback
    ? 'localhost'
    : options.host.includes(':')
      ? `[${options.host}]`
      : options.host;
  let shutting: Promise<ShutdownResult> | undefined;
  const shutdown = (timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS) => {
    shutting ??= (async () => {
      draining = true;
      const inFlight = active.size;
      for (const response of active) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let cut = 0;
      if (active.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          new Promise<true>((resolve) => {
            drained = () => resolve(true);
          }),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (!finished) {
          cut = active.size;
          server.closeAllConnections();
        }
      }
      await closed;
      await gateway.close();
      await localSentry?.close();
      return { inFlight, cut };
    })();
    return shutting;
  };
  const close = async () => {
    await shutdown();
  };
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    gateway,
    localSentry,
    inFlight: () => active.size,
    shutdown,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * `sentry-graphql serve`: runs until SIGINT or SIGTERM, then shuts down (see
 * `RunningServer.shutdown`); a second signal, later than `REPEATED_SIGNAL_MS` after the first,
 * exits at once with 128 + its number. Resolves to the exit code: 0 when every request in
 * flight was answered, 1 when the shutdown timeout cut some off.
 */
export async function runServe(options: ServeOptions): Promise<number> {
  installProcessGuards();
  const running = await startServer(options);
  const upstream = running.localSentry
    ? `the embedded Sentry at ${running.localSentry.url} (demo data, token ${running.localSentry.token})`
    : options.upstream;
  console.info(`Sentry GraphQL gateway: ${running.url} (GraphiQL in a browser)`);
  console.info(`Upstream: ${upstream}`);
  if (options.tracing) console.info(`Traces: OTLP/HTTP to ${options.tracing.endpoint}`);
  if (options.batching === false) {
    console.info('Batching off (--no-batch): the naive mode the benchmark compares against.');
  }
  let stopping = false;
  if (!running.localSentry) {
    const timeoutMs = Math.min(3000, options.upstreamTimeoutMs ?? 3000);
    const base = running.gateway.upstream.baseUrl;
    void probeUpstream(base, timeoutMs).then((reason) => {
      if (reason !== undefined && !stopping) {
        console.warn(
          `Warning: Sentry at ${base} did not answer GET /api/0/ (${reason}); serving anyway, ` +
            'and requests fail with UPSTREAM_ERROR until it does.',
        );
      }
    });
  }
  let firstAt = 0;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (received: NodeJS.Signals) => {
      if (!stopping) {
        stopping = true;
        firstAt = Date.now();
        resolve(received);
        return;
      }
      if (Date.now() - firstAt < REPEATED_SIGNAL_MS) return; // the same Ctrl-C, twice
      console.info(`${received} again: exiting now`);
      process.exit(128 + (constants.signals[received] ?? 0));
    };
    // Kept until the process ends, so that a second signal always works.
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  // Should closing the pools or the embedded Sentry ever hang, the timeout still bounds the exit.
  setTimeout(() => process.exit(1), timeoutMs + 5000).unref();
  console.info(
    `${signal}: shutting down; answering ${running.inFlight()} requests in flight ` +
      `(at most ${timeoutMs} ms; a second signal exits at once)`,
  );
  const { cut } = await running.shutdown(timeoutMs);
  const code = cut === 0 ? 0 : 1;
  console.info(
    cut === 0
      ? 'Shut down: every request answered.'
      : `Shut down: ${cut} requests cut off after ${timeoutMs} ms.`,
  );
  // Whatever might still hold the event loop (a socket a library keeps), the process ends.
  setTimeout(() => process.exit(code), 1000).unref();
  return code;
}

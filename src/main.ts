/** Process entry for `sentry-graphql serve`: config → (embedded Sentry) → listen → signals. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalSentry, startLocalSentry } from './local-sentry/http/server.ts';
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
}

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

/** A listening gateway, and the embedded Sentry behind it when there is one. */
export interface RunningServer extends AsyncDisposable {
  /** e.g. `http://localhost:4000/graphql`. */
  url: string;
  gateway: Gateway;
  localSentry?: LocalSentry | undefined;
  close(): Promise<void>;
}

/** Starts the embedded Sentry (unless `upstream` is given) and the gateway, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const localSentry = options.upstream
    ? undefined
    : await startLocalSentry({ scale: options.scale ?? 'medium' });
  const upstream = options.upstream ?? localSentry?.url ?? '';
  const gateway = createGateway({
    upstream,
    token: options.token,
    batching: options.batching ?? true,
    graphiql: {
      defaultQuery: EXAMPLE_QUERY,
      // The embedded server's demo token, so the example runs as is; a real Sentry needs yours.
      headers:
        localSentry && !options.token ? { Authorization: `Bearer ${localSentry.token}` } : {},
    },
  });
  const server = createServer(gateway.yoga);
  server.listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    await gateway.close();
    await localSentry?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(options.host);
  const host = loopback
    ? 'localhost'
    : options.host.includes(':')
      ? `[${options.host}]`
      : options.host;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await localSentry?.close();
    })();
    return closing;
  };
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    gateway,
    localSentry,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** `sentry-graphql serve`: runs until SIGINT or SIGTERM, then closes everything. */
export async function runServe(options: ServeOptions): Promise<void> {
  const running = await startServer(options);
  const upstream = running.localSentry
    ? `the embedded Sentry at ${running.localSentry.url} (demo data, token ${running.localSentry.token})`
    : options.upstream;
  console.info(`Sentry GraphQL gateway: ${running.url} (GraphiQL in a browser)`);
  console.info(`Upstream: ${upstream}`);
  if (options.batching === false) {
    console.info('Batching off (--no-batch): the naive mode the benchmark compares against.');
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.info(`${signal}: shutting down`);
  await running.close();
}

/**
 * A bounded rate-limit storm: a few clients send the same query as fast as they are answered,
 * for a few seconds, against an embedded Sentry with a tiny budget (5 requests per token and
 * endpoint per 10 s window, as `local-sentry --rate-limit 5 --rate-window 10`), through a
 * listening gateway over real HTTP. Reports how many calls reached Sentry, and the budget those
 * windows allowed. `npx tsx bench/rate-limit-storm.ts [--seconds 10] [--clients 4]`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalSentry } from '../src/local-sentry/http/server.ts';
import { startServer } from '../src/main.ts';

export interface StormOptions {
  /** @default 10 */
  seconds?: number;
  /** Concurrent clients, each sending its next query when the last one is answered. @default 4 */
  clients?: number;
  /** @default 5 */
  limit?: number;
  /** @default 10 */
  windowSeconds?: number;
}

export interface StormResult {
  /** GraphQL operations answered. */
  operations: number;
  /** Of those, how many carried a RATE_LIMITED error. */
  rateLimited: number;
  /** REST requests the embedded Sentry served, 429s included. */
  upstreamCalls: number;
  byRoute: Record<string, number>;
  /** Distinct endpoints the query calls. */
  endpoints: number;
  /** Rate-limit windows the storm touched. */
  windows: number;
  /** `limit × windows × endpoints`: the most calls Sentry would have answered with data. */
  budget: number;
}

/** Two endpoints per operation: the organization, and its projects. */
const STORM_QUERY = `{ organization(slug: "acme") { name projects(first: 5) { nodes { slug } } } }`;

export async function runStorm(options: StormOptions = {}): Promise<StormResult> {
  const { seconds = 10, clients = 4, limit = 5, windowSeconds = 10 } = options;
  const sentry = await startLocalSentry({
    scale: 'small',
    rateLimit: { limit, windowSeconds, concurrentLimit: 25 },
  });
  try {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      upstream: sentry.url,
      token: sentry.token,
    });
    try {
      sentry.resetStats();
      const started = Date.now();
      const until = started + seconds * 1000;
      let operations = 0;
      let rateLimited = 0;
      const client = async () => {
        while (Date.now() < until) {
          const response = await fetch(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: STORM_QUERY }),
          });
          const body = (await response.json()) as {
            errors?: { extensions?: { code?: string } }[];
          };
          operations++;
          if (body.errors?.some((error) => error.extensions?.code === 'RATE_LIMITED')) {
            rateLimited++;
          }
        }
      };
      await Promise.all(Array.from({ length: clients }, client));
      const ended = Date.now();
      const { requests, byRoute } = sentry.stats();
      const windows =
        Math.floor(ended / 1000 / windowSeconds) - Math.floor(started / 1000 / windowSeconds) + 1;
      const endpoints = Object.keys(byRoute).length;
      return {
        operations,
        rateLimited,
        upstreamCalls: requests,
        byRoute,
        endpoints,
        windows,
        budget: limit * windows * endpoints,
      };
    } finally {
      await server.close();
    }
  } finally {
    await sentry.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, clients: { type: 'string' } },
  });
  const result = await runStorm({
    seconds: Number(values.seconds ?? 10),
    clients: Number(values.clients ?? 4),
  });
  console.info(JSON.stringify(result, null, 2));
  console.info(
    `${result.upstreamCalls} calls reached Sentry for ${result.operations} operations ` +
      `(${result.rateLimited} rate limited); the ${result.windows} windows allowed ${result.budget}.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

/**
 * The cache phase of the benchmark: a gateway with `--cache-ttl` over a local Sentry of its own
 * (same scale and latency) that accepts many tokens. Per read operation: REST calls and p50
 * with the cache warm (the same token again) and cold (a token that never ran it: keys hold the
 * token, so nothing of another token's entries can serve it); then IssueStream's throughput warm
 * against cold, in the same run.
 */
import { performance } from 'node:perf_hooks';
import { GraphQLClient, type GraphQLRequest, type GraphQLResponse } from './http.ts';
import { type LatencySummary, responseProblem, summarize } from './measure.ts';
import type { BenchOperation } from './operations.ts';
import {
  type ChildServer,
  type Scale,
  startGatewayProcess,
  startLocalSentryProcess,
} from './processes.ts';

export interface CacheOperationResult {
  operation: string;
  cold: { restCalls: number; cacheHits: number; latency: LatencySummary };
  warm: { restCalls: number; cacheHits: number; latency: LatencySummary };
}

export interface CacheThroughput {
  operation: string;
  concurrency: number;
  requests: number;
  coldRps: number;
  warmRps: number;
  ratio: number;
}

export interface CacheReport {
  ttlSeconds: number;
  operations: CacheOperationResult[];
  throughput?: CacheThroughput;
  error?: string;
}

export interface CachePhaseOptions {
  scale: Scale;
  seed: number;
  latencyMs: number;
  iterations: number;
  /** Requests of each throughput run (each cold one with a token of its own). */
  throughputRequests: number;
  concurrency: number;
  entry: string;
  execArgv: string[];
  log: (line: string) => void;
}

const TOKEN = 'local-demo-token';
const TTL_SECONDS = 600;

async function run(client: GraphQLClient, request: GraphQLRequest, token: string) {
  const { value, ms } = await client.execute(request, token);
  const problem = responseProblem(value);
  if (problem !== undefined) throw new Error(`${request.operationName}: ${problem}`);
  return { value, ms };
}

const calls = (value: GraphQLResponse) => Number(value.extensions?.restCalls ?? 0);
const hits = (value: GraphQLResponse) => Number(value.extensions?.['cacheHits'] ?? 0);

export async function measureCache(
  operations: readonly BenchOperation[],
  options: CachePhaseOptions,
  servers: (ChildServer | undefined)[],
): Promise<CacheReport> {
  const reads = operations.filter((op) => op.kind === 'query' && op.skip === undefined);
  const iterations = Math.max(3, Math.min(options.iterations, 10));
  const cold = Array.from(
    { length: reads.length * iterations + 2 * options.throughputRequests },
    (_, i) => `bench-cold-${i}`,
  );
  let next = 0;
  const coldToken = () => cold[next++] ?? `bench-cold-${next}`;
  const report: CacheReport = { ttlSeconds: TTL_SECONDS, operations: [] };
  options.log(`bench: cache phase (--cache-ttl ${TTL_SECONDS}, ${cold.length} cold tokens)`);
  const sentry = await startLocalSentryProcess({
    scale: options.scale,
    latencyMs: options.latencyMs,
    seed: options.seed,
    token: TOKEN,
    tokens: cold,
  });
  servers.push(sentry);
  const gateway = await startGatewayProcess({
    upstream: sentry.url,
    batching: true,
    label: 'gateway (cache on)',
    entry: options.entry,
    execArgv: options.execArgv,
    args: ['--cache-ttl', String(TTL_SECONDS), '--log-level', 'silent'],
  });
  servers.push(gateway);
  const client = new GraphQLClient(gateway.url, TOKEN, 2 * options.concurrency);
  try {
    for (const operation of reads) {
      const request = {
        document: operation.document,
        operationName: operation.name,
        variables: operation.variables,
      };
      const coldRuns: { value: GraphQLResponse; ms: number }[] = [];
      for (let i = 0; i < iterations; i++) coldRuns.push(await run(client, request, coldToken()));
      await run(client, request, TOKEN); // fills the cache for the warm runs
      const warmRuns: { value: GraphQLResponse; ms: number }[] = [];
      for (let i = 0; i < iterations; i++) warmRuns.push(await run(client, request, TOKEN));
      const last = (runs: typeof coldRuns) => runs[runs.length - 1]?.value ?? { status: 0 };
      report.operations.push({
        operation: operation.name,
        cold: {
          restCalls: calls(last(coldRuns)),
          cacheHits: hits(last(coldRuns)),
          latency: summarize(coldRuns.map((r) => r.ms)),
        },
        warm: {
          restCalls: calls(last(warmRuns)),
          cacheHits: hits(last(warmRuns)),
          latency: summarize(warmRuns.map((r) => r.ms)),
        },
      });
      options.log(
        `bench: cache ${operation.name}: cold p50 ${summarize(coldRuns.map((r) => r.ms)).p50} ms, warm p50 ${summarize(warmRuns.map((r) => r.ms)).p50} ms`,
      );
    }
    const stream = reads.find((op) => op.name === 'IssueStream');
    if (stream) {
      const request = {
        document: stream.document,
        operationName: stream.name,
        variables: stream.variables,
      };
      const rps = async (token: () => string) => {
        let sent = 0;
        const started = performance.now();
        const worker = async () => {
          while (sent < options.throughputRequests) {
            sent++;
            await run(client, request, token());
          }
        };
        await Promise.all(Array.from({ length: options.concurrency }, worker));
        return (
          Math.round((options.throughputRequests / (performance.now() - started)) * 10_000) / 10
        );
      };
      const coldRps = await rps(coldToken);
      await run(client, request, TOKEN);
      const warmRps = await rps(() => TOKEN);
      report.throughput = {
        operation: stream.name,
        concurrency: options.concurrency,
        requests: options.throughputRequests,
        coldRps,
        warmRps,
        ratio: Math.round((warmRps / coldRps) * 10) / 10,
      };
      options.log(
        `bench: cache IssueStream throughput c=${options.concurrency}: cold ${coldRps} req/s, warm ${warmRps} req/s`,
      );
    }
  } catch (error) {
    report.error = (error as Error).message;
  } finally {
    await client.close();
  }
  return report;
}

/** The cache tables, in markdown. */
export function renderCacheMarkdown(report: CacheReport | undefined): string {
  if (!report) return '';
  const lines = [
    `### Cache on (--cache-ttl ${report.ttlSeconds})`,
    '',
    '| Operation | REST calls cold | REST calls warm | Cache hits warm | p50 cold ms | p50 warm ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.operations.map(
      (op) =>
        `| ${op.operation} | ${op.cold.restCalls} | ${op.warm.restCalls} | ${op.warm.cacheHits} | ${op.cold.latency.p50} | ${op.warm.latency.p50} |`,
    ),
  ];
  if (report.throughput) {
    const t = report.throughput;
    lines.push(
      '',
      `${t.operation} throughput, ${t.requests} requests at concurrency ${t.concurrency}: cold ${t.coldRps} req/s (a token of its own per request), warm ${t.warmRps} req/s (${t.ratio}×).`,
    );
  }
  if (report.error) lines.push('', `Cache phase failed: ${report.error}`);
  return `${lines.join('\n')}\n`;
}

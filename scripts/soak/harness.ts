/**
 * `npm run soak`: the embedded Sentry and the gateway (compiled, as the benchmark runs it) in
 * their own child processes, the soak's operation mix sent over HTTP at a given concurrency
 * while the embedded Sentry answers a share of requests with faults, and the figures: outcomes,
 * error codes, upstream calls, writes sent against writes seen, HTTP 5xx, untyped errors and the
 * gateway's memory as the run goes.
 */
import { Pool } from 'undici';
import {
  type ChildServer,
  compileGateway,
  type Scale,
  startGatewayProcess,
  startLocalSentryProcess,
  stopAll,
} from '../../bench/processes.ts';
import { DEFAULT_TOKEN } from '../../src/local-sentry/http/auth.ts';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { DEFAULT_SOAK_OPTIONS, type SoakOptions } from './args.ts';
import { checkWrites, type GatewayResponse, SoakTally, type WriteRow } from './check.ts';
import {
  buildOperations,
  readSoakOperationFiles,
  runConcurrently,
  type SeededData,
  schedule,
} from './mix.ts';

/** Gateway memory at one point of the run, in MB. */
export interface MemoryPoint {
  /** Operations done when it was read. */
  operations: number;
  rssMb: number;
}

export interface SoakReport {
  options: Omit<SoakOptions, 'log'>;
  durationMs: number;
  tally: SoakTally;
  /** Requests that got no HTTP response at all (the gateway's connection failed). */
  transportErrors: number;
  transportSamples: string[];
  /** REST requests the embedded server served during the run, retries included. */
  upstreamCalls: number;
  writes: WriteRow[];
  memory: MemoryPoint[];
  peakRssMb: number | undefined;
  /** Why the run failed its checks; empty when it passed. */
  failures: string[];
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** The data the child server holds: the same seed and scale generate it byte for byte. */
async function seededData(seed: number, scale: Scale): Promise<SeededData> {
  const reference = await startLocalSentry({ seed, scale });
  await reference.close();
  return reference.data;
}

/** Posts GraphQL to the gateway over a keep-alive pool; never throws for an HTTP status. */
function gatewayClient(url: string, connections: number) {
  const parsed = new URL(url);
  const pool = new Pool(parsed.origin, { connections, pipelining: 1 });
  return {
    async execute(document: string, variables: unknown): Promise<GatewayResponse> {
      const response = await pool.request({
        path: parsed.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${DEFAULT_TOKEN}`,
        },
        body: JSON.stringify({ query: document, variables }),
      });
      const text = await response.body.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // Not JSON: kept as text, which `classify` counts as an untyped error.
      }
      return { status: response.statusCode, body };
    },
    close: () => pool.close(),
  };
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`POST ${url}: HTTP ${response.status} ${await response.text()}`);
}

export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakReport> {
  const options = { ...DEFAULT_SOAK_OPTIONS, ...partial };
  const { log } = options;
  const servers: ChildServer[] = [];
  await using compiled = await compileGateway();
  try {
    log(`soak: starting the embedded Sentry (${options.scale}) and the gateway…`);
    const sentry = await startLocalSentryProcess({
      scale: options.scale,
      latencyMs: options.latencyMs,
      seed: options.seed,
    });
    servers.push(sentry);
    const gateway = await startGatewayProcess({
      upstream: sentry.url,
      batching: true,
      entry: compiled.entry,
      execArgv: compiled.execArgv,
    });
    servers.push(gateway);

    const data = await seededData(options.seed, options.scale);
    const files = await readSoakOperationFiles();
    const operations = schedule(
      buildOperations(files, data, [...data.organizations.keys()], { name: 'soak', index: 0 }),
      options.operations,
      options.seed,
    );
    const client = gatewayClient(gateway.url, options.concurrency);
    const tally = new SoakTally();
    const memory: MemoryPoint[] = [];
    const sample = (done: number) => {
      const rss = gateway.memory()?.rssKb;
      if (rss !== undefined) memory.push({ operations: done, rssMb: mb(rss) });
    };
    let transportErrors = 0;
    const transportSamples: string[] = [];
    try {
      await post(`${sentry.url}/_local/stats/reset`, {});
      await post(`${sentry.url}/_local/faults`, { faults: {}, failRate: options.failRate });
      sample(0);
      const step = Math.max(1, Math.floor(options.operations / 10));
      let done = 0;
      const start = performance.now();
      await runConcurrently(operations.length, options.concurrency, async (index) => {
        const operation = operations[index];
        if (!operation) return;
        try {
          tally.add(operation, await client.execute(operation.document, operation.variables));
        } catch (error) {
          // No HTTP answer at all: count the write as sent (it may have reached the gateway).
          transportErrors += 1;
          if (operation.write) tally.countWrite(operation.write);
          if (transportSamples.length < 5) {
            transportSamples.push(`${operation.name}: ${(error as Error).message}`);
          }
        }
        done += 1;
        if (done % step === 0) {
          sample(done);
          log(`soak: ${done}/${options.operations} operations`);
        }
      });
      const durationMs = performance.now() - start;
      await post(`${sentry.url}/_local/faults`, { faults: {}, failRate: 0 });
      const stats = (await (await fetch(`${sentry.url}/_local/stats`)).json()) as {
        requests: number;
        byRoute: Record<string, number>;
      };
      if (memory.at(-1)?.operations !== done) sample(done);
      const peakKb = gateway.memory()?.peakKb;
      const writes = checkWrites(tally.writesSent, stats.byRoute);
      const failures = [
        ...(tally.http5xx > 0 ? [`${tally.http5xx} HTTP 5xx responses`] : []),
        ...(tally.untyped > 0 ? [`${tally.untyped} errors without a documented code`] : []),
        ...(transportErrors > 0 ? [`${transportErrors} requests got no HTTP response`] : []),
        ...(tally.userErrors > 0
          ? [`${tally.userErrors} userErrors (faults are not input errors)`]
          : []),
        ...writes
          .filter((row) => !row.ok)
          .map((row) => `${row.route}: ${row.seen} seen for ${row.sent} sent (${row.rule})`),
      ];
      return {
        options: {
          operations: options.operations,
          failRate: options.failRate,
          concurrency: options.concurrency,
          seed: options.seed,
          scale: options.scale,
          latencyMs: options.latencyMs,
        },
        durationMs,
        tally,
        transportErrors,
        transportSamples,
        upstreamCalls: stats.requests,
        writes,
        memory,
        peakRssMb: peakKb === undefined ? undefined : mb(peakKb),
        failures,
      };
    } finally {
      await client.close();
    }
  } finally {
    await stopAll(servers);
  }
}

const n = (value: number) => value.toLocaleString('en-US');
const pct = (part: number, whole: number) =>
  whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;

/** The figures as markdown (the README's Reliability section quotes them). */
export function renderSoakReport(report: SoakReport): string {
  const { tally, options } = report;
  const lines = [
    `Soak: ${n(tally.operations)} operations at concurrency ${options.concurrency}, upstream fail rate ${options.failRate} (seed ${options.seed}, ${options.scale} data, latency ${options.latencyMs} ms), ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| operations | ${n(tally.operations)} |`,
    `| clean / partial / failed | ${n(tally.clean)} (${pct(tally.clean, tally.operations)}) / ${n(tally.partial)} (${pct(tally.partial, tally.operations)}) / ${n(tally.failed)} (${pct(tally.failed, tally.operations)}) |`,
    ...(['query', 'mutation'] as const).map((kind) => {
      const outcomes = tally.byKind[kind];
      const total = outcomes.clean + outcomes.partial + outcomes.failed;
      return `| ${kind === 'query' ? 'queries (reads retried)' : 'mutations (writes never retried)'}: clean / partial / failed | ${n(outcomes.clean)} (${pct(outcomes.clean, total)}) / ${n(outcomes.partial)} / ${n(outcomes.failed)} of ${n(total)} |`;
    }),
    `| error codes | ${
      Object.entries(tally.codes)
        .sort(([, a], [, b]) => b - a)
        .map(([code, count]) => `${code} ${n(count)}`)
        .join(', ') || 'none'
    } |`,
    `| upstream calls (retries included) | ${n(report.upstreamCalls)} |`,
    `| writes sent / seen | ${report.writes.map((row) => `${row.route.split(' ')[0]} ${row.route.replace(/^\S+ \/api\/0/, '')} ${n(row.sent)} / ${n(row.seen)}`).join('; ')} |`,
    `| HTTP 5xx | ${n(tally.http5xx)} |`,
    `| untyped errors | ${n(tally.untyped)} |`,
    `| userErrors | ${n(tally.userErrors)} |`,
    `| requests without an HTTP answer | ${n(report.transportErrors)} |`,
    `| gateway RSS before / after (peak) | ${report.memory[0]?.rssMb ?? '?'} MB / ${report.memory.at(-1)?.rssMb ?? '?'} MB (${report.peakRssMb ?? '?'} MB) |`,
    `| gateway RSS every 10 % | ${report.memory.map((point) => point.rssMb).join(' → ')} MB |`,
  ];
  const samples = [...tally.http5xxSamples, ...tally.untypedSamples, ...report.transportSamples];
  if (samples.length > 0) lines.push('', 'Samples:', ...samples.map((line) => `- ${line}`));
  lines.push(
    '',
    report.failures.length === 0
      ? 'Verdict: PASS (no 5xx, every error typed, each write sent once)'
      : `Verdict: FAIL: ${report.failures.join('; ')}`,
  );
  return lines.join('\n');
}

/**
 * The benchmark's load phases against the gateway over the latency-0 local Sentry: throughput
 * rounds (each operation, the N+1-shaped list and `{ __typename }`, at each concurrency level),
 * the latency the gateway adds over the same REST calls made directly, its memory across rounds,
 * and, with `--profile`, a CPU profile under the IssueStream load.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphQLClient, type GraphQLRequest, LocalSentryClient } from './http.ts';
import { executeOrThrow, measureThroughput, timeSeries } from './measure.ts';
import type { BenchOperation } from './operations.ts';
import type { BenchOptions } from './options.ts';
import { type ChildServer, type MemorySample, startGatewayProcess } from './processes.ts';
import { type ProfileSummary, summarizeProfile } from './profile.ts';
import { type RecordedCall, replayCalls, toWaves } from './recorder.ts';
import type {
  AddedLatencyReport,
  GatewayMemory,
  ThroughputReport,
  ThroughputRun,
} from './report.ts';
import { HELLO_WORLD, ISSUE_LIST_N1 } from './throughput.ts';

export const mb = (kb: number | undefined) =>
  kb === undefined ? undefined : Math.round(kb / 102.4) / 10;

export function requestOf(operation: BenchOperation): GraphQLRequest {
  return {
    document: operation.document,
    operationName: operation.name,
    variables: operation.variables,
  };
}

export function memoryOf(
  label: string,
  before: MemorySample | undefined,
  after: MemorySample | undefined,
  roundsMb: number[],
): GatewayMemory {
  const entry: GatewayMemory = { label, roundsMb };
  const beforeMb = mb(before?.rssKb);
  if (beforeMb !== undefined) entry.beforeMb = beforeMb;
  const afterMb = mb(after?.rssKb);
  if (afterMb !== undefined) entry.afterMb = afterMb;
  const peakMb = mb(after?.peakKb);
  if (peakMb !== undefined) entry.peakMb = peakMb;
  return entry;
}

/** Samples a process' memory every `intervalMs` while `work` runs; returns the highest RSS. */
async function sampleWhile<T>(
  server: ChildServer,
  work: () => Promise<T>,
  intervalMs = 100,
): Promise<{ result: T; maxRssKb: number | undefined }> {
  let maxRssKb: number | undefined;
  const sample = () => {
    const memory: MemorySample | undefined = server.memory();
    if (memory) maxRssKb = Math.max(maxRssKb ?? 0, memory.rssKb);
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    return { result, maxRssKb };
  } finally {
    clearInterval(timer);
  }
}

export interface ThroughputPhase {
  gateway: ChildServer;
  sentry: ChildServer;
  /** The operations marked for throughput. */
  operations: BenchOperation[];
  /** Each operation's REST calls as the recording gateway made them. */
  recorded: Map<string, RecordedCall[]>;
  options: BenchOptions;
  token: string;
  /** Clients opened here, closed by the caller. */
  clients: { close(): Promise<void> }[];
}

/** Throughput rounds, then the added latency of each operation, then the gateway's memory. */
export async function runThroughputPhase(phase: ThroughputPhase): Promise<{
  throughput: ThroughputReport[];
  addedLatency: AddedLatencyReport[];
  memory: GatewayMemory;
}> {
  const { gateway, sentry, operations, recorded, clients, token, options } = phase;
  const { log } = options;
  const throughput: ThroughputReport[] = [];
  const addedLatency: AddedLatencyReport[] = [];
  const fast = new GraphQLClient(gateway.url, token, 2 * Math.max(...options.concurrencies));
  const direct = new LocalSentryClient(sentry.url, token);
  clients.push(fast, direct);
  // The operations, then the N+1-shaped list and `{ __typename }` as the yardstick.
  const loads = [
    ...operations.map((operation) => ({ name: operation.name, request: requestOf(operation) })),
    ISSUE_LIST_N1,
    HELLO_WORLD,
  ];
  for (const load of loads) {
    for (let i = 0; i < options.warmup * 4; i += 1) await executeOrThrow(fast, load.request);
  }
  const before = gateway.memory();
  const roundsMb: number[] = [];
  let peakAtMax: number | undefined;
  const top = Math.max(...options.concurrencies);
  for (const load of loads) throughput.push({ operation: load.name, runs: [] });
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const operation of loads) {
      const entry = throughput.find((t) => t.operation === operation.name);
      for (const concurrency of options.concurrencies) {
        const cpuBefore = [gateway.cpuMs(), sentry.cpuMs()];
        const { result, maxRssKb } = await sampleWhile(gateway, () =>
          measureThroughput(fast, operation.request, concurrency, options.throughputDurationMs),
        );
        const cpuAfter = [gateway.cpuMs(), sentry.cpuMs()];
        if (concurrency === top && maxRssKb !== undefined) {
          peakAtMax = Math.max(peakAtMax ?? 0, maxRssKb);
        }
        const run: ThroughputRun = { ...result, round };
        const perRequest = (index: number) => {
          const [before, after] = [cpuBefore[index], cpuAfter[index]];
          return before === undefined || after === undefined || result.requests === 0
            ? undefined
            : Math.round(((after - before) / result.requests) * 1000) / 1000;
        };
        const gatewayCpu = perRequest(0);
        if (gatewayCpu !== undefined) run.gatewayCpuMsPerRequest = gatewayCpu;
        const upstreamCpu = perRequest(1);
        if (upstreamCpu !== undefined) run.upstreamCpuMsPerRequest = upstreamCpu;
        const maxRssMb = mb(maxRssKb);
        if (maxRssMb !== undefined) run.maxRssMb = maxRssMb;
        entry?.runs.push(run);
        log(
          `bench: throughput ${operation.name} round ${round} c=${concurrency}: ${result.rps} req/s` +
            `${result.errors > 0 ? `, ${result.errors} errors (${result.firstError})` : ''}`,
        );
      }
    }
    const sample = gateway.memory();
    if (sample) roundsMb.push(mb(sample.rssKb) ?? 0);
  }
  for (const operation of operations) {
    const calls = recorded.get(operation.name) ?? [];
    const request = requestOf(operation);
    const series = {
      iterations: options.iterations,
      warmup: options.warmup,
      budgetMs: options.budgetMs,
    };
    const gatewayLatency = await timeSeries(
      async () => void (await executeOrThrow(fast, request)),
      series,
    );
    const directLatency = await timeSeries(() => replayCalls(direct, calls), series);
    addedLatency.push({
      operation: operation.name,
      restCalls: calls.length,
      waves: toWaves(calls).length,
      gateway: gatewayLatency,
      direct: directLatency,
      addedP50Ms: Math.round((gatewayLatency.p50 - directLatency.p50) * 100) / 100,
      addedP95Ms: Math.round((gatewayLatency.p95 - directLatency.p95) * 100) / 100,
    });
  }
  const entry = memoryOf(gateway.label, before, gateway.memory(), roundsMb);
  if (peakAtMax !== undefined) entry.peakAtMaxConcurrencyMb = mb(peakAtMax);
  return { throughput, addedLatency, memory: entry };
}

/**
 * A gateway of its own started with `--cpu-prof`, warmed up, loaded with IssueStream at
 * concurrency 16 for twice the throughput duration (at least 3 s), then stopped: Node writes the
 * profile as it exits. The profile goes to `<outDir>/profile/`, the summary (of the samples
 * taken during the load) into the report.
 */
export async function profileUnderLoad(
  run: {
    upstream: string;
    compiledRun: { entry: string; execArgv: readonly string[] };
    outDir: string;
    options: BenchOptions;
    token: string;
  },
  issueStream: BenchOperation | undefined,
): Promise<ProfileSummary> {
  if (!issueStream) throw new Error('--profile needs the IssueStream operation (see --only)');
  const dir = join(run.outDir, 'profile');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const gateway = await startGatewayProcess({
    upstream: run.upstream,
    batching: true,
    label: 'gateway (profiled)',
    entry: run.compiledRun.entry,
    execArgv: [...run.compiledRun.execArgv, '--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  const client = new GraphQLClient(gateway.url, run.token, 32);
  let window: { startUs: number; endUs: number } | undefined;
  try {
    const request = requestOf(issueStream);
    for (let i = 0; i < 50; i += 1) await executeOrThrow(client, request);
    const micros = () => Number(process.hrtime.bigint() / 1000n);
    const startUs = micros();
    const durationMs = Math.max(3_000, 2 * run.options.throughputDurationMs);
    await measureThroughput(client, request, 16, durationMs);
    window = { startUs, endUs: micros() };
  } finally {
    await client.close();
    await gateway.stop();
  }
  return summarizeProfile(dir, window);
}

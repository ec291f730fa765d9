/**
 * `runBench()`: the whole benchmark, callable in-process (the smoke test runs it small).
 *
 * Processes: a local Sentry with upstream latency and a gateway over it with batching on, one
 * with `--no-batch`, and one behind a recording proxy (to learn each operation's REST calls and
 * their order); for throughput, a second local Sentry with latency 0 and a gateway over it.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureCache } from './cache.ts';
import { loadFixtures } from './fixtures.ts';
import { GraphQLClient, LocalSentryClient } from './http.ts';
import { countRestCalls, executeOrThrow, type RestCount, timeSeries } from './measure.ts';
import { type BenchOperation, prepareOperation, readOperationFiles } from './operations.ts';
import { type BenchOptions, DEFAULT_OPTIONS } from './options.ts';
import {
  type ChildServer,
  type CompiledGateway,
  compileGateway,
  startGatewayProcess,
  startLocalSentryProcess,
  stopAll,
} from './processes.ts';
import type { ProfileSummary } from './profile.ts';
import {
  type RecordedCall,
  type RecordingProxy,
  replayCalls,
  startRecordingProxy,
  toWaves,
} from './recorder.ts';
import {
  type AddedLatencyReport,
  type BenchReport,
  type GatewayMemory,
  type ModeResult,
  type OperationResult,
  TARGETS,
  type ThroughputReport,
} from './report.ts';
import { checkMemory, checkOperation, verdictLine } from './report-checks.ts';
import { renderLatencySvg } from './report-svg.ts';
import { ISSUE_LIST_N1, throughputChecks, throughputRatios, throughputRows } from './throughput.ts';
import { memoryOf, profileUnderLoad, requestOf, runThroughputPhase } from './throughput-phase.ts';

/** Label of the gateway measured for throughput and memory. */
const THROUGHPUT_GATEWAY = 'gateway (latency 0)';

/** The embedded server's default token, which has every scope. */
const TOKEN = 'local-demo-token';

/** Times one mode (batching on or off) of one operation: calls, then a latency series. */
async function measureMode(
  gateway: GraphQLClient,
  sentry: LocalSentryClient,
  operation: BenchOperation,
  options: Pick<BenchOptions, 'iterations' | 'warmup' | 'budgetMs'>,
): Promise<ModeResult> {
  const request = requestOf(operation);
  let restCalls: RestCount = { calls: 0, byRoute: {} };
  try {
    // One untimed run first so that the counted run sees warm connections, like the timed ones.
    await gateway.execute(request);
    restCalls = await countRestCalls(gateway, sentry, request);
    if (restCalls.problem !== undefined) return { restCalls, error: restCalls.problem };
    const latency = await timeSeries(async () => void (await executeOrThrow(gateway, request)), {
      ...options,
      warmup: Math.max(0, options.warmup - 1),
    });
    return { restCalls, latency };
  } catch (error) {
    return { restCalls, error: (error as Error).message };
  }
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    return error as Error;
  }
}

/** Runs the benchmark; writes `latest.json` and `latency.svg` to `outDir` when given. */
export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchReport> {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, ...partial };
  const { log } = options;
  const started = performance.now();
  const loadAverageStart = loadavg()[0] ?? 0;
  const servers: (ChildServer | undefined)[] = [];
  const clients: { close(): Promise<void> }[] = [];
  let proxy: RecordingProxy | undefined;
  let compiled: CompiledGateway | undefined;
  try {
    log(
      `bench: starting local Sentry (${options.scale}, ${options.latencyMs} ms)` +
        `${options.throughput ? ' and one with latency 0' : ''}, and the gateways`,
    );
    // The gateways run compiled JavaScript, as in production; the local Sentry stays on tsx.
    const [sentryA, sentryB, built] = await Promise.all([
      startLocalSentryProcess({
        scale: options.scale,
        latencyMs: options.latencyMs,
        seed: options.seed,
      }),
      options.throughput
        ? startLocalSentryProcess({ scale: options.scale, latencyMs: 0, seed: options.seed })
        : Promise.resolve(undefined),
      compileGateway().then((gateway) => {
        compiled = gateway;
        return gateway;
      }),
    ]);
    const compiledRun = { entry: built.entry, execArgv: built.execArgv };
    servers.push(sentryA, sentryB);
    proxy = await startRecordingProxy(sentryA.url);
    const [gateway, noBatchGateway, recordingGateway, throughputGateway] = await Promise.all([
      startGatewayProcess({ upstream: sentryA.url, batching: true, ...compiledRun }),
      settle(startGatewayProcess({ upstream: sentryA.url, batching: false, ...compiledRun })),
      startGatewayProcess({
        upstream: proxy.url,
        batching: true,
        label: 'gateway (recording)',
        ...compiledRun,
      }),
      sentryB
        ? startGatewayProcess({
            upstream: sentryB.url,
            batching: true,
            label: THROUGHPUT_GATEWAY,
            ...compiledRun,
          })
        : Promise.resolve(undefined),
    ]);
    const noBatch = noBatchGateway instanceof Error ? undefined : noBatchGateway;
    servers.push(gateway, noBatch, recordingGateway, throughputGateway);
    const noBatchUnavailable =
      noBatchGateway instanceof Error
        ? `--no-batch gateway did not start: ${noBatchGateway.message}`
        : undefined;
    if (noBatchUnavailable) log(`bench: ${noBatchUnavailable}`);

    const sentry = new LocalSentryClient(sentryA.url, TOKEN);
    const client = new GraphQLClient(gateway.url, TOKEN);
    const noBatchClient = noBatch ? new GraphQLClient(noBatch.url, TOKEN) : undefined;
    const recordingClient = new GraphQLClient(recordingGateway.url, TOKEN);
    clients.push(sentry, client, recordingClient, ...(noBatchClient ? [noBatchClient] : []));

    const { fixtures, facts } = await loadFixtures(client);
    const files = await readOperationFiles(options.operationsDir);
    const selected = options.only
      ? files.filter((file) =>
          options.only?.some((name) => name === file.name || name === file.file),
        )
      : files;
    if (selected.length === 0) throw new Error(`no operation matches ${options.only?.join(', ')}`);
    // Queries first: the repeatable mutations change the data some queries read.
    const operations = selected
      .map((file) => prepareOperation(file, fixtures, facts))
      .sort((a, b) => Number(a.kind === 'mutation') - Number(b.kind === 'mutation'));
    const gatewayBefore = gateway.memory();
    const noBatchBefore = noBatch?.memory();

    const results: OperationResult[] = [];
    const recorded = new Map<string, RecordedCall[]>();
    for (const operation of operations) {
      const limitMs = operation.criticalPath * options.latencyMs;
      const base: Omit<OperationResult, 'checks' | 'met'> = {
        file: operation.file,
        name: operation.name,
        kind: operation.kind,
        listHeavy: operation.listHeavy,
        minRestCalls: operation.minRestCalls,
        criticalPath: operation.criticalPath,
        criticalPathNote: operation.criticalPathNote,
        limitMs,
        targetP50Ms:
          Math.round((TARGETS.latencyFactor * limitMs + TARGETS.latencySlackMs) * 100) / 100,
      };
      if (operation.statedRestCalls !== undefined) base.statedRestCalls = operation.statedRestCalls;
      if (operation.minRestCallsNote !== undefined)
        base.minRestCallsNote = operation.minRestCallsNote;
      if (operation.skip !== undefined) {
        log(`bench: ${operation.name}: skipped (${operation.skip})`);
        results.push({ ...base, skipped: operation.skip, checks: [], met: true });
        continue;
      }
      log(`bench: ${operation.name}`);
      base.batched = await measureMode(client, sentry, operation, options);
      proxy.take();
      await recordingClient.execute(requestOf(operation));
      const calls = proxy.take();
      recorded.set(operation.name, calls);
      base.observedWaves = toWaves(calls).map((wave) =>
        wave.map((call) => `${call.method} ${call.path.split('?')[0]}`),
      );
      // The floor a hand-written REST client would reach: the same calls, in the same order.
      base.direct = await timeSeries(() => replayCalls(sentry, calls), {
        ...options,
        warmup: Math.min(2, options.warmup),
      });
      if (noBatchClient) {
        // Batching off is slow by design: a third of the time budget is enough to show it.
        base.noBatch = await measureMode(noBatchClient, sentry, operation, {
          ...options,
          warmup: Math.min(2, options.warmup),
          budgetMs: options.budgetMs / 3,
        });
      } else {
        base.noBatch = {
          restCalls: { calls: 0, byRoute: {} },
          error: noBatchUnavailable ?? 'unavailable',
        };
      }
      const result = { ...base, ...checkOperation(base) };
      results.push(result);
      log(`  ${verdictLine(result).slice(2)}`);
    }
    const gatewayAfter = gateway.memory();
    const noBatchAfter = noBatch?.memory();
    await proxy.close();
    await recordingGateway.stop();
    const cache = options.cache
      ? await measureCache(
          operations,
          {
            ...options,
            throughputRequests: options.cacheRequests,
            concurrency: Math.min(16, Math.max(...options.concurrencies)),
            ...compiledRun,
          },
          servers,
        )
      : undefined;

    const throughput: ThroughputReport[] = [];
    const addedLatency: AddedLatencyReport[] = [];
    const memory: GatewayMemory[] = [
      memoryOf(gateway.label, gatewayBefore, gatewayAfter, []),
      ...(noBatch ? [memoryOf(noBatch.label, noBatchBefore, noBatchAfter, [])] : []),
    ];
    if (throughputGateway && sentryB) {
      const phase = await runThroughputPhase({
        gateway: throughputGateway,
        sentry: sentryB,
        operations: operations.filter((op) => op.throughput && op.skip === undefined),
        recorded,
        options,
        token: TOKEN,
        clients,
      });
      throughput.push(...phase.throughput);
      addedLatency.push(...phase.addedLatency);
      memory.unshift(phase.memory);
    }

    let profile: ProfileSummary | undefined;
    if (options.profile && sentryB && options.outDir) {
      profile = await profileUnderLoad(
        { upstream: sentryB.url, compiledRun, outDir: options.outDir, options, token: TOKEN },
        operations.find((op) => op.name === 'IssueStream'),
      );
      log(`bench: CPU profile written to ${profile.file}`);
    }
    const { helloWorld, ratios } = throughputRatios(throughput);
    for (const result of results) {
      result.checks.push(...throughputChecks(result.name, ratios, addedLatency));
      result.met = result.checks.every((check) => check.met);
    }
    const n1Checks = throughputChecks(ISSUE_LIST_N1.name, ratios, addedLatency);
    const memoryChecks = checkMemory(memory.find((m) => m.label === THROUGHPUT_GATEWAY));
    const verdicts = [
      ...results.map(verdictLine),
      ...n1Checks.map(
        (check) => `- ${ISSUE_LIST_N1.name}: ${check.met ? 'met' : 'MISSED'} (${check.detail})`,
      ),
      ...memoryChecks.map((check) => `- memory: ${check.met ? 'met' : 'MISSED'} (${check.detail})`),
    ];
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      settings: {
        scale: options.scale,
        seed: options.seed,
        latencyMs: options.latencyMs,
        iterations: options.iterations,
        warmup: options.warmup,
        concurrencies: options.concurrencies,
        throughputDurationMs: options.throughputDurationMs,
        rounds: options.rounds,
        gatewayRuntime: `${['node', ...compiledRun.execArgv].join(' ')} (compiled with tsc)`,
      },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        loadAverageStart: Math.round(loadAverageStart * 100) / 100,
        loadAverageEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
      durationMs: 0,
      operations: results,
      throughput: throughputRows(throughput),
      helloWorld,
      throughputRatios: ratios,
      throughputRounds: throughput,
      addedLatency,
      memory,
      memoryChecks,
      ...(profile ? { profile } : {}),
      ...(cache ? { cache } : {}),
      verdicts,
      allMet:
        results.every((r) => r.met) &&
        n1Checks.every((c) => c.met) &&
        memoryChecks.every((c) => c.met),
    };
    await Promise.all(clients.map((c) => c.close()));
    clients.length = 0;
    await stopAll(servers);
    report.durationMs = Math.round(performance.now() - started);
    if (options.outDir) {
      await writeFile(join(options.outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
      await writeFile(join(options.outDir, 'latency.svg'), renderLatencySvg(report));
    }
    return report;
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
    await proxy?.close();
    await stopAll(servers);
    compiled?.remove();
  }
}

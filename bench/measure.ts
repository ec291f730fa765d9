/**
 * The measurements: REST calls of one execution through `/_local/stats`, latency series,
 * closed-loop throughput at a fixed concurrency, and percentiles.
 */
import { performance } from 'node:perf_hooks';
import type { GraphQLClient, GraphQLRequest, GraphQLResponse, LocalSentryClient } from './http.ts';

export interface LatencySummary {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (`q` in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    runs: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** The first problem of a response: an HTTP status other than 200, or a GraphQL error. */
export function responseProblem(response: GraphQLResponse): string | undefined {
  const [error] = response.errors ?? [];
  if (error) {
    const code = error.extensions?.['code'];
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`;
  }
  if (response.status !== 200) return `HTTP ${response.status}`;
  if (response.data === undefined || response.data === null) return 'no data';
  return undefined;
}

export interface RestCount {
  /** Requests the local Sentry served for one execution. */
  calls: number;
  byRoute: Record<string, number>;
  /** `extensions.restCalls` as the gateway reported it, when it did. */
  reportedByGateway?: number;
  /** The execution's first error, if any. */
  problem?: string;
}

/** Resets the counters, runs the operation once, and reads what it cost upstream. */
export async function countRestCalls(
  gateway: GraphQLClient,
  sentry: LocalSentryClient,
  request: GraphQLRequest,
): Promise<RestCount> {
  await sentry.resetStats();
  const { value } = await gateway.execute(request);
  const stats = await sentry.stats();
  const count: RestCount = { calls: stats.requests, byRoute: stats.byRoute };
  const reported = value.extensions?.restCalls;
  if (typeof reported === 'number') count.reportedByGateway = reported;
  const problem = responseProblem(value);
  if (problem !== undefined) count.problem = problem;
  return count;
}

export interface SeriesOptions {
  /** Runs to time after the warm-up. */
  iterations: number;
  /** Untimed runs first (connections, JIT, caches of the process). */
  warmup: number;
  /** Stop timing once this much time has passed (at least `minIterations` runs). */
  budgetMs: number;
  /** @default 5 */
  minIterations?: number;
}

/** Times `run` sequentially (concurrency 1): warm-up, then up to `iterations` timed runs. */
export async function timeSeries(
  run: () => Promise<void>,
  { iterations, warmup, budgetMs, minIterations = 5 }: SeriesOptions,
): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i += 1) await run();
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (
    samples.length < iterations &&
    (samples.length < minIterations || performance.now() < deadline)
  ) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Runs a GraphQL request, throwing on any error so that a timed series never hides one. */
export async function executeOrThrow(
  gateway: GraphQLClient,
  request: GraphQLRequest,
): Promise<number> {
  const { value, ms } = await gateway.execute(request);
  const problem = responseProblem(value);
  if (problem !== undefined) throw new Error(`${request.operationName}: ${problem}`);
  return ms;
}

export interface ThroughputResult {
  concurrency: number;
  durationMs: number;
  requests: number;
  errors: number;
  /** Completed requests per second. */
  rps: number;
  latency: LatencySummary;
  /** First error seen, if any. */
  firstError?: string;
}

/**
 * Closed loop: `concurrency` workers each send the next request as soon as the last one
 * answered, for `durationMs`. Counts answers without errors as completed.
 */
export async function measureThroughput(
  gateway: GraphQLClient,
  request: GraphQLRequest,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      try {
        const { value, ms } = await gateway.execute(request);
        const problem = responseProblem(value);
        if (problem === undefined) samples.push(ms);
        else {
          errors += 1;
          firstError ??= problem;
        }
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const result: ThroughputResult = {
    concurrency,
    durationMs: Math.round(elapsed),
    requests: samples.length,
    errors,
    rps: Math.round((samples.length / elapsed) * 1000 * 10) / 10,
    latency: summarize(samples),
  };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}

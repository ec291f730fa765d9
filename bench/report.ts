/**
 * The benchmark's results: their shape (`bench/results/latest.json`) and the targets they are
 * checked against (report-checks.ts), printed as markdown (report-markdown.ts) and charted
 * (report-svg.ts).
 */
import type { CacheReport } from './cache.ts';
import type { LatencySummary, RestCount, ThroughputResult } from './measure.ts';
import type { BenchOperation } from './operations.ts';
import type { ProfileSummary } from './profile.ts';
import type { ThroughputRatio, ThroughputRow } from './throughput.ts';

/** Targets of the issue: a miss is printed, never hidden. */
export const TARGETS = {
  /** p50 ≤ factor × physical limit + slack. */
  latencyFactor: 1.1,
  latencySlackMs: 3,
  /** Batching off costs at least this many times the calls on list-heavy operations. */
  noBatchFactor: 5,
  /** Gateway RSS at concurrency 64. */
  maxGatewayRssMb: 250,
  /**
   * RSS after the last throughput round may exceed the first round's by this much or this share
   * of it, whichever is larger: V8 grows its heap in steps before it settles.
   */
  maxRssGrowthMb: 16,
  maxRssGrowthShare: 0.1,
} as const;

export interface ModeResult {
  restCalls: RestCount;
  latency?: LatencySummary;
  /** Set when the mode could not run the operation. */
  error?: string;
}

export interface OperationResult {
  file: string;
  name: string;
  kind: BenchOperation['kind'];
  listHeavy: boolean;
  skipped?: string;
  statedRestCalls?: number;
  minRestCalls: number;
  minRestCallsNote?: string;
  criticalPath: number;
  criticalPathNote: string;
  /** Critical path × upstream latency. */
  limitMs: number;
  /** The largest p50 that meets the latency target. */
  targetP50Ms: number;
  batched?: ModeResult;
  /** The chain the gateway actually took: waves of REST calls, each listed by route. */
  observedWaves?: string[][];
  /** The same REST calls in the same order, made directly with undici (no gateway). */
  direct?: LatencySummary;
  noBatch?: ModeResult;
  checks: TargetCheck[];
  met: boolean;
}

export interface TargetCheck {
  target:
    | 'rest-calls'
    | 'latency'
    | 'waves'
    | 'no-batch'
    | 'errors'
    | 'memory'
    | 'throughput'
    | 'added-latency';
  met: boolean;
  detail: string;
}

export interface ThroughputReport {
  operation: string;
  /** One result per concurrency level and round. */
  runs: ThroughputRun[];
}

export interface ThroughputRun extends ThroughputResult {
  round: number;
  /** CPU time the gateway process used per completed request. */
  gatewayCpuMsPerRequest?: number;
  /** CPU time the local Sentry used per completed request (it shares the machine). */
  upstreamCpuMsPerRequest?: number;
  /** Highest gateway RSS sampled during the run. */
  maxRssMb?: number;
}

export interface AddedLatencyReport {
  operation: string;
  restCalls: number;
  waves: number;
  gateway: LatencySummary;
  direct: LatencySummary;
  /** Gateway p50 − direct p50. */
  addedP50Ms: number;
  addedP95Ms: number;
}

export interface GatewayMemory {
  label: string;
  /** After start-up and warm-up. */
  beforeMb?: number;
  /** RSS after each round of load, same load each round. */
  roundsMb: number[];
  afterMb?: number;
  /** VmHWM at the end: the peak of the process' life. */
  peakMb?: number;
  /** Highest VmRSS sampled while running at the highest concurrency. */
  peakAtMaxConcurrencyMb?: number;
}

export interface BenchReport {
  generatedAt: string;
  settings: {
    scale: string;
    seed: number;
    latencyMs: number;
    iterations: number;
    warmup: number;
    concurrencies: number[];
    throughputDurationMs: number;
    rounds: number;
    /** How the gateways ran, e.g. `node --max-old-space-size=512 (compiled with tsc)`. */
    gatewayRuntime?: string;
  };
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** 1-minute load average at the start and the end: other work on the machine shows here. */
    loadAverageStart: number;
    loadAverageEnd: number;
  };
  durationMs: number;
  operations: OperationResult[];
  /** Per operation and concurrency level (HelloWorld is `{ __typename }` on the same gateway). */
  throughput: ThroughputRow[];
  /** `{ __typename }` on the throughput gateway, same run. */
  helloWorld: { reqPerGatewayCpuSecond: number | null };
  /** Per operation over every level and round, against HelloWorld. */
  throughputRatios: ThroughputRatio[];
  /** Every throughput run, by operation, level and round. */
  throughputRounds: ThroughputReport[];
  addedLatency: AddedLatencyReport[];
  memory: GatewayMemory[];
  memoryChecks: TargetCheck[];
  /** With `--profile`: where the gateway's CPU went under the IssueStream load. */
  profile?: ProfileSummary;
  /** One line per operation (and one for memory): met, or what was missed. */
  verdicts: string[];
  allMet: boolean;
  /** The cache phase: warm against cold with `--cache-ttl` (`bench/cache.ts`). */
  cache?: CacheReport;
}

/** A number for the tables, or a dash when there is none. */
export const fmt = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

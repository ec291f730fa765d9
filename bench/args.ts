/** Flags of `npm run bench`. */
import { parseArgs } from 'node:util';
import { type BenchOptions, DEFAULT_OPTIONS } from './options.ts';
import type { Scale } from './processes.ts';

export const HELP = `Usage: npm run bench [-- options]

Starts a local Sentry (and one with latency 0 for throughput) and gateways in child processes,
runs every operation in schema/operations/ and reports REST calls, latency against the physical
limit, batching off side by side, throughput, the gateway's added latency, and memory.

Options:
  --latency-ms N     Upstream latency of the local Sentry                     [default: 25]
  --scale S          small, medium or large                                [default: large]
  --seed N           Seed of the data                                          [default: 1]
  --iterations N     Timed runs per operation and mode                        [default: 30]
  --warmup N         Untimed runs before timing                                [default: 5]
  --budget-ms N      Time budget of one timed series (stops after 5 runs)  [default: 15000]
  --concurrency L    Throughput concurrency levels, comma-separated      [default: 1,16,64]
  --duration-ms N    Length of one throughput run                           [default: 1500]
  --rounds N         Throughput passes (memory is compared across them)        [default: 3]
  --no-throughput    Skip throughput, added latency and memory
  --no-cache         Skip the cache phase (warm against cold with --cache-ttl)
  --cache-requests N Requests of each cache throughput run                  [default: 400]
  --profile          Also CPU-profile a gateway under the IssueStream load
                     (bench/results/profile/*.cpuprofile, summarised in the output)
  --only LIST        Only these operations (names or file names), comma-separated
  --out DIR          Where latest.json and latency.svg go          [default: bench/results]
  --no-write         Do not write results
  -h, --help         Show this help
`;

function integer(raw: string | undefined, flag: string, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new Error(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return Number(raw);
}

/** Parses the flags (exported for the smoke test). */
export function parseBenchArgs(args: string[]): Partial<BenchOptions> | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'latency-ms': { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      'budget-ms': { type: 'string' },
      concurrency: { type: 'string' },
      'duration-ms': { type: 'string' },
      rounds: { type: 'string' },
      'no-throughput': { type: 'boolean' },
      profile: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      'cache-requests': { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const scale = values.scale ?? DEFAULT_OPTIONS.scale;
  if (!['small', 'medium', 'large'].includes(scale)) {
    throw new Error(`--scale must be small, medium or large, got "${scale}"`);
  }
  const concurrencies = values.concurrency
    ? values.concurrency.split(',').map((level) => integer(level.trim(), '--concurrency', 1, 1))
    : DEFAULT_OPTIONS.concurrencies;
  const options: Partial<BenchOptions> = {
    scale: scale as Scale,
    seed: integer(values.seed, '--seed', DEFAULT_OPTIONS.seed),
    latencyMs: integer(values['latency-ms'], '--latency-ms', DEFAULT_OPTIONS.latencyMs),
    iterations: integer(values.iterations, '--iterations', DEFAULT_OPTIONS.iterations, 1),
    warmup: integer(values.warmup, '--warmup', DEFAULT_OPTIONS.warmup),
    budgetMs: integer(values['budget-ms'], '--budget-ms', DEFAULT_OPTIONS.budgetMs),
    concurrencies,
    throughputDurationMs: integer(
      values['duration-ms'],
      '--duration-ms',
      DEFAULT_OPTIONS.throughputDurationMs,
      100,
    ),
    rounds: integer(values.rounds, '--rounds', DEFAULT_OPTIONS.rounds, 1),
    throughput: !values['no-throughput'],
    cache: !values['no-cache'],
    cacheRequests: integer(
      values['cache-requests'],
      '--cache-requests',
      DEFAULT_OPTIONS.cacheRequests,
      1,
    ),
  };
  if (values.profile) options.profile = true;
  if (values.only) options.only = values.only.split(',').map((name) => name.trim());
  if (!values['no-write']) {
    options.outDir = values.out ?? new URL('./results/', import.meta.url).pathname;
  }
  return options;
}

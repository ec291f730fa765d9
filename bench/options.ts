/** The benchmark's options (`BenchOptions`) and their defaults, which the flags override. */
import type { Scale } from './processes.ts';

export interface BenchOptions {
  /** @default 'large' */
  scale: Scale;
  /** @default 1 */
  seed: number;
  /** Upstream latency of the main local Sentry. @default 25 */
  latencyMs: number;
  /** Timed runs per operation and mode. @default 30 */
  iterations: number;
  /** Untimed runs before timing. @default 5 */
  warmup: number;
  /** Time budget of one timed series; it stops early (after 5 runs at least). @default 15000 */
  budgetMs: number;
  /** Concurrency levels of the throughput runs. @default [1, 16, 64] */
  concurrencies: number[];
  /** Length of one throughput run. @default 1500 */
  throughputDurationMs: number;
  /** Throughput passes over every level; memory is compared across them. @default 3 */
  rounds: number;
  /** Run the throughput, added-latency and memory phase. @default true */
  throughput: boolean;
  /** Also take a CPU profile of a gateway under the IssueStream load (`bench/profile.ts`). */
  profile?: boolean;
  /** Run the cache phase (`bench/cache.ts`): warm against cold, cache on. @default true */
  cache: boolean;
  /** Requests of each cache throughput run (warm and cold). @default 400 */
  cacheRequests: number;
  /** Run only operations whose name or file is listed. */
  only?: string[];
  /** @default schema/operations */
  operationsDir: string;
  /** Writes `latest.json` and `latency.svg` there when set. */
  outDir?: string;
  /** Progress lines. @default console.info */
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  scale: 'large',
  seed: 1,
  latencyMs: 25,
  iterations: 30,
  warmup: 5,
  budgetMs: 15_000,
  concurrencies: [1, 16, 64],
  throughputDurationMs: 1_500,
  rounds: 3,
  throughput: true,
  cache: true,
  cacheRequests: 400,
  operationsDir: new URL('../schema/operations/', import.meta.url).pathname,
  log: (line) => console.info(line),
};

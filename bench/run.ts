/**
 * `npm run bench [-- flags]`: runs the benchmark, prints the markdown tables and one verdict
 * line per operation, and writes `bench/results/latest.json` and `bench/results/latency.svg`.
 * Exit code 0 whether or not targets were met (misses are printed); 1 when the run failed.
 */
import { mkdir } from 'node:fs/promises';
import { HELP, parseBenchArgs } from './args.ts';
import { renderCacheMarkdown } from './cache.ts';
import { runBench } from './harness.ts';
import type { BenchOptions } from './options.ts';
import { interruption } from './processes.ts';
import { renderMarkdown } from './report-markdown.ts';

async function main(): Promise<number> {
  let options: Partial<BenchOptions> | 'help';
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (options.outDir) await mkdir(options.outDir, { recursive: true });
  const report = await runBench(options);
  console.info(`\n${renderMarkdown(report)}`);
  if (report.cache) console.info(renderCacheMarkdown(report.cache));
  if (options.outDir) {
    console.info(`Results: ${options.outDir}latest.json, ${options.outDir}latency.svg`);
  }
  console.info(
    `Whole run: ${(report.durationMs / 1000).toFixed(1)} s; ${report.allMet ? 'every target met' : 'some targets MISSED (see above)'}.`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const signal = interruption();
    if (signal) {
      console.error(`bench: interrupted by ${signal}`);
      process.exitCode = 130;
      return;
    }
    console.error(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);

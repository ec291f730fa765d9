/**
 * `npm run fuzz -- [--cases N] [--seed N] [--concurrency N] [--fail-rate R]`: the longer run of
 * the fuzz test (test/integration/fuzz-entities.test.ts), same generator and checks, against a
 * gateway in a child process over the embedded Sentry. Exits 1 when any case failed or the
 * gateway process died.
 */
import { parseArgs } from 'node:util';
import { runFuzz, summarise } from '../test/helpers/fuzz-run.ts';
import { startFuzzTarget } from '../test/helpers/fuzz-target.ts';

const USAGE =
  'Usage: npm run fuzz -- [--cases N] [--seed N] [--concurrency N] [--fail-rate R] [--failures N]';

function number(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) {
    console.error(`${name} must be a number from 0 to ${max}\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'fail-rate': { type: 'string' },
      failures: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values['help']) {
  console.info(USAGE);
  process.exit(0);
}
const str = (name: string) => values[name] as string | undefined;
const cases = Math.floor(number(str('cases'), '--cases', 20_000, 10_000_000));
const seed = Math.floor(number(str('seed'), '--seed', 1, 2 ** 32 - 1));
const concurrency = Math.max(1, Math.floor(number(str('concurrency'), '--concurrency', 8, 256)));
const failRate = number(str('fail-rate'), '--fail-rate', 0, 1);
const maxFailures = Math.floor(number(str('failures'), '--failures', 20, 100_000));

const started = Date.now();
const target = await startFuzzTarget();
let failed = true;
try {
  console.info(
    `fuzz: seed ${seed}, ${cases} cases, ${concurrency} in flight, fail rate ${failRate}`,
  );
  const report = await runFuzz(target, {
    seed,
    cases,
    concurrency,
    failRate,
    maxFailures,
    progressEvery: 1000,
    onProgress: (done) => console.info(`  ${done} cases`),
  });
  console.info(summarise(report));
  for (const failure of report.failures) {
    console.error(`\ncase ${failure.index} (${failure.case.kind}, ${failure.case.identity}):`);
    for (const problem of failure.problems) console.error(`  ${problem}`);
    console.error(`  ${JSON.stringify(failure.case.request ?? failure.case.http)}`);
  }
  if (report.processProblem) console.error(`\n${report.processProblem}`);
  failed = report.failures.length > 0 || report.processProblem !== undefined;
  console.info(
    `fuzz: ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await target.stop();
}
process.exit(failed ? 1 : 0);

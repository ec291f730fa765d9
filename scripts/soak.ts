/**
 * `npm run soak [-- flags]`: the 10,000-operation soak (see scripts/soak/harness.ts). Prints the
 * figures as markdown; exit code 0 when every check passed, 1 when one failed or the run broke,
 * 2 on a bad flag.
 */
import { parseSoakArgs, SOAK_HELP, type SoakOptions } from './soak/args.ts';
import { renderSoakReport, runSoak } from './soak/harness.ts';

async function main(): Promise<number> {
  let options: Partial<SoakOptions> | 'help';
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`soak: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(SOAK_HELP);
    return 0;
  }
  const report = await runSoak(options);
  console.info(`\n${renderSoakReport(report)}`);
  return report.failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`soak: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);

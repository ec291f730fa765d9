/** Flags of `npm run soak`. */
import { parseArgs } from 'node:util';
import type { Scale } from '../../bench/processes.ts';

export interface SoakOptions {
  operations: number;
  failRate: number;
  concurrency: number;
  seed: number;
  scale: Scale;
  latencyMs: number;
  /** Progress lines. */
  log: (line: string) => void;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  operations: 10_000,
  failRate: 0.2,
  concurrency: 16,
  seed: 1,
  scale: 'small',
  latencyMs: 0,
  log: (line) => console.info(line),
};

export const SOAK_HELP = `Usage: npm run soak [-- options]

Starts the embedded Sentry and the gateway (compiled) in child processes and sends the soak's
operation mix (every query and mutation of schema/operations/, at both organizations) while
the embedded Sentry answers a share of requests with faults. Prints outcomes, error codes,
upstream calls, writes sent against writes seen, HTTP 5xx, untyped errors and the gateway's
memory; exits 1 when a 5xx, an untyped error or a repeated write is seen.

Options:
  --operations N   Operations to send                                         [default: ${DEFAULT_SOAK_OPTIONS.operations}]
  --fail-rate R    Share of upstream requests (0..1) answered with a fault    [default: ${DEFAULT_SOAK_OPTIONS.failRate}]
  --concurrency C  Operations in flight                                       [default: ${DEFAULT_SOAK_OPTIONS.concurrency}]
  --seed N         Seed of the data, the faults and the order of operations   [default: ${DEFAULT_SOAK_OPTIONS.seed}]
  --scale S        small, medium or large                                     [default: ${DEFAULT_SOAK_OPTIONS.scale}]
  --latency-ms N   Upstream latency of the embedded Sentry, in ms             [default: ${DEFAULT_SOAK_OPTIONS.latencyMs}]
  -h, --help       Show this help
`;

function integer(raw: string | undefined, flag: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new Error(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return Number(raw);
}

/** Parses the flags; throws an Error with a one-line message on a bad one. */
export function parseSoakArgs(args: string[]): Partial<SoakOptions> | 'help' {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      operations: { type: 'string' },
      'fail-rate': { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  const d = DEFAULT_SOAK_OPTIONS;
  const failRateRaw = values['fail-rate'];
  const failRate = failRateRaw === undefined ? d.failRate : Number(failRateRaw);
  if (
    failRateRaw !== undefined &&
    (failRateRaw.trim() === '' || !(failRate >= 0 && failRate <= 1))
  ) {
    throw new Error(`--fail-rate must be a number between 0 and 1, got "${failRateRaw}"`);
  }
  const scale = values.scale ?? d.scale;
  if (scale !== 'small' && scale !== 'medium' && scale !== 'large') {
    throw new Error(`--scale must be small, medium or large, got "${scale}"`);
  }
  return {
    operations: integer(values.operations, '--operations', d.operations, 1),
    failRate,
    concurrency: integer(values.concurrency, '--concurrency', d.concurrency, 1),
    seed: integer(values.seed, '--seed', d.seed, 0),
    scale,
    latencyMs: integer(values['latency-ms'], '--latency-ms', d.latencyMs, 0),
  };
}

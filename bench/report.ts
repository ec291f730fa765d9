/**
 * The benchmark's results: their shape (`bench/results/latest.json`), the target checks, the
 * markdown tables printed at the end, and the latency chart (`bench/results/latency.svg`).
 */
import type { LatencySummary, RestCount, ThroughputResult } from './measure.ts';
import type { BenchOperation } from './operations.ts';
import { type ProfileSummary, renderProfile } from './profile.ts';
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
}

const fmt = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** Checks one operation's results against the targets. */
export function checkOperation(
  operation: Omit<OperationResult, 'checks' | 'met'>,
): Pick<OperationResult, 'checks' | 'met'> {
  const checks: TargetCheck[] = [];
  const batched = operation.batched;
  if (operation.skipped !== undefined || !batched) return { checks, met: true };
  const problem = batched.error ?? batched.restCalls.problem;
  if (problem !== undefined) {
    checks.push({ target: 'errors', met: false, detail: `answered with an error: ${problem}` });
  }
  const calls = batched.restCalls.calls;
  checks.push({
    target: 'rest-calls',
    met: calls === operation.minRestCalls,
    detail: `REST calls ${calls} ${calls === operation.minRestCalls ? '=' : '≠'} minimum ${operation.minRestCalls}`,
  });
  const waves = operation.observedWaves?.length;
  if (waves !== undefined && calls > 0) {
    checks.push({
      target: 'waves',
      met: waves === operation.criticalPath,
      detail: `waves ${waves} ${waves === operation.criticalPath ? '=' : '≠'} critical path ${operation.criticalPath}`,
    });
  }
  const p50 = batched.latency?.p50;
  checks.push({
    target: 'latency',
    met: p50 !== undefined && p50 <= operation.targetP50Ms,
    detail: `p50 ${fmt(p50, 2)} ms ${p50 !== undefined && p50 <= operation.targetP50Ms ? '≤' : '>'} ${fmt(operation.targetP50Ms, 2)} ms (1.10 × ${operation.criticalPath} × latency + 3)`,
  });
  if (operation.listHeavy) {
    const noBatch = operation.noBatch;
    if (!noBatch || noBatch.error !== undefined) {
      checks.push({
        target: 'no-batch',
        met: false,
        detail: `no-batch not measured: ${noBatch?.error ?? 'mode unavailable'}`,
      });
    } else {
      const ratio = noBatch.restCalls.calls / Math.max(1, calls);
      checks.push({
        target: 'no-batch',
        met: ratio >= TARGETS.noBatchFactor,
        detail: `no-batch ${noBatch.restCalls.calls} calls = ${fmt(ratio)}× ${ratio >= TARGETS.noBatchFactor ? '≥' : '<'} ${TARGETS.noBatchFactor}×`,
      });
    }
  }
  return { checks, met: checks.every((check) => check.met) };
}

/** Checks the gateway's memory: peak under the limit at the highest concurrency, no growth. */
export function checkMemory(memory: GatewayMemory | undefined): TargetCheck[] {
  if (!memory) return [];
  const checks: TargetCheck[] = [];
  const peak = memory.peakAtMaxConcurrencyMb ?? memory.peakMb;
  if (peak !== undefined) {
    checks.push({
      target: 'memory',
      met: peak < TARGETS.maxGatewayRssMb,
      detail: `${memory.label}: peak RSS ${fmt(peak)} MB ${peak < TARGETS.maxGatewayRssMb ? '<' : '≥'} ${TARGETS.maxGatewayRssMb} MB under load (VmHWM over its life ${fmt(memory.peakMb)} MB)`,
    });
  }
  const first = memory.roundsMb[0];
  const last = memory.roundsMb.at(-1);
  if (first !== undefined && last !== undefined && memory.roundsMb.length > 1) {
    const growth = last - first;
    const allowed = Math.max(TARGETS.maxRssGrowthMb, TARGETS.maxRssGrowthShare * first);
    checks.push({
      target: 'memory',
      met: growth <= allowed,
      detail: `${memory.label}: RSS after each round ${memory.roundsMb.map((mb) => fmt(mb)).join(' → ')} MB (growth ${fmt(growth)} MB ${growth <= allowed ? '≤' : '>'} ${fmt(allowed)} MB allowed); before ${fmt(memory.beforeMb)} MB, after ${fmt(memory.afterMb)} MB`,
    });
  }
  return checks;
}

/** One line per operation: met or missed, and why. */
export function verdictLine(operation: OperationResult): string {
  if (operation.skipped !== undefined) return `- ${operation.name}: skipped (${operation.skipped})`;
  const missed = operation.checks.filter((check) => !check.met);
  const all = operation.checks.map((check) => check.detail).join('; ');
  return missed.length === 0
    ? `- ${operation.name}: met all targets (${all})`
    : `- ${operation.name}: MISSED ${missed.map((check) => check.target).join(', ')} (${all})`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The markdown printed at the end of a run (and pasted into the README). */
export function renderMarkdown(report: BenchReport): string {
  const { settings, machine } = report;
  const parts: string[] = [];
  parts.push(
    `Scale \`${settings.scale}\` (seed ${settings.seed}), upstream latency ${settings.latencyMs} ms, ` +
      `${settings.iterations} timed runs per operation after ${settings.warmup} warm-up runs; ` +
      `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load average ` +
      `${fmt(machine.loadAverageStart, 2)} → ${fmt(machine.loadAverageEnd, 2)}; ` +
      `whole run ${fmt(report.durationMs / 1000)} s.` +
      (settings.gatewayRuntime ? ` Gateways: ${settings.gatewayRuntime}.` : ''),
  );
  parts.push(
    table(
      [
        'Operation',
        'REST calls (min)',
        'No-batch calls',
        'Critical path',
        'Limit ms',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'Direct REST p50 ms',
        'No-batch p50 ms',
        'Targets',
      ],
      report.operations.map((op) => {
        if (op.skipped !== undefined) {
          return [op.name, '–', '–', '–', '–', '–', '–', '–', '–', '–', `skipped: ${op.skipped}`];
        }
        const calls = op.batched?.restCalls.calls;
        const noBatch = op.noBatch?.error === undefined ? op.noBatch : undefined;
        const ratio =
          noBatch && calls !== undefined ? noBatch.restCalls.calls / Math.max(1, calls) : undefined;
        return [
          `${op.name}${op.listHeavy ? ' (list-heavy)' : ''}`,
          `${calls ?? '–'} (${op.minRestCalls})`,
          noBatch ? `${noBatch.restCalls.calls} (${fmt(ratio)}×)` : '–',
          `${op.criticalPath}${op.observedWaves && op.observedWaves.length !== op.criticalPath ? ` (gateway: ${op.observedWaves.length})` : ''}`,
          fmt(op.limitMs, 0),
          fmt(op.batched?.latency?.p50),
          fmt(op.batched?.latency?.p95),
          fmt(op.batched?.latency?.p99),
          fmt(op.direct?.p50),
          fmt(noBatch?.latency?.p50),
          op.met
            ? 'met'
            : `missed: ${op.checks
                .filter((c) => !c.met)
                .map((c) => c.target)
                .join(', ')}`,
        ];
      }),
    ),
  );
  parts.push(
    'REST calls: measured through `/_local/stats` (the minimum in brackets). No-batch: the same ' +
      'operation on a `serve --no-batch` gateway (batch size 1, no priming, nothing answered from ' +
      'data a parent embeds). Critical path: REST calls that must wait on each other (the chain the ' +
      'gateway took, in brackets, when it differs). Limit: critical path × upstream latency. Direct ' +
      'REST: the same calls made directly with undici, each started once the calls that ended ' +
      'before it in the recording have ended.',
  );
  if (report.throughputRounds.length > 0) {
    const levels = settings.concurrencies;
    parts.push(
      `Throughput at upstream latency 0 (requests/s, mean of ${settings.rounds} round(s) of ` +
        `${fmt(settings.throughputDurationMs / 1000)} s per level), and the gateway's added ` +
        'latency at concurrency 1 against the same REST calls made directly with undici:',
    );
    parts.push(
      table(
        [
          'Operation',
          ...levels.map((c) => `c=${c} req/s`),
          `p50 ms @c=${levels.at(-1)}`,
          'Errors',
          'Gateway CPU ms/req',
          'Req per gateway CPU-s',
          '× { __typename }',
          'Upstream CPU ms/req',
          'Gateway p50 ms',
          'Direct REST p50 ms',
          'Added p50 ms',
        ],
        report.throughputRounds.map((entry) => {
          const added = report.addedLatency.find((a) => a.operation === entry.operation);
          const ratio = report.throughputRatios.find((r) => r.operation === entry.operation);
          const at = (c: number) => entry.runs.filter((run) => run.concurrency === c);
          const mean = (values: number[]) =>
            values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
          const top = levels.at(-1) ?? 1;
          return [
            entry.operation,
            ...levels.map((c) => fmt(mean(at(c).map((run) => run.rps)))),
            fmt(mean(at(top).map((run) => run.latency.p50))),
            String(entry.runs.reduce((sum, run) => sum + run.errors, 0)),
            fmt(mean(entry.runs.flatMap((run) => run.gatewayCpuMsPerRequest ?? [])), 2),
            fmt(
              ratio?.reqPerGatewayCpuSecond ??
                report.helloWorld.reqPerGatewayCpuSecond ??
                undefined,
              0,
            ),
            ratio ? fmt(ratio.ratioToHelloWorld ?? undefined, 2) : '1',
            fmt(mean(entry.runs.flatMap((run) => run.upstreamCpuMsPerRequest ?? [])), 2),
            fmt(added?.gateway.p50, 2),
            fmt(added?.direct.p50, 2),
            fmt(added?.addedP50Ms, 2),
          ];
        }),
      ),
    );
  }
  if (report.memory.length > 0) {
    parts.push(
      table(
        ['Gateway process', 'RSS before MB', 'RSS per round MB', 'RSS after MB', 'Peak RSS MB'],
        report.memory.map((m) => [
          m.label,
          fmt(m.beforeMb),
          m.roundsMb.map((mb) => fmt(mb)).join(' → ') || '–',
          fmt(m.afterMb),
          fmt(m.peakAtMaxConcurrencyMb ?? m.peakMb),
        ]),
      ),
    );
  }
  if (report.profile) parts.push(renderProfile(report.profile));
  parts.push(report.verdicts.join('\n'));
  return `${parts.join('\n\n')}\n`;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A step for axis ticks: 1, 2 or 5 × 10^n, giving about `count` ticks up to `max`. */
function tickStep(max: number, count: number): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
  return step ?? raw;
}

/**
 * A hand-written SVG: per operation, p50 and p95 bars (batching on) against the physical limit
 * (solid line) and the p50 target (dashed line).
 */
export function renderLatencySvg(report: BenchReport): string {
  const rows = report.operations.filter((op) => op.skipped === undefined && op.batched?.latency);
  const labelWidth = 190;
  const plotWidth = 560;
  const rowHeight = 34;
  const top = 58;
  const legendHeight = 44;
  const height = top + rows.length * rowHeight + 30 + legendHeight;
  const width = labelWidth + plotWidth + 40;
  const max = Math.max(
    1,
    ...rows.flatMap((op) => [op.batched?.latency?.p95 ?? 0, op.targetP50Ms, op.limitMs]),
  );
  const step = tickStep(max, 6);
  const axisMax = Math.ceil(max / step) * step;
  const x = (ms: number) => labelWidth + (Math.min(ms, axisMax) / axisMax) * plotWidth;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${labelWidth}" y="22" font-size="15" font-weight="600" fill="#1f2328">Latency per operation against the physical limit</text>`,
    `<text x="${labelWidth}" y="40" fill="#59636e">${escapeXml(`upstream latency ${report.settings.latencyMs} ms, scale ${report.settings.scale}, batching on, ${report.settings.iterations} runs; a red name missed a target`)}</text>`,
  );
  const plotBottom = top + rows.length * rowHeight;
  for (let tick = 0; tick <= axisMax + 1e-9; tick += step) {
    const tx = x(tick).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${plotBottom}" stroke="#eaeef2"/>`,
      `<text x="${tx}" y="${plotBottom + 16}" text-anchor="middle" fill="#59636e">${fmt(tick, 0)}</text>`,
    );
  }
  out.push(
    `<text x="${labelWidth + plotWidth}" y="${plotBottom + 30}" text-anchor="end" fill="#59636e">ms</text>`,
  );
  rows.forEach((op, index) => {
    const y = top + index * rowHeight;
    const p50 = op.batched?.latency?.p50 ?? 0;
    const p95 = op.batched?.latency?.p95 ?? 0;
    const colour = op.met ? '#1a7f37' : '#cf222e';
    out.push(
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" fill="${colour}">${escapeXml(op.name)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${(x(p95) - labelWidth).toFixed(1)}" height="10" fill="#9ecbff"><title>p95 ${fmt(p95)} ms</title></rect>`,
      `<rect x="${labelWidth}" y="${y + 15}" width="${(x(p50) - labelWidth).toFixed(1)}" height="10" fill="#0969da"><title>p50 ${fmt(p50)} ms</title></rect>`,
      `<line x1="${x(op.limitMs).toFixed(1)}" y1="${y + 1}" x2="${x(op.limitMs).toFixed(1)}" y2="${y + 28}" stroke="#1f2328" stroke-width="2"><title>limit ${fmt(op.limitMs, 0)} ms (critical path ${op.criticalPath})</title></line>`,
      `<line x1="${x(op.targetP50Ms).toFixed(1)}" y1="${y + 1}" x2="${x(op.targetP50Ms).toFixed(1)}" y2="${y + 28}" stroke="#bf8700" stroke-width="2" stroke-dasharray="3 2"><title>p50 target ${fmt(op.targetP50Ms)} ms</title></line>`,
      `<text x="${Math.min(x(p95) + 6, labelWidth + plotWidth - 2).toFixed(1)}" y="${y + 13}" fill="#59636e" font-size="10">${fmt(p95)}</text>`,
      `<text x="${Math.min(x(p50) + 6, labelWidth + plotWidth - 2).toFixed(1)}" y="${y + 24}" fill="#1f2328" font-size="10">${fmt(p50)}</text>`,
    );
  });
  const ly = plotBottom + 44;
  const legend: [string, string][] = [
    ['<rect width="14" height="10" fill="#0969da"/>', 'p50'],
    ['<rect width="14" height="10" fill="#9ecbff"/>', 'p95'],
    ['<line x1="7" y1="-2" x2="7" y2="12" stroke="#1f2328" stroke-width="2"/>', 'limit'],
    [
      '<line x1="7" y1="-2" x2="7" y2="12" stroke="#bf8700" stroke-width="2" stroke-dasharray="3 2"/>',
      'p50 target (1.10 × limit + 3 ms)',
    ],
  ];
  let lx = labelWidth;
  for (const [shape, text] of legend) {
    out.push(
      `<g transform="translate(${lx},${ly})">${shape}<text x="20" y="10" fill="#1f2328">${escapeXml(text)}</text></g>`,
    );
    lx += 40 + text.length * 6.5;
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

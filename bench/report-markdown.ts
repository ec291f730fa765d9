/** The markdown tables printed at the end of a benchmark run (and pasted into the README). */
import { renderProfile } from './profile.ts';
import { type BenchReport, fmt } from './report.ts';

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

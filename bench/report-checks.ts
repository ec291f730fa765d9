/** The benchmark's target checks: per operation, the gateway's memory, and a verdict line. */
import {
  fmt,
  type GatewayMemory,
  type OperationResult,
  TARGETS,
  type TargetCheck,
} from './report.ts';

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

/** The benchmark's latency chart (`bench/results/latency.svg`), a hand-written SVG. */
import { type BenchReport, fmt } from './report.ts';

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

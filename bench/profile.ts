/**
 * `npm run bench -- --profile`: a CPU profile of a gateway under the IssueStream load, and a
 * summary of where its busy time went. The gateway runs with Node's own `--cpu-prof` (V8's
 * sampling profiler, written when the process exits), so the profile opens as it is in Chrome
 * DevTools (Performance → Load profile) or https://www.speedscope.app.
 *
 * The buckets group self time by where the code lives (the package, or the gateway's own layer);
 * `(garbage collector)` is V8's own node. Idle and `(program)` time is left out of the shares.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled time not idle, in ms. */
  busyMs: number;
  buckets: { bucket: string; ms: number; share: number }[];
  /** The functions with the most self time. */
  top: { fn: string; where: string; ms: number; share: number }[];
}

/** Where a frame's self time goes; the first rule that matches wins. */
const BUCKETS: [string, (url: string, fn: string) => boolean][] = [
  ['garbage collection', (_, fn) => fn === '(garbage collector)'],
  ['JSON.parse / stringify', (url, fn) => url === '' && (fn === 'parse' || fn === 'stringify')],
  [
    'Node HTTP server, sockets, streams, events',
    (url, fn) =>
      /^node:(internal\/)?(_?http|net|streams?|stream_base|events|buffer|internal\/http)/.test(
        url,
      ) ||
      (url === '' &&
        /^(writev|writeLatin1String|writeUtf8String|writeString|writeBuffer)$/.test(fn)),
  ],
  ['URL parsing (node:url)', (url) => url.startsWith('node:internal/url')],
  [
    'promises and microtasks',
    (url, fn) =>
      (url === '' && fn === 'runMicrotasks') || url.startsWith('node:internal/process/task_queues'),
  ],
  [
    'Yoga / envelop / whatwg-node',
    (url) => /node_modules\/(graphql-yoga|@graphql-yoga|@envelop|@whatwg-node)\//.test(url),
  ],
  [
    'graphql execution (graphql-js, @graphql-tools)',
    (url) => /node_modules\/(graphql|@graphql-tools\/[^/]+)\//.test(url),
  ],
  ['Pothos wrappers', (url) => url.includes('node_modules/@pothos/')],
  ['Apollo federation', (url) => url.includes('node_modules/@apollo/')],
  ['undici (HTTP client)', (url) => url.includes('node_modules/undici/')],
  ['dataloader', (url) => url.includes('node_modules/dataloader/')],
  ['logs and metrics (pino, prom-client)', (url) => /node_modules\/(pino|prom-client)/.test(url)],
  ['other packages', (url) => url.includes('node_modules/') && !url.includes('/.cache/')],
  ['gateway: sentry/ (client, transport)', (url) => url.includes('/sentry/')],
  ['gateway: loaders/', (url) => url.includes('/loaders/')],
  ['gateway: graph/', (url) => url.includes('/graph/')],
  ['gateway: server and observability', (url) => /\.cache\/.*\.js$/.test(url)],
  ['other Node internals', (url) => url.startsWith('node:')],
  ['V8 builtins and native', () => true],
];

const NOT_BUSY = new Set(['(idle)', '(program)', '(root)']);

/**
 * Reads the newest `.cpuprofile` in `dir` and sums its self time by bucket and by function,
 * counting only samples inside `window` (µs of the monotonic clock, `process.hrtime`, which V8's
 * sample timestamps also use on Linux) when given: the load, not start-up or shutdown.
 */
export function summarizeProfile(
  dir: string,
  window?: { startUs: number; endUs: number },
  topN = 15,
): ProfileSummary {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  const file = files.at(-1);
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    at += deltaUs;
    if (window && (at < window.startUs || at > window.endUs)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + deltaUs / 1000);
  });
  const buckets = new Map<string, number>();
  const functions = new Map<string, { fn: string; where: string; ms: number }>();
  let busyMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node || NOT_BUSY.has(node.callFrame.functionName)) continue;
    busyMs += ms;
    const { url, functionName, lineNumber } = node.callFrame;
    const bucket = BUCKETS.find(([, test]) => test(url, functionName))?.[0] ?? 'other';
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    const where = url === '' ? '(native)' : `${shortUrl(url)}:${lineNumber + 1}`;
    const key = `${functionName} ${where}`;
    const entry = functions.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  const share = (ms: number) => Math.round((ms / Math.max(busyMs, 1e-9)) * 1000) / 10;
  const ms1 = (ms: number) => Math.round(ms * 10) / 10;
  return {
    file: join(dir, file),
    busyMs: ms1(busyMs),
    buckets: [...buckets]
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, ms]) => ({ bucket, ms: ms1(ms), share: share(ms) })),
    top: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN)
      .map((entry) => ({ ...entry, ms: ms1(entry.ms), share: share(entry.ms) })),
  };
}

/** `…/node_modules/graphql/execution/execute.js` → `graphql/execution/execute.js`. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0)
    return url
      .slice(modules + 'node_modules/'.length)
      .replace(/^\.cache\/sentry-graphql-bench\/[^/]+\//, '');
  return url.replace(/^file:\/\//, '');
}

/** The summary as markdown tables. */
export function renderProfile(summary: ProfileSummary): string {
  const rows = (cells: string[][]) => cells.map((c) => `| ${c.join(' | ')} |`).join('\n');
  return [
    `CPU profile of the gateway under the IssueStream load: ${summary.file} (${summary.busyMs} ms busy).`,
    '',
    '| Bucket | Self ms | Share of busy time |',
    '| --- | --- | --- |',
    rows(summary.buckets.map((b) => [b.bucket, b.ms.toFixed(1), `${b.share.toFixed(1)} %`])),
    '',
    '| Function (self time) | Where | Self ms | Share |',
    '| --- | --- | --- | --- |',
    rows(summary.top.map((t) => [t.fn, t.where, t.ms.toFixed(1), `${t.share.toFixed(1)} %`])),
  ].join('\n');
}

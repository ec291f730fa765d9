/**
 * Child processes of the benchmark: the embedded Sentry (`local-sentry`) and gateways (`serve`),
 * each started through the real CLI on a free loopback port, waited on until they print their
 * URL, sampled for memory through `/proc/<pid>/status`, and stopped on the way out: at the end,
 * on an error, and on SIGINT/SIGTERM.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/sentry-graphql.js');

export type Scale = 'small' | 'medium' | 'large';

/** A running child server. */
export interface ChildServer extends AsyncDisposable {
  /** What it is, for messages: e.g. `gateway (no batching)`. */
  label: string;
  /** Base URL (local Sentry) or GraphQL endpoint (gateway), on 127.0.0.1. */
  url: string;
  pid: number;
  /** Resident memory now and at its peak, in KiB; undefined when `/proc` is unavailable. */
  memory(): MemorySample | undefined;
  /** CPU time (user + system) the process has used so far, in ms; undefined without `/proc`. */
  cpuMs(): number | undefined;
  /** SIGTERM, then SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

export interface MemorySample {
  /** VmRSS in KiB. */
  rssKb: number;
  /** VmHWM (peak RSS since start) in KiB. */
  peakKb: number;
}

export interface LocalSentryProcessOptions {
  scale: Scale;
  latencyMs: number;
  seed?: number;
  token?: string;
  /** More tokens it accepts (repeated `--token`). */
  tokens?: string[];
}

export interface GatewayProcessOptions {
  /** Base URL of the upstream Sentry. */
  upstream: string;
  /** `false` starts the gateway with `--no-batch`. */
  batching: boolean;
  label?: string;
  /** Script that runs the CLI (`compileGateway().entry`). @default bin/sentry-graphql.js (tsx) */
  entry?: string;
  /** Node options before the script (`compileGateway().execArgv`). @default none */
  execArgv?: string[];
  /** More `serve` flags (`--no-metrics`, `--log-level silent`). @default none */
  args?: string[];
  /** More environment variables (`OTEL_EXPORTER_OTLP_ENDPOINT`). @default none */
  env?: Record<string, string>;
}

/**
 * V8 heap limit of the compiled gateway, as a deployment would set it. Without one, V8 derives
 * the limit from the machine's memory (4 GB on a 24 GB host) and then lets the old generation
 * grow to about 4× the live heap before collecting: at concurrency 64 the live heap stays near
 * 50 MB, yet RSS reached 260-280 MB of garbage awaiting a mark-compact. With 512 MB (10× the live
 * heap) V8 grows the heap by less than 2× and RSS stays near 160 MB at the same throughput.
 */
export const GATEWAY_MAX_OLD_SPACE_MB = 512;

/** The gateway compiled to JavaScript, and the script that runs its CLI. */
export interface CompiledGateway extends AsyncDisposable {
  /** Runs `main(argv)` of the compiled `cli.js`, as `bin/sentry-graphql.js` does for the sources. */
  entry: string;
  /** Node options the compiled gateway runs with (its heap limit). */
  execArgv: string[];
  /** Deletes the compiled files. */
  remove(): void;
}

/**
 * Compiles `src/` with `tsc -p tsconfig.build.json` into a fresh directory, so that the measured
 * gateway runs plain JavaScript as in production, without tsx's loader and transform cache in its
 * memory (about 30 MB of RSS). The directory sits under `node_modules/.cache/` so that the compiled
 * files resolve the project's dependencies, and gets a `package.json` saying they are ES modules.
 * `source` compiles another checkout instead (an earlier commit, for a before/after run).
 */
export async function compileGateway(source = ROOT): Promise<CompiledGateway> {
  const parent = join(ROOT, 'node_modules/.cache/sentry-graphql-bench');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'gateway-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(source, 'tsconfig.build.json'), '--outDir', dir],
      { cwd: source, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: Error & { stdout?: string }) => {
      // Type errors elsewhere still emit; only a missing CLI is fatal (checked below).
      console.error(
        `bench: tsc reported errors, using its output anyway: ${lastLine(error.stdout ?? error.message)}`,
      );
    });
    readFileSync(join(dir, 'cli.js'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const entry = join(dir, 'run-cli.js');
    writeFileSync(
      entry,
      "import { main } from './cli.js';\n\nprocess.exitCode = await main(process.argv.slice(2));\n",
    );
    return {
      entry,
      execArgv: [`--max-old-space-size=${GATEWAY_MAX_OLD_SPACE_MB}`],
      remove,
      [Symbol.asyncDispose]: async () => remove(),
    };
  } catch (error) {
    remove();
    throw error;
  }
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 3_000;

const running = new Set<ChildProcess>();
let hooksInstalled = false;
let interruptedBy: NodeJS.Signals | undefined;

/** The signal that interrupted the benchmark, if one did (its children are being stopped). */
export function interruption(): NodeJS.Signals | undefined {
  return interruptedBy;
}

/** Kills every child still running, synchronously (process exit, signals). */
function killAll(signal: NodeJS.Signals): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

/** Makes sure no child outlives the benchmark, however it ends. */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', () => killAll('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interruptedBy = signal;
      console.error(`\nbench: ${signal}, stopping ${running.size} child process(es)`);
      killAll('SIGTERM');
      setTimeout(() => {
        killAll('SIGKILL');
        process.exit(130);
      }, 500).unref();
      process.exitCode = 130;
    });
  }
}

/** Reads VmRSS and VmHWM of `pid` from `/proc` (Linux). */
export function readMemory(pid: number): MemorySample | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const rssKb = field('VmRSS');
  const peakKb = field('VmHWM');
  return rssKb === undefined || peakKb === undefined ? undefined : { rssKb, peakKb };
}

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Reads user + system CPU time of `pid` from `/proc/<pid>/stat` (Linux), in ms. */
export function readCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Spawns `node bin/sentry-graphql.js <args>` (or another `entry`) and resolves once a line of its stdout matches
 * `ready` (the first capture group is the URL).
 */
async function spawnServer(
  label: string,
  args: string[],
  ready: RegExp,
  entry = CLI,
  execArgv: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<ChildServer> {
  installExitHooks();
  const child = spawn(process.execPath, [...execArgv, entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      fail(new Error(`${label} printed no URL within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      // Matched before the tail is trimmed: a server that prints a thousand tokens after its
      // URL in one chunk pushed the URL line out of the kept 8,000 characters (the cache phase
      // starts one with 1,070 tokens; it failed to start once that way).
      const text = output + chunk.toString('utf8');
      output = text.slice(-8_000);
      const match = ready.exec(text);
      if (match?.[1] !== undefined) {
        cleanup();
        resolve(match[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      fail(
        new Error(
          `${label} exited before it was ready (${signal ?? `code ${code}`}): ${lastLine(output)}`,
        ),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    function fail(error: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
  // Keep draining the pipes so a chatty child never blocks on a full buffer.
  child.stdout?.resume();
  child.stderr?.resume();
  const pid = child.pid ?? -1;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return {
    label,
    url,
    pid,
    memory: () => readMemory(pid),
    cpuMs: () => readCpuMs(pid),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function lastLine(output: string): string {
  const lines = output.trim().split('\n');
  return lines.at(-1)?.trim() || '(no output)';
}

/** Starts `sentry-graphql local-sentry` on a free port; no rate limit gets in the way. */
export function startLocalSentryProcess(options: LocalSentryProcessOptions): Promise<ChildServer> {
  const args = [
    'local-sentry',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--scale',
    options.scale,
    '--latency-ms',
    String(options.latencyMs),
    '--seed',
    String(options.seed ?? 1),
    // The gateway's own per-token limit (16 in flight) is what the benchmark should see, not 429s.
    '--rate-limit',
    '100000000',
    '--concurrent-limit',
    '10000',
  ];
  if (options.token !== undefined) args.push('--token', options.token);
  for (const token of options.tokens ?? []) args.push('--token', token);
  return spawnServer(
    `local-sentry (${options.scale}, ${options.latencyMs} ms)`,
    args,
    /listening on (http:\/\/\S+)/,
  );
}

/** Starts `sentry-graphql serve --upstream <url>` on a free port. */
export function startGatewayProcess(options: GatewayProcessOptions): Promise<ChildServer> {
  const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--upstream', options.upstream];
  if (!options.batching) args.push('--no-batch');
  args.push(...(options.args ?? []));
  return spawnServer(
    options.label ?? (options.batching ? 'gateway' : 'gateway (no batching)'),
    args,
    /gateway: (http:\/\/\S+\/graphql)/,
    options.entry,
    options.execArgv,
    options.env,
  );
}

/** Stops every server given, in parallel, ignoring the ones already stopped. */
export async function stopAll(servers: readonly (ChildServer | undefined)[]): Promise<void> {
  await Promise.all(servers.map((server) => server?.stop()));
}

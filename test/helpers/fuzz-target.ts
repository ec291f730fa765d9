/** The fuzz target: a gateway in a child process (`fuzz-server.ts`), started and stopped. */

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./fuzz-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The gateway child process. */
export interface FuzzTarget extends AsyncDisposable {
  gateway: string;
  sentry: string;
  tokens: { valid: string; limited: string };
  child: ChildProcess;
  /** Everything the child wrote to stderr (and stdout after its ready line). */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts `fuzz-server.ts` in its own Node process and waits for its ready line. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = once(child, 'exit');
  const alive = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + 60_000;
  let ready: { gateway: string; sentry: string; tokens: FuzzTarget['tokens'] } | undefined;
  while (!ready) {
    const line = stdout.split('\n').find((text) => text.startsWith('{'));
    if (line) ready = JSON.parse(line);
    else if (!alive() || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fuzz target did not start:\n${output}`);
    } else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyLine = stdout.split('\n')[0] ?? '';
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return {
    ...ready,
    child,
    output: () => output.replace(readyLine, '').trim(),
    alive,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

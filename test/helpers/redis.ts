/**
 * A real Redis for a test: Debian's `redis-server` (REDIS_SERVER_PATH overrides; see
 * scripts/system-deps.mjs) on a free loopback port, without persistence, killed after the test.
 * `kill()` and `restart()` let a test take it away mid-run and bring it back on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface RedisServer extends AsyncDisposable {
  url: string;
  port: number;
  /** A client for the test's own look-ups (keys, values). */
  client: Redis;
  /** SIGKILL: gone at once, as a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved). */
  restart(): Promise<void>;
}

/** A port nothing listens on now: bound on port 0, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const binary = process.env['REDIS_SERVER_PATH'] || 'redis-server';
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output}`));
    });
    child.once('error', reject);
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port);
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { retryStrategy: () => 100, maxRetriesPerRequest: 20 });
  client.on('error', () => {});
  return {
    url,
    port,
    client,
    async kill() {
      await stop(child, 'SIGKILL');
      child = undefined;
    },
    async restart() {
      child = await spawnRedis(port);
    },
    async [Symbol.asyncDispose]() {
      client.disconnect();
      await stop(child, 'SIGTERM');
    },
  };
}

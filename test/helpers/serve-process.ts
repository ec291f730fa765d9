/**
 * `sentry-graphql serve` as a child process (the command in bin/, on the sources), for tests
 * that need several gateway instances: each its own process, sharing only what they share in
 * production (an upstream Sentry, a Redis).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/sentry-graphql.js', import.meta.url));

export interface GatewayProcess extends AsyncDisposable {
  child: ChildProcess;
  /** The GraphQL endpoint on 127.0.0.1. */
  url: string;
  output(): string;
  /** POSTs an operation with a Bearer token; resolves to the response body. */
  execute(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<{
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    extensions?: { restCalls?: number; cacheHits?: number };
  }>;
  metrics(): Promise<string>;
}

export async function startGatewayProcess(args: string[]): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SENTRY_URL: '', SENTRY_AUTH_TOKEN: '', CACHE_TTL: '', REDIS_URL: '' },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (url === undefined) {
    const match = /gateway: http:\/\/localhost:(\d+)\/graphql/.exec(output);
    if (match) url = `http://127.0.0.1:${match[1]}/graphql`;
    else if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start: ${output}`);
    } else await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const endpoint = url;
  return {
    child,
    url: endpoint,
    output: () => output,
    async execute(query, variables, token) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async metrics() {
      return (await fetch(endpoint.replace(/\/graphql$/, '/metrics'))).text();
    },
    async [Symbol.asyncDispose]() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

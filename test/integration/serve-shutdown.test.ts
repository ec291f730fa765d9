/**
 * `sentry-graphql serve` as a process: real signals, real sockets. In-flight requests are
 * answered before it exits, writes reach Sentry exactly once, a second signal exits at once,
 * `--shutdown-timeout` bounds the wait, and an upstream that does not answer is reported at
 * startup.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import { REPEATED_SIGNAL_MS } from '../../src/main.ts';
import { issueGid } from './mutations-support.ts';

const bin = fileURLToPath(new URL('../../bin/sentry-graphql.js', import.meta.url));

interface Serve {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** The GraphQL endpoint on 127.0.0.1, once it is listening. */
  url: Promise<string>;
}

function serve(args: string[]): Serve {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const run = { child, stdout: () => stdout, stderr: () => stderr, exit };
  return {
    ...run,
    url: until(run, () => {
      const match = /gateway: http:\/\/localhost:(\d+)\/graphql/.exec(stdout);
      return match ? `http://127.0.0.1:${match[1]}/graphql` : undefined;
    }),
  };
}

/** Polls `check` until it returns a value; fails when the process exits or after 40 s. */
async function until<T>(
  run: Pick<Serve, 'child' | 'stdout' | 'stderr'>,
  check: () => T | undefined,
): Promise<T> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const value = check();
    if (value !== undefined) return value;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting: ${JSON.stringify({ out: run.stdout(), err: run.stderr() })}`);
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Whether a new TCP connection to the URL's port is accepted. */
function accepts(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** An HTTP server that accepts requests and never answers them. */
async function silentUpstream(): Promise<Server & AsyncDisposable> {
  const server = createServer(() => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(server, {
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

/**
 * Resolves when the gateway's upstream call for the query arrives — not the startup probe
 * (`GET /api/0/`), which reaches the upstream first and is no request in flight.
 */
function queryReached(upstream: Server): Promise<void> {
  return new Promise((resolve) => {
    const onRequest = (request: IncomingMessage) => {
      if (request.url === '/api/0/') return;
      upstream.off('request', onRequest);
      resolve();
    };
    upstream.on('request', onRequest);
  });
}

const urlOf = (server: Server) => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
};

const ORGANIZATIONS = '{ organizations { nodes { slug } } }';
const UPDATE_ISSUE = `mutation Bookmark($input: UpdateIssueInput!) {
  updateIssue(input: $input) { issue { id isBookmarked } userErrors { code } }
}`;
const ORGS_ROUTE = 'GET /api/0/organizations/';
const PUT_ROUTE = 'PUT /api/0/organizations/{org}/issues/{issue_id}/';

describe('serve: shutdown', () => {
  it('SIGTERM mid-flight: every request is answered in full, writes land once, exit 0', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 2000 });
    const run = serve(['--upstream', sentry.url, '--token', sentry.token]);
    try {
      const url = await run.url;
      const issues = (sentry.data.organizations.get('acme')?.issues ?? []).slice(0, 4);
      expect(issues).toHaveLength(4);
      // Distinct page sizes: identical GETs in flight would share one call (coalescing).
      const queries = Array.from({ length: 8 }, (_, i) =>
        post(url, `{ organizations(first: ${10 + i}) { nodes { slug } } }`),
      );
      const mutations = issues.map((issue: IssueRecord) =>
        post(url, UPDATE_ISSUE, { input: { id: issueGid(issue), isBookmarked: true } }),
      );
      // Every request has reached Sentry (and waits there) before the signal.
      await until(run, () => {
        const { byRoute } = sentry.stats();
        return (byRoute[ORGS_ROUTE] ?? 0) >= 8 && (byRoute[PUT_ROUTE] ?? 0) >= 4 ? true : undefined;
      });
      run.child.kill('SIGTERM');
      await until(run, () => (run.stdout().includes('shutting down') ? true : undefined));
      expect(await accepts(url)).toBe(false);

      for (const answer of await Promise.all(queries)) {
        expect(answer).toEqual({
          status: 200,
          body: {
            data: { organizations: { nodes: [{ slug: 'acme' }, { slug: 'globex' }] } },
            extensions: { restCalls: 1, cacheHits: 0 },
          },
        });
      }
      const answers = await Promise.all(mutations);
      answers.forEach((answer, i) => {
        expect(answer.body['errors']).toBeUndefined();
        expect(answer.body['data']).toEqual({
          updateIssue: {
            issue: { id: issueGid(issues[i] as IssueRecord), isBookmarked: true },
            userErrors: [],
          },
        });
      });
      expect(await run.exit).toBe(0);
      expect(sentry.stats().byRoute[PUT_ROUTE]).toBe(4);
      expect(sentry.stats().byRoute[ORGS_ROUTE]).toBe(8);
      expect(run.stdout()).toContain('Shut down: every request answered.');
      expect(run.stderr()).toBe('');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('one Ctrl-C delivered twice (terminal + npm) is one signal: it still drains', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 1500 });
    const run = serve(['--upstream', sentry.url, '--token', sentry.token]);
    try {
      const url = await run.url;
      const query = post(url, ORGANIZATIONS);
      await until(run, () => (sentry.stats().byRoute[ORGS_ROUTE] ? true : undefined));
      run.child.kill('SIGINT');
      run.child.kill('SIGINT');
      expect((await query).body['data']).toEqual({
        organizations: { nodes: [{ slug: 'acme' }, { slug: 'globex' }] },
      });
      expect(await run.exit).toBe(0);
      expect(run.stdout()).not.toContain('again');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('a second signal exits at once, with 128 + its number', async () => {
    await using upstream = await silentUpstream();
    const run = serve(['--upstream', urlOf(upstream), '--token', 't']);
    try {
      const url = await run.url;
      const query = post(url, ORGANIZATIONS).then(
        () => 'answered',
        () => 'connection closed',
      );
      await queryReached(upstream);
      run.child.kill('SIGTERM');
      await until(run, () => (run.stdout().includes('shutting down') ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, REPEATED_SIGNAL_MS * 2));
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(128 + 15);
      expect(await query).toBe('connection closed');
      expect(run.stdout()).toContain('SIGTERM again: exiting now');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('--shutdown-timeout bounds the wait: then connections are closed and it exits 1', async () => {
    await using upstream = await silentUpstream();
    const run = serve(['--upstream', urlOf(upstream), '--token', 't', '--shutdown-timeout', '300']);
    try {
      const url = await run.url;
      const query = post(url, ORGANIZATIONS).then(
        () => 'answered',
        () => 'connection closed',
      );
      await queryReached(upstream);
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(1);
      expect(await query).toBe('connection closed');
      expect(run.stdout()).toContain('Shut down: 1 requests cut off after 300 ms.');
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

describe('serve: startup', () => {
  it('says so, in one line, when the upstream does not answer (and serves anyway)', async () => {
    // A port nothing listens on: bind one, then free it.
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const deadUrl = urlOf(probe);
    await new Promise((resolve) => probe.close(resolve));

    const run = serve(['--upstream', deadUrl, '--token', 'secret-token-123']);
    try {
      const url = await run.url;
      const line = await until(run, () =>
        run.stderr().includes('did not answer') ? run.stderr() : undefined,
      );
      expect(line).toMatch(
        new RegExp(`^Warning: Sentry at ${deadUrl} did not answer GET /api/0/ \\(ECONNREFUSED\\)`),
      );
      expect(line.trim().split('\n')).toHaveLength(1);
      expect(run.stdout() + run.stderr()).not.toContain('secret-token-123');
      // Still serving: the outage is an UPSTREAM_ERROR, not a dead gateway.
      const answer = await post(url, ORGANIZATIONS);
      expect(answer.body['errors']).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR' } }]);
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

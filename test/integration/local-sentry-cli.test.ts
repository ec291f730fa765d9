/** The `sentry-graphql` binary as a user runs it: real processes, real ports. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sentry-graphql.js', import.meta.url));

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): {
  child: ChildProcess;
  output: () => Finished;
  done: Promise<Finished>;
} {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = once(child, 'exit').then(([code]) => ({
    code: code as number | null,
    stdout,
    stderr,
  }));
  return { child, output: () => ({ code: child.exitCode, stdout, stderr }), done };
}

/** Waits until stdout shows the server URL and its token. */
async function listeningUrl(run: ReturnType<typeof start>): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { stdout } = run.output();
    const match = /listening on (http:\/\/\S+)/.exec(stdout);
    // The token lines follow the URL line, possibly in a later chunk.
    if (match?.[1] && /^token: /m.test(stdout)) return match[1];
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL printed: ${JSON.stringify(run.output())}`);
}

describe('sentry-graphql local-sentry', () => {
  it('prints its URL and token on port 0, serves, and exits cleanly on SIGTERM', async () => {
    const run = start(['local-sentry', '--port', '0', '--token', 'cli-token', '--scale', 'small']);
    try {
      const url = await listeningUrl(run);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toMatch(/:0$/);
      expect(run.output().stdout).toContain('token: cli-token');

      const ok = await fetch(`${url}/api/0/organizations/`, {
        headers: { Authorization: 'Bearer cli-token' },
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('link')).toContain('rel="next"');
      expect(((await ok.json()) as { slug: string }[]).map((o) => o.slug)).toEqual([
        'acme',
        'globex',
      ]);
      const anonymous = await fetch(`${url}/api/0/organizations/`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({
        detail: 'Authentication credentials were not provided.',
      });
      // --token replaces the default token.
      const demo = await fetch(`${url}/api/0/organizations/`, {
        headers: { Authorization: 'Bearer local-demo-token' },
      });
      expect(demo.status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    const finished = await run.done;
    expect(finished.code).toBe(0);
    expect(finished.stderr).toBe('');
  });

  it('accepts several --token specs and holds each to its scopes and organizations', async () => {
    const run = start([
      'local-sentry',
      '--port',
      '0',
      '--token',
      'admin-token',
      '--token',
      'reader-token:org:read,project:read,event:read',
      '--token',
      'globex-token@globex',
    ]);
    try {
      const url = await listeningUrl(run);
      // The token lines may arrive after the URL line, in later chunks.
      const deadline = Date.now() + 10_000;
      while (!run.output().stdout.includes('globex-token') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const stdout = run.output().stdout;
      expect(stdout).toContain('token: admin-token (every scope; every organization)');
      expect(stdout).toContain(
        'also accepted: reader-token (org:read, project:read, event:read; every organization)',
      );
      expect(stdout).toContain('also accepted: globex-token (every scope; organization globex)');

      const call = async (token: string, path: string, method = 'GET', body?: unknown) => {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      };
      const slugs = (body: unknown) => (body as { slug: string }[]).map((org) => org.slug);

      const admin = await call('admin-token', '/api/0/organizations/');
      expect(admin.status).toBe(200);
      expect(slugs(admin.body)).toEqual(['acme', 'globex']);

      // The reader reads, but a write or a route of a scope it lacks is 403, as Sentry answers.
      expect((await call('reader-token', '/api/0/organizations/acme/issues/')).status).toBe(200);
      const write = await call(
        'reader-token',
        '/api/0/organizations/acme/issues/6100000001/',
        'PUT',
        {
          status: 'resolved',
        },
      );
      expect(write).toEqual({
        status: 403,
        body: { detail: 'You do not have permission to perform this action.' },
      });
      expect((await call('reader-token', '/api/0/organizations/acme/members/')).status).toBe(403);
      const unchanged = await call('admin-token', '/api/0/organizations/acme/issues/6100000001/');
      expect((unchanged.body as { status: string }).status).not.toBe('resolved');

      // The globex token sees globex only: acme is left out of lists and refused by path.
      const listed = await call('globex-token', '/api/0/organizations/');
      expect(slugs(listed.body)).toEqual(['globex']);
      expect((await call('globex-token', '/api/0/organizations/globex/')).status).toBe(200);
      expect((await call('globex-token', '/api/0/organizations/acme/')).status).toBe(403);
      expect((await call('globex-token', '/api/0/organizations/acme/issues/')).status).toBe(403);
      expect((await call('globex-token', '/api/0/issues/6100000001/')).status).toBe(403);
      // An organization that does not exist is 404 for every token.
      expect((await call('globex-token', '/api/0/organizations/initech/')).status).toBe(404);

      expect((await call('local-demo-token', '/api/0/organizations/')).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect((await run.done).code).toBe(0);
  });

  it('rejects a bad --token spec with one line on stderr and exit code 2', async () => {
    const finished = await start(['local-sentry', '--token', 'x:org:read,org:everything']).done;
    expect(finished.code).toBe(2);
    expect(finished.stdout).toBe('');
    expect(finished.stderr).toBe(
      'sentry-graphql: --token: unknown scope "org:everything" (`local-sentry --help` lists the scopes)\n',
    );
  });

  it('rejects a bad flag with one line on stderr and exit code 2', async () => {
    const finished = await start(['local-sentry', '--fail-rate', '2']).done;
    expect(finished.code).toBe(2);
    expect(finished.stdout).toBe('');
    expect(finished.stderr).toBe(
      'sentry-graphql: --fail-rate must be a number between 0 and 1, got "2"\n',
    );
  });

  it('prints help and exits 0', async () => {
    const finished = await start(['local-sentry', '--help']).done;
    expect(finished.code).toBe(0);
    expect(finished.stdout).toMatch(/^Usage: sentry-graphql local-sentry/);
    expect(finished.stdout).toContain('--fail-rate');
  });
});

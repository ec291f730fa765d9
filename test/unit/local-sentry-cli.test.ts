import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, parseLocalSentryArgs, parseServeArgs } from '../../src/cli.ts';

/** Runs `main` and captures what it writes. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout: out.join(''), stderr: err.join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sentry-graphql local-sentry flags', () => {
  it('has defaults and reads every flag', () => {
    expect(parseLocalSentryArgs([])).toEqual({ port: 8000, host: '127.0.0.1' });
    expect(
      parseLocalSentryArgs([
        '--port=0',
        '--host',
        '0.0.0.0',
        '--seed',
        '42',
        '--scale',
        'large',
        '--latency-ms',
        '25',
        '--fail-rate',
        '0.2',
        '--token',
        'secret',
        '--rate-limit',
        '40',
        '--rate-window',
        '1',
      ]),
    ).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      seed: 42,
      scale: 'large',
      latencyMs: 25,
      failRate: 0.2,
      tokens: [{ token: 'secret', scopes: expect.arrayContaining(['event:admin', 'org:read']) }],
      rateLimit: { limit: 40, windowSeconds: 1, concurrentLimit: 25 },
    });
    expect(parseLocalSentryArgs(['-h'])).toBe('help');
  });
});

describe('sentry-graphql serve flags', () => {
  it('takes the environment as defaults and lets flags win', () => {
    const env = {
      PORT: '5000',
      HOST: '0.0.0.0',
      SENTRY_URL: 'https://sentry.example.com/',
      SENTRY_AUTH_TOKEN: 'env-token',
    };
    expect(parseServeArgs([], {})).toEqual({ port: 4000, host: '127.0.0.1' });
    expect(parseServeArgs([], env)).toEqual({
      port: 5000,
      host: '0.0.0.0',
      upstream: 'https://sentry.example.com',
      token: 'env-token',
    });
    expect(
      parseServeArgs(['--port', '4001', '--host', '127.0.0.1', '--token', 'flag-token'], env),
    ).toEqual({
      port: 4001,
      host: '127.0.0.1',
      upstream: 'https://sentry.example.com',
      token: 'flag-token',
    });
    // --embedded ignores SENTRY_URL and accepts --scale.
    expect(parseServeArgs(['--embedded', '--scale', 'small'], env)).toEqual({
      port: 5000,
      host: '0.0.0.0',
      token: 'env-token',
      scale: 'small',
    });
    expect(parseServeArgs(['--upstream', 'http://localhost:9000'], {})).toMatchObject({
      upstream: 'http://localhost:9000',
    });
  });

  it('reads the upstream and shutdown timeouts from flags, or else the environment', () => {
    const env = { UPSTREAM_TIMEOUT: '20000', SHUTDOWN_TIMEOUT: '0' };
    expect(parseServeArgs([], env)).toMatchObject({
      upstreamTimeoutMs: 20_000,
      shutdownTimeoutMs: 0,
    });
    expect(
      parseServeArgs(['--upstream-timeout', '500', '--shutdown-timeout', '30000'], env),
    ).toMatchObject({ upstreamTimeoutMs: 500, shutdownTimeoutMs: 30_000 });
    expect(parseServeArgs([], {})).not.toHaveProperty('shutdownTimeoutMs');
  });
});

describe('main', () => {
  it.each([
    [['local-sentry', '--bogus']],
    [['local-sentry', '--port', 'abc']],
    [['local-sentry', '--port', '70000']],
    [['local-sentry', '--fail-rate', '2']],
    [['local-sentry', '--fail-rate', 'x']],
    [['local-sentry', '--scale', 'huge']],
    [['local-sentry', '--seed', '-1']],
    [['local-sentry', '--latency-ms', '1.5']],
    [['local-sentry', 'extra']],
    [['local-sentry', '--port']],
    [['serve', '--upstream', 'http://x', '--embedded']],
    [['serve', '--upstream', 'ftp://x']],
    [['serve', '--upstream', 'http://x', '--scale', 'small']],
    [['serve', '--port', '-1']],
    [['serve', '--nope']],
    [['serve', '--upstream-timeout', '0']],
    [['serve', '--shutdown-timeout', '1.5']],
    [['serve', '--shutdown-timeout', '-1']],
    [['frobnicate']],
    [['--verbose']],
    [[]],
  ])('refuses %j with one line on stderr and exit code 2', async (argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sentry-graphql: [^\n]+\n$/);
  });

  it('refuses a bad environment value for serve the same way', async () => {
    vi.stubEnv('PORT', 'abc');
    try {
      const { code, stderr } = await run(['serve']);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^sentry-graphql: PORT must be a port number/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    [['--help'], /Usage: sentry-graphql <command>/],
    [['-h'], /Commands:/],
    [['local-sentry', '--help'], /Usage: sentry-graphql local-sentry/],
    [['serve', '-h'], /Usage: sentry-graphql serve/],
  ])('prints help for %j and exits 0', async (argv, pattern) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(0);
    expect(stdout).toMatch(pattern);
    expect(stderr).toBe('');
  });
});

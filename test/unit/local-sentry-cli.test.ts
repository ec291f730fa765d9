import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLocalSentryArgs, parseServeArgs } from '../../src/cli.ts';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { runCli } from '../helpers/cli.ts';

const run = runCli;

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

describe('local-sentry --token SPEC', () => {
  const tokensOf = (...specs: string[]) => {
    const options = parseLocalSentryArgs(specs.flatMap((spec) => ['--token', spec]));
    if (options === 'help') throw new Error('help');
    return options.tokens;
  };

  it('reads each form of the spec, in order, the first first', () => {
    expect(
      tokensOf(
        'admin',
        'reader:org:read,project:read',
        'acme-admin@acme',
        'ci:project:releases,org:read@acme,globex',
      ),
    ).toEqual([
      { token: 'admin', scopes: [...ALL_SCOPES] },
      { token: 'reader', scopes: ['org:read', 'project:read'] },
      { token: 'acme-admin', scopes: [...ALL_SCOPES], organizations: ['acme'] },
      {
        token: 'ci',
        scopes: ['project:releases', 'org:read'],
        organizations: ['acme', 'globex'],
      },
    ]);
    // Without --token the server keeps its default token.
    expect(parseLocalSentryArgs([])).not.toHaveProperty('tokens');
    // Tokens may hold the characters real ones do.
    expect(tokensOf('sntrys_eyJpYXQiOjE3MDA=.x-y')).toEqual([
      { token: 'sntrys_eyJpYXQiOjE3MDA=.x-y', scopes: [...ALL_SCOPES] },
    ]);
  });

  it.each([
    [['a:org:read,bogus'], /unknown scope "bogus"/],
    [['a:'], /at least one scope/],
    [['a:org:read,'], /at least one scope/],
    [['a@'], /not an organization slug/],
    [['a@Acme'], /"Acme" is not an organization slug/],
    [['a@acme,'], /not an organization slug/],
    [[':org:read'], /must start with a non-empty token/],
    [['@acme'], /must start with a non-empty token/],
    [['two words'], /must start with a non-empty token/],
    [['same', 'other', 'same:org:read'], /\(the 3rd\): that token is given twice/],
  ])('refuses %j with one usage line that never shows the token', async (specs, pattern) => {
    const { code, stdout, stderr } = await run([
      'local-sentry',
      ...specs.flatMap((spec) => ['--token', spec]),
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sentry-graphql: --token[^\n]*\n$/);
    expect(stderr).toMatch(pattern);
    for (const spec of specs) {
      const token = spec.split(/[:@]/)[0] ?? '';
      if (token.length > 2) expect(stderr).not.toContain(token);
    }
  });

  it('is checked the same way by startLocalSentry, before it listens', async () => {
    await expect(startLocalSentry({ tokens: ['x:org:read,org:everything'] })).rejects.toThrow(
      'unknown scope "org:everything"',
    );
    await expect(
      startLocalSentry({ tokens: [{ token: 'x', scopes: ['org:read', 'nope'] }] }),
    ).rejects.toThrow('token 1: unknown scope "nope"');
    await expect(startLocalSentry({ tokens: ['a', 'b', 'a:org:read'] })).rejects.toThrow(
      'token 3 is given twice',
    );
    await expect(startLocalSentry({ tokens: [] })).rejects.toThrow(
      'at least one token is required',
    );
  });

  it('documents the spec and every scope in --help', async () => {
    const { stdout } = await run(['local-sentry', '--help']);
    expect(stdout).toContain('--token SPEC');
    expect(stdout).toContain('TOKEN:scope,scope@org');
    for (const scope of ALL_SCOPES) expect(stdout).toContain(scope);
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

import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';
import { runCli } from '../helpers/cli.ts';

const run = runCli;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('sentry-graphql serve --cors-origin and --max-body-bytes', () => {
  it('takes origins from repeated flags or CORS_ORIGINS, as browsers write them, flags winning', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('corsOrigins');
    expect(
      parseServeArgs(
        ['--cors-origin', 'https://App.Example.com/', '--cors-origin=http://localhost:3000'],
        {},
      ),
    ).toMatchObject({ corsOrigins: ['https://app.example.com', 'http://localhost:3000'] });
    const env = { CORS_ORIGINS: 'https://a.example.com:443, http://b.example.com:8080,' };
    expect(parseServeArgs([], env)).toMatchObject({
      corsOrigins: ['https://a.example.com', 'http://b.example.com:8080'],
    });
    expect(parseServeArgs(['--cors-origin', 'http://c.example.com'], env)).toMatchObject({
      corsOrigins: ['http://c.example.com'],
    });
  });

  it('reads --max-body-bytes', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('maxBodyBytes');
    expect(parseServeArgs(['--max-body-bytes', '2048'], {})).toMatchObject({ maxBodyBytes: 2048 });
  });

  it.each([
    [['serve', '--cors-origin', 'app.example.com']],
    [['serve', '--cors-origin', 'https://app.example.com/path']],
    [['serve', '--cors-origin', 'https://app.example.com?x']],
    [['serve', '--cors-origin', 'https://*.example.com']],
    [['serve', '--cors-origin', '*']],
    [['serve', '--cors-origin', 'ftp://app.example.com']],
    [['serve', '--cors-origin', 'https://user@app.example.com']],
    [['serve', '--cors-origin']],
    [['serve', '--max-body-bytes', '0']],
    [['serve', '--max-body-bytes', '1k']],
    [['serve', '--max-body-bytes', '-5']],
  ])('refuses %j with one line on stderr and exit code 2', async (argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sentry-graphql: [^\n]+\n$/);
  });

  it('refuses a bad CORS_ORIGINS the same way', async () => {
    vi.stubEnv('CORS_ORIGINS', 'https://ok.example.com,not-an-origin');
    const { code, stderr } = await run(['serve']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sentry-graphql: CORS_ORIGINS must be an origin such as https://app.example.com (no path, no wildcard), got "not-an-origin"\n',
    );
  });

  it('documents both flags in serve --help', async () => {
    const { code, stdout } = await run(['serve', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--cors-origin O[\s\S]*CORS_ORIGINS/);
    expect(stdout).toMatch(/--max-body-bytes N/);
  });
});

describe('sentry-graphql serve --allowed-host', () => {
  it('takes host names from repeated flags or ALLOWED_HOSTS, lower-cased, flags winning', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('allowedHosts');
    expect(
      parseServeArgs(['--allowed-host', 'Gateway.Internal', '--allowed-host=[::1]'], {}),
    ).toMatchObject({ allowedHosts: ['gateway.internal', '[::1]'] });
    const env = { ALLOWED_HOSTS: 'a.internal, b.internal,' };
    expect(parseServeArgs([], env)).toMatchObject({ allowedHosts: ['a.internal', 'b.internal'] });
    expect(parseServeArgs(['--allowed-host', 'c.internal'], env)).toMatchObject({
      allowedHosts: ['c.internal'],
    });
  });

  it('refuses a scheme, a port or a path with one line and exit code 2', async () => {
    for (const bad of ['http://a.internal', 'a.internal:4000', 'a.internal/x', '']) {
      const { code, stderr } = await run(['serve', '--allowed-host', bad]);
      expect(code, bad).toBe(2);
      expect(stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(stderr, bad).toContain('--allowed-host');
    }
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, parseServeArgs } from '../../src/cli.ts';

async function run(argv: string[]) {
  const err: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stderr: err.join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sentry-graphql serve --log-level', () => {
  it('takes the level from the flag or LOG_LEVEL, the flag winning', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('logLevel');
    expect(parseServeArgs(['--log-level', 'debug'], {})).toMatchObject({ logLevel: 'debug' });
    expect(parseServeArgs([], { LOG_LEVEL: 'WARN' })).toMatchObject({ logLevel: 'warn' });
    expect(parseServeArgs(['--log-level=error'], { LOG_LEVEL: 'warn' })).toMatchObject({
      logLevel: 'error',
    });
  });

  it('refuses an unknown level with one line and exit code 2', async () => {
    const { code, stderr } = await run(['serve', '--log-level', 'loud']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sentry-graphql: --log-level must be one of fatal, error, warn, info, debug, trace, silent, got "loud"\n',
    );
    expect(() => parseServeArgs([], { LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL must be one of/);
  });
});

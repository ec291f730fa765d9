import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';
import { runCli } from '../helpers/cli.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sentry-graphql serve --max-upload-bytes', () => {
  it('reads the flag, then MAX_UPLOAD_BYTES, and leaves the default to the gateway otherwise', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('maxUploadBytes');
    expect(parseServeArgs(['--max-upload-bytes', '4096'], {})).toMatchObject({
      maxUploadBytes: 4096,
    });
    expect(parseServeArgs([], { MAX_UPLOAD_BYTES: '8192' })).toMatchObject({
      maxUploadBytes: 8192,
    });
    expect(
      parseServeArgs(['--max-upload-bytes', '100'], { MAX_UPLOAD_BYTES: '8192' }),
    ).toMatchObject({ maxUploadBytes: 100 });
  });

  it.each([
    [['serve', '--max-upload-bytes', '0']],
    [['serve', '--max-upload-bytes', '20MiB']],
    [['serve', '--max-upload-bytes']],
  ])('refuses %j with a one-line error and exit code 2', async (argv) => {
    const { code, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('documents the flag in --help', async () => {
    const { stdout } = await runCli(['serve', '--help']);
    expect(stdout).toContain('--max-upload-bytes N');
  });
});

/** The process guard of `serve`: an unhandled rejection is logged, without its token, and the process lives on. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const GUARDS = fileURLToPath(new URL('../../src/process-guards.ts', import.meta.url));

describe('installProcessGuards', () => {
  it('logs an unhandled rejection as one JSON line, without the token, and keeps the process up', async () => {
    // A process of its own: vitest handles unhandled rejections in its workers itself.
    const script = `
      const { installProcessGuards } = await import(${JSON.stringify(GUARDS)});
      installProcessGuards();
      Promise.reject(Object.assign(new Error('upstream said no to Bearer secret-token-123'), { code: 'E_TEST' }));
      setTimeout(() => console.info('still alive'), 100);
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('still alive');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'error',
      event: 'unhandledRejection',
      name: 'Error',
      code: 'E_TEST',
      message: 'upstream said no to Bearer [redacted]',
    });
    expect(stderr).not.toContain('secret-token-123');
  });
});

/**
 * scripts/system-deps.mjs, run before `npm test`: present programs pass, a missing one either
 * gets installed (root on Debian) or stops the run with one line naming the command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/system-deps.mjs';
// A PATH that has node but none of the system dependencies.
const BARE_PATH = dirname(process.execPath);
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path));

function run(args: string[], env: Record<string, string>, asUser?: string) {
  const command = asUser
    ? [RUNUSER ?? 'runuser', ['-u', asUser, '--', process.execPath, SCRIPT, ...args]]
    : [process.execPath, [SCRIPT, ...args]];
  const result = spawnSync(command[0] as string, command[1] as string[], {
    encoding: 'utf8',
    env: { ...env, PATH: env['PATH'] ?? BARE_PATH },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('system dependencies check', () => {
  it('passes when every program is there', () => {
    const result = run([], {
      CHROMIUM_PATH: process.execPath,
      REDIS_SERVER_PATH: process.execPath,
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('system dependencies: all present');
  });

  it('stops with one line naming the install command when told not to install', () => {
    const result = run(['--no-install'], {
      CHROMIUM_PATH: '/nonexistent/chromium',
      REDIS_SERVER_PATH: process.execPath,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('sudo apt-get install -y chromium');
    expect(lines[0]).toContain('CHROMIUM_PATH');
  });

  it('without root it installs nothing and stops with the same one line', () => {
    const root = process.getuid?.() === 0;
    // As root, drop to an unprivileged user to see what a developer without root sees.
    const result = run(
      [],
      { CHROMIUM_PATH: '/nonexistent/chromium', REDIS_SERVER_PATH: process.execPath },
      root ? 'nobody' : undefined,
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm test needs Chromium: run `sudo apt-get install -y chromium`/);
    expect(result.stdout).not.toContain('installing');
  });

  it('names redis-server when it is missing', () => {
    const result = run(['--no-install'], {
      CHROMIUM_PATH: process.execPath,
      REDIS_SERVER_PATH: '/nonexistent/redis-server',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('apt-get install -y redis-server');
  });
});

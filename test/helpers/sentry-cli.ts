/** Runs the real sentry-cli binary (`@sentry/cli`, a devDependency) against a local Sentry. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const SENTRY_CLI = fileURLToPath(
  new URL('../../node_modules/.bin/sentry-cli', import.meta.url),
);
const run = promisify(execFile);

/**
 * `sentry-cli ...args` in `cwd` with `home` as its HOME, pointed at `sentry` with its token and
 * organization `acme` (and `env` besides, e.g. a SENTRY_DSN); resolves to stdout + stderr,
 * rejects on a non-zero exit.
 */
export async function sentryCli(
  sentry: { url: string; token: string },
  args: string[],
  { home, cwd = home, env = {} }: { home: string; cwd?: string; env?: Record<string, string> },
): Promise<string> {
  const { stdout, stderr } = await run(SENTRY_CLI, args, {
    cwd,
    timeout: 60_000,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      SENTRY_URL: sentry.url,
      SENTRY_AUTH_TOKEN: sentry.token,
      SENTRY_ORG: 'acme',
      SENTRY_DISABLE_UPDATE_CHECK: '1',
      SENTRY_LOAD_DOTENV: '0',
      // Nothing may leave this machine: any request not to 127.0.0.1 hits a closed port.
      http_proxy: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      no_proxy: '127.0.0.1',
      ...env,
    },
  });
  return stdout + stderr;
}

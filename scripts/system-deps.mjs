#!/usr/bin/env node
/**
 * Run by `npm test` before the suites: checks the system programs the tests use and brings the
 * missing ones. As root on a Debian-like system (CI, containers) it installs them with apt-get;
 * otherwise it stops at once with one line naming the command to run. npm packages are not its
 * business: they come through package.json.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled or loaded through tsx.
 *
 * Flags: --no-install (report only, never install), --quiet (no line when all is present).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * What the suites need from the system: a name for messages, how to find it, the Debian
 * package that provides it. Add a line here when a test starts using another program.
 */
const SYSTEM_DEPENDENCIES = [
  {
    name: 'Chromium',
    why: 'the browser suite (GraphiQL, CORS) drives it through playwright-core',
    // The browser suite reads the same variable.
    find: () => process.env['CHROMIUM_PATH'] || findOnPath('chromium'),
    override: 'CHROMIUM_PATH',
    debianPackage: 'chromium',
  },
  {
    name: 'Redis',
    why: 'the cache suites start redis-server (the shared cache, invalidations, rate-limit state)',
    // test/helpers/redis.ts reads the same variable.
    find: () => process.env['REDIS_SERVER_PATH'] || findOnPath('redis-server'),
    override: 'REDIS_SERVER_PATH',
    debianPackage: 'redis-server',
  },
];

function findOnPath(program) {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

function isPresent(dependency) {
  const path = dependency.find();
  return path !== undefined && existsSync(path);
}

function canInstallWithApt() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root && existsSync('/etc/debian_version') && findOnPath('apt-get') !== undefined;
}

function installCommand(packages) {
  return `apt-get install -y ${packages.join(' ')}`;
}

function main(argv) {
  const noInstall = argv.includes('--no-install');
  const quiet = argv.includes('--quiet');
  const missing = SYSTEM_DEPENDENCIES.filter((dependency) => !isPresent(dependency));
  if (missing.length === 0) {
    if (!quiet) console.info('system dependencies: all present');
    return 0;
  }
  const packages = [...new Set(missing.map((dependency) => dependency.debianPackage))];
  const names = missing.map((dependency) => dependency.name).join(', ');
  if (noInstall || !canInstallWithApt()) {
    const overrides = missing.map((dependency) => dependency.override).filter(Boolean);
    console.error(
      `npm test needs ${names}: run \`sudo ${installCommand(packages)}\`` +
        (overrides.length > 0 ? ` (or set ${overrides.join(', ')} to an installed copy)` : ''),
    );
    return 1;
  }
  console.info(`system dependencies: installing ${packages.join(', ')} with apt-get (${names})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // An old package list may still have the package; the install below says if not.
  }
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const still = missing.filter((dependency) => !isPresent(dependency));
  if (install.status !== 0 || still.length > 0) {
    console.error(
      `could not install ${still.map((d) => d.name).join(', ') || names}: run \`${installCommand(packages)}\` by hand`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));

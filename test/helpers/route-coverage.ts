/**
 * Route coverage across test files: every local Sentry a test starts through the helpers writes
 * the route templates it answered to `ROUTE_COVERAGE_DIR` when it closes, and the `coverage`
 * project (run after the others, see vitest.config.ts) fails while a route goes unexercised.
 * One file per server, so parallel test workers never write the same file.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalSentry } from '../../src/local-sentry/http/server.ts';

const directory = () => process.env['ROUTE_COVERAGE_DIR'];

/** Writes the templates `sentry` answered so far; a no-op when the suite records no coverage. */
export function recordRouteCoverage(sentry: Pick<LocalSentry, 'stats'>): void {
  const dir = directory();
  if (dir === undefined) return;
  const templates = Object.keys(sentry.stats().byRoute);
  if (templates.length === 0) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${randomUUID()}.json`), JSON.stringify(templates));
}

/** Every template some test's server answered in this run. */
export function coveredRoutes(): Set<string> {
  const dir = directory();
  if (dir === undefined)
    throw new Error('ROUTE_COVERAGE_DIR is not set: run through vitest.config.ts');
  const covered = new Set<string>();
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isFile() || !name.name.endsWith('.json')) continue;
    for (const template of JSON.parse(readFileSync(join(dir, name.name), 'utf8')) as string[]) {
      covered.add(template);
    }
  }
  return covered;
}

/**
 * Which of the operations the seeds name (`../shared/seeds/*.txt`: Sentry's API reference pages,
 * an OpenAPI YAML excerpt, one JSON operation, the replays design doc) the embedded Sentry routes
 * at the seed's own path. Prints the count and the operations still missing.
 *
 *   npx tsx scripts/seed-coverage.ts [--json]
 *   npx tsx scripts/seed-coverage.ts --write [--seeds DIR] [--spec openapi-derefed.json]
 *
 * The seeds live outside the repository, so their operations are vendored in
 * `src/local-sentry/openapi/seed-operations.json`; `--write` extracts them again from the seeds.
 *
 * Placeholder names are ignored (`{organization_slug}` matches `{org}`); the trailing slash is
 * not (SCIM's paths have none).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sentryRoutes } from '../src/local-sentry/resources/index.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `METHOD /api/0/a/{}/b/`: placeholders (`{x}`, `<x>`) made anonymous, `/api/0` prefixed. */
export function normalizeOperation(method: string, rawPath: string): string {
  const withPrefix = rawPath.startsWith('/api/0/') ? rawPath : `/api/0${rawPath}`;
  return `${method.toUpperCase()} ${withPrefix.replace(/\{[^}]+\}|<[^>]+>/g, '{}')}`;
}

/** The operations one seed file names, by its format. */
export function seedOperations(text: string, operationPaths: Map<string, string[]>): string[] {
  const found = new Set<string>();
  // API reference pages: `***GET*** /api/0/...` or `GET /api/0/...` in backticks.
  for (const match of text.matchAll(
    /`(?:\*\*\*)?(GET|POST|PUT|PATCH|DELETE)(?:\*\*\*)? (\/api\/0\/[^`\s]*)/g,
  )) {
    found.add(normalizeOperation(match[1] as string, match[2] as string));
  }
  // OpenAPI YAML: `  /path/:` then `    get:` lines.
  if (/^paths:\s*$/m.test(text)) {
    let current: string | undefined;
    for (const line of text.split('\n')) {
      const pathLine = /^ {2}(\/\S*):\s*$/.exec(line);
      if (pathLine) current = pathLine[1];
      const methodLine = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line);
      if (methodLine && current) found.add(normalizeOperation(methodLine[1] as string, current));
      if (/^\S/.test(line) && !line.startsWith('paths:')) current = undefined;
    }
  }
  // One OpenAPI operation as JSON (`{"get": {...}}`), without its path: found by operationId.
  if (text.trimStart().startsWith('{')) {
    try {
      const operation = JSON.parse(text) as Record<string, { operationId?: string }>;
      for (const [method, body] of Object.entries(operation)) {
        for (const operationPath of operationPaths.get(body.operationId ?? '') ?? []) {
          found.add(normalizeOperation(method, operationPath));
        }
      }
    } catch {
      // not JSON after all
    }
  }
  // API Blueprint (the replays doc): `## Name [/path/]` then `### Action [METHOD]`.
  let resource: string | undefined;
  for (const line of text.split('\n')) {
    const resourceLine = /^## .*\[(\/[^\]]+)\]\s*$/.exec(line);
    if (resourceLine) resource = resourceLine[1];
    const actionLine = /^### .*\[([A-Z]+)\]\s*$/.exec(line);
    if (actionLine && resource && METHODS.includes(actionLine[1] as string)) {
      found.add(normalizeOperation(actionLine[1] as string, resource.split('?')[0] as string));
    }
  }
  return [...found];
}

/** operationId → the spec paths carrying it. */
function specOperationPaths(specFile: string | undefined): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  if (!specFile) return ids;
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  for (const [specPath, item] of Object.entries(spec.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || !operation?.operationId) continue;
      ids.set(operation.operationId, [...(ids.get(operation.operationId) ?? []), specPath]);
    }
  }
  return ids;
}

/** Every operation the seeds in `seedsDir` name, normalised and sorted. */
export function extractSeedOperations(seedsDir: string, specFile?: string): string[] {
  const operationPaths = specOperationPaths(specFile);
  const operations = new Set<string>();
  for (const file of readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()) {
    for (const operation of seedOperations(
      readFileSync(path.join(seedsDir, file), 'utf8'),
      operationPaths,
    )) {
      operations.add(operation);
    }
  }
  return [...operations].sort();
}

export const VENDORED = new URL(
  '../src/local-sentry/openapi/seed-operations.json',
  import.meta.url,
);

/** The vendored seed operations. */
export function vendoredSeedOperations(): string[] {
  return (JSON.parse(readFileSync(VENDORED, 'utf8')) as { operations: string[] }).operations;
}

/** Which of `operations` the embedded Sentry routes at that path. */
export function seedCoverage(operations: readonly string[] = vendoredSeedOperations()) {
  const served = new Set(
    sentryRoutes().map((def) => {
      const space = def.template.indexOf(' ');
      return normalizeOperation(def.template.slice(0, space), def.template.slice(space + 1));
    }),
  );
  const all = [...operations].sort();
  return {
    total: all.length,
    served: all.filter((operation) => served.has(operation)),
    missing: all.filter((operation) => !served.has(operation)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '../shared/seeds' },
      spec: { type: 'string', default: '../shared/sentry-openapi/openapi-derefed.json' },
      write: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.write) {
    const operations = extractSeedOperations(values.seeds, values.spec);
    const source =
      'The operations named by the seeds the project was created from (shared/seeds), normalised by scripts/seed-coverage.ts; regenerate with --write.';
    writeFileSync(VENDORED, `${JSON.stringify({ source, operations }, null, 2)}\n`);
    process.stdout.write(`${operations.length} seed operations written to ${VENDORED.pathname}\n`);
  }
  const report = seedCoverage();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [
      `${report.served.length} of ${report.total} seed operations are served.`,
      ...report.missing.map((operation) => `missing: ${operation}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/**
 * The npm package as others get it: `npm pack` (which builds dist/ through `prepare`), unpacked
 * into an empty folder whose node_modules holds only the production dependencies (linked from
 * this checkout's, so nothing is fetched), then run: the CLI, `createGateway` from plain Node
 * against the embedded Sentry, and the declarations through TypeScript.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

let dir = '';
let app = '';
let files: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sentry-graphql-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  const tarball = join(dir, packed!.filename);
  files = (await run('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean);
  app = join(dir, 'app');
  const installed = join(app, 'node_modules/sentry-graphql');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  // Production dependencies only: no tsx, no TypeScript, no test tools at the top level.
  const dev = new Set(Object.keys(manifest.devDependencies));
  for (const entry of await readdir(join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'sentry-graphql') continue;
    if (entry.startsWith('@')) {
      await mkdir(join(app, 'node_modules', entry), { recursive: true });
      for (const scoped of await readdir(join(ROOT, 'node_modules', entry))) {
        if (dev.has(`${entry}/${scoped}`)) continue;
        await symlink(
          join(ROOT, 'node_modules', entry, scoped),
          join(app, 'node_modules', entry, scoped),
        );
      }
    } else if (!dev.has(entry)) {
      await symlink(join(ROOT, 'node_modules', entry), join(app, 'node_modules', entry));
    }
  }
  await mkdir(join(app, 'node_modules/.bin'));
  await symlink(
    '../sentry-graphql/bin/sentry-graphql.js',
    join(app, 'node_modules/.bin/sentry-graphql'),
  );
  await writeFile(
    join(app, 'package.json'),
    '{ "name": "app", "private": true, "type": "module" }\n',
  );
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the compiled code, the CLI and the schema; no sources, tests or benchmark', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/bin/sentry-graphql.js',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/cli.js',
        'package/schema/schema.graphql',
        'package/schema/persisted/persisted-documents.json',
      ]),
    );
    expect(files.filter((f) => /^package\/(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('runs npx sentry-graphql --help from the compiled CLI, without tsx', async () => {
    const { stdout } = await run('npx', ['--no-install', 'sentry-graphql', '--help'], { cwd: app });
    expect(stdout).toContain('Usage: sentry-graphql <command> [options]');
    const serve = await run('npx', ['--no-install', 'sentry-graphql', 'serve', '--help'], {
      cwd: app,
    });
    expect(serve.stdout).toContain('--persisted-operations FILE');
    await expect(run('node', ['-e', "import('tsx')"], { cwd: app })).rejects.toThrow();
  });

  it("serves a query with `import { createGateway } from 'sentry-graphql'` against the embedded Sentry", async () => {
    await writeFile(
      join(app, 'serve.js'),
      `import { createGateway, ERROR_CODES } from 'sentry-graphql';
import { startLocalSentry } from 'sentry-graphql/local-sentry';
const sentry = await startLocalSentry();
const gateway = createGateway({ upstream: sentry.url, token: sentry.token });
const response = await gateway.fetch('http://localhost/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ organization(slug: "acme") { slug name } }' }),
});
console.log(JSON.stringify({ status: response.status, body: await response.json(), codes: ERROR_CODES.includes('UPSTREAM_ERROR') }));
await gateway.close();
await sentry.close();
`,
    );
    const { stdout } = await run('node', ['serve.js'], { cwd: app });
    expect(JSON.parse(stdout)).toMatchObject({
      status: 200,
      body: { data: { organization: { slug: 'acme', name: expect.any(String) } } },
      codes: true,
    });
  });

  it('types createGateway and its options for TypeScript users', async () => {
    await writeFile(
      join(app, 'typed.ts'),
      `import { createGateway, type ErrorCode, type GatewayOptions } from 'sentry-graphql';
const options: GatewayOptions = { upstream: 'https://sentry.io', metrics: false, limits: { maxDepth: 10 } };
const gateway = createGateway(options);
const code: ErrorCode = 'RATE_LIMITED';
export const handler: (request: Request) => Response | Promise<Response> = gateway.fetch;
export { code };
`,
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          lib: ['ES2023', 'DOM', 'ESNext.Disposable'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['typed.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(result).not.toHaveProperty('failed');
    // And they do check: a misspelt option is an error.
    await writeFile(
      join(app, 'typed.ts'),
      "import { createGateway } from 'sentry-graphql';\ncreateGateway({ upstrem: 'x' });\n",
    );
    const bad = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(bad).toMatchObject({ failed: true, stdout: expect.stringContaining("'upstrem'") });
  });
});

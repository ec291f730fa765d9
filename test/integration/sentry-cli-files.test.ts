/**
 * Sentry's own CLI (`@sentry/cli` 3.8, the real binary from npm) uploading files to the embedded
 * Sentry: `sourcemaps upload` (chunk upload, then an artifact bundle) and `debug-files upload`
 * (chunk upload, then DIF assembly); what they uploaded is checked through REST and through the
 * gateway, down to the bytes. (`releases files … upload` is gone from sentry-cli 3.) Needs
 * `@sentry/cli` installed (a devDependency); without it this file fails, it never skips.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { fetchJson } from '../helpers/local-sentry.ts';
import { sentryCli } from '../helpers/sentry-cli.ts';

type Row = Record<string, unknown>;

/** A seeded frontend release, and its newest event (first frame: `…/static/js/vendor.js`). */
const VERSION = 'frontend@1.8.2';
const EVENT = '818db72d81b5da7779ce3a1fe4643062';

let gateway: TestGateway;
let home: string;

const cli = (args: string[]) => sentryCli(gateway.sentry, args, { home });

const rest = <T = Row>(path: string) =>
  fetchJson<T>(gateway.sentry.url, path, { token: gateway.sentry.token });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'sentry-cli-files-'));
  gateway = await startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
  });
});

afterAll(async () => {
  await gateway?.[Symbol.asyncDispose]();
  await rm(home, { recursive: true, force: true });
});

describe('sentry-cli files', () => {
  it('sourcemaps upload: the bundle becomes the release files, downloadable and found by sourceMapDebug', async () => {
    const dist = join(home, 'dist');
    await mkdir(dist, { recursive: true });
    const script =
      'function vendor(){throw new Error("boom")}vendor();\n//# sourceMappingURL=vendor.js.map\n';
    const map =
      '{"version":3,"file":"vendor.js","sources":["vendor.ts"],"names":[],"mappings":"AAAA"}';
    await writeFile(join(dist, 'vendor.js'), script);
    await writeFile(join(dist, 'vendor.js.map'), map);
    await gateway.resetUpstreamStats();

    const out = await cli([
      'sourcemaps',
      'upload',
      '-p',
      'frontend',
      '--release',
      VERSION,
      '--url-prefix',
      '~/static/js',
      dist,
    ]);
    expect(out).toContain('Upload type: artifact bundle');
    const routes = (await gateway.upstreamStats()).byRoute;
    expect(routes).toMatchObject({
      'GET /api/0/organizations/{org}/chunk-upload/': 1,
      'POST /api/0/organizations/{org}/chunk-upload/': 1,
      'POST /api/0/organizations/{org}/artifactbundle/assemble/': expect.any(Number),
    });

    const files = await rest<Row[]>(
      `/api/0/projects/acme/frontend/releases/${encodeURIComponent(VERSION)}/files/?per_page=100`,
    );
    const uploaded = files.body.find((f) => f['name'] === '~/static/js/vendor.js');
    expect(uploaded).toMatchObject({ size: Buffer.byteLength(script), dist: null });
    expect(files.body.map((f) => f['name'])).toContain('~/static/js/vendor.js.map');

    const { data, errors } = await gateway.execute<{ organization: Row }>(
      `query ($version: String!, $event: String!) {
        organization(slug: "acme") {
          release(version: $version) { files(first: 20, query: "vendor.js") { nodes { name size downloadUrl } } }
          event(eventId: $event) {
            sourceMapDebug(exception: 0, frame: 0) { frames { sourceFile sourceMap matchingSourceMapName } }
          }
        }
      }`,
      { version: VERSION, event: EVENT },
    );
    expect(errors).toBeUndefined();
    const release = data?.organization['release'] as { files: { nodes: Row[] } } | undefined;
    const node = release?.files.nodes.find((n) => n['name'] === '~/static/js/vendor.js');
    const download = await gateway.gateway.fetch(
      new Request(String(node?.['downloadUrl']), {
        headers: { authorization: `Bearer ${gateway.sentry.token}` },
      }),
    );
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe(
      await readFile(join(dist, 'vendor.js'), 'utf8'),
    );
    expect(data?.organization['event']).toEqual({
      sourceMapDebug: {
        frames: [
          {
            sourceFile: 'FOUND',
            sourceMap: 'FOUND',
            matchingSourceMapName: '~/static/js/vendor.js.map',
          },
        ],
      },
    });
  });

  it('debug-files upload: a Breakpad file becomes a debug file of the project', async () => {
    const syms = join(home, 'syms');
    await mkdir(syms, { recursive: true });
    const sym = [
      'MODULE Linux x86_64 0123456789ABCDEF0123456789ABCDEF0 app',
      'INFO CODE_ID 89ABCDEF0123456789ABCDEF01234567',
      'FILE 0 /src/main.c',
      'FUNC 1000 20 0 main',
      '1000 10 3 0',
      '1010 10 4 0',
      'STACK CFI INIT 1000 20 .cfa: $rsp 8 + .ra: .cfa -8 + ^',
      '',
    ].join('\n');
    await writeFile(join(syms, 'app.sym'), sym);
    const out = await cli(['debug-files', 'upload', '-p', 'backend', syms]);
    expect(out).toContain('OK 01234567-89ab-cdef-0123-456789abcdef (app; x86_64)');

    const list = await rest<Row[]>('/api/0/projects/acme/backend/files/dsyms/');
    expect(list.body).toMatchObject([
      {
        debugId: '01234567-89ab-cdef-0123-456789abcdef',
        codeId: '89abcdef0123456789abcdef01234567',
        objectName: 'app',
        size: sym.length,
      },
    ]);
    const { data } = await gateway.execute<{ organization: Row }>(
      `{ organization(slug: "acme") { project(slug: "backend") { debugFiles { nodes { debugId cpuName symbolType } } } } }`,
    );
    expect(data?.organization['project']).toEqual({
      debugFiles: {
        nodes: [
          {
            debugId: '01234567-89ab-cdef-0123-456789abcdef',
            cpuName: 'x86_64',
            symbolType: 'breakpad',
          },
        ],
      },
    });
  });
});

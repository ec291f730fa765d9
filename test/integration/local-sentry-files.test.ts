/**
 * Release files, debug files and chunked uploads in the local Sentry, through REST: multipart
 * uploads, downloads byte for byte, renames, deletes, scopes, Sentry's error bodies,
 * `commitfiles`, a project's release commits and `source-map-debug` over the seeded frames.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

const ORG_FILES = '/api/0/organizations/acme/releases/frontend@1.8.2/files/';
const PROJECT_FILES = '/api/0/projects/acme/frontend/releases/frontend@1.8.2/files/';
/** The newest event of frontend's newest issue: frames `vendor.js`, then `useCart.js`. */
const EVENT = '818db72d81b5da7779ce3a1fe4643062';
const DEBUG = `/api/0/projects/acme/frontend/events/${EVENT}/source-map-debug/`;

const start = () =>
  withLocalSentry({
    data: generateData({ seed: 1, scale: 'small' }),
    tokens: [
      'local-demo-token',
      { token: 'reader', scopes: ['project:read'] },
      { token: 'releases', scopes: ['project:releases'] },
    ],
  });

const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');

/** A multipart POST as curl or sentry-cli sends it; fetch writes the boundary. */
async function postForm(
  sentry: TestLocalSentry,
  path: string,
  fields: Record<string, string | string[] | Blob>,
  token = sentry.token,
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) form.append(name, item);
    else if (value instanceof Blob) form.append(name, value, `${name}.bin`);
    else form.append(name, value);
  }
  const response = await fetch(`${sentry.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Row | Row[] };
}

async function download(sentry: TestLocalSentry, path: string, token = sentry.token) {
  const response = await fetch(`${sentry.url}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('release files', () => {
  it('uploads a file, lists it on both paths, downloads the same bytes, renames and deletes it', async () => {
    await using sentry = await start();
    const content = `function add(a,b){return a+b}\n//# sourceMappingURL=vendor.js.map\n\u00e9\u0000`;
    const upload = await postForm(sentry, ORG_FILES, {
      file: new Blob([content]),
      name: '~/static/js/vendor.js',
      header: ['Content-Type: application/javascript', 'X-Team:web'],
    });
    expect(upload.status).toBe(201);
    const file = upload.body as Row;
    expect(file).toMatchObject({
      name: '~/static/js/vendor.js',
      dist: null,
      headers: { 'Content-Type': 'application/javascript', 'X-Team': 'web' },
      size: Buffer.byteLength(content),
      sha1: sha1(content),
    });

    const list = await sentry.fetchJson<Row[]>(`${PROJECT_FILES}?per_page=100`);
    expect(list.body.map((f) => f['name'])).toContain('~/static/js/vendor.js');
    const detail = await sentry.fetchJson<Row>(`${ORG_FILES}${String(file['id'])}/`);
    expect(detail.body).toEqual(file);

    const { response, bytes } = await download(
      sentry,
      `${PROJECT_FILES}${String(file['id'])}/?download=1`,
    );
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="vendor.js"');
    expect(bytes.equals(Buffer.from(content))).toBe(true);

    const renamed = await sentry.fetchJson<Row>(`${ORG_FILES}${String(file['id'])}/`, {
      method: 'PUT',
      body: { name: '~/static/js/vendor.min.js', dist: 'web' },
    });
    expect(renamed.body).toMatchObject({ name: '~/static/js/vendor.min.js', dist: 'web' });
    const removed = await sentry.fetchJson(`${PROJECT_FILES}${String(file['id'])}/`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await sentry.fetchJson(`${ORG_FILES}${String(file['id'])}/`)).status).toBe(404);
  });

  it('answers with Sentry error bodies: no file, bad header, duplicate name, bad rename', async () => {
    await using sentry = await start();
    expect(await postForm(sentry, ORG_FILES, { name: 'x.js' })).toEqual({
      status: 400,
      body: { detail: 'Missing uploaded file' },
    });
    const json = await sentry.fetchJson(ORG_FILES, { method: 'POST', body: { name: 'x.js' } });
    expect(json).toMatchObject({ status: 400, body: { detail: 'Missing uploaded file' } });
    expect(
      await postForm(sentry, ORG_FILES, { file: new Blob(['x']), name: 'a.js', header: 'nope' }),
    ).toEqual({ status: 400, body: { detail: 'header value was not formatted correctly' } });
    const first = await postForm(sentry, ORG_FILES, { file: new Blob(['1']), name: '~/a.js' });
    expect(first.status).toBe(201);
    expect(await postForm(sentry, ORG_FILES, { file: new Blob(['2']), name: '~/a.js' })).toEqual({
      status: 409,
      body: { detail: 'A file matching this name already exists for the given release' },
    });
    const other = await postForm(sentry, ORG_FILES, {
      file: new Blob(['3']),
      name: '~/a.js',
      dist: 'ios',
    });
    expect(other.status).toBe(201);
    const id = String((first.body as Row)['id']);
    const bad = await sentry.fetchJson(`${ORG_FILES}${id}/`, { method: 'PUT', body: {} });
    expect(bad).toMatchObject({ status: 400, body: { name: ['This field is required.'] } });
    // A project that is not in the release has none of its files.
    const foreign = '/api/0/projects/acme/backend/releases/frontend@1.8.2/files/';
    expect((await sentry.fetchJson(foreign)).status).toBe(404);
  });

  it('takes the scopes the spec lists: reading with project:read, downloading and deleting not', async () => {
    await using sentry = await start();
    const [seeded] = (await sentry.fetchJson<Row[]>(ORG_FILES, { token: 'reader' })).body;
    const path = `${ORG_FILES}${String(seeded?.['id'])}/`;
    expect((await sentry.fetchJson(path, { token: 'reader' })).status).toBe(200);
    expect((await download(sentry, `${path}?download=1`, 'reader')).response.status).toBe(403);
    const seededBytes = await download(sentry, `${path}?download=1`, 'releases');
    expect(seededBytes.bytes.length).toBe(seeded?.['size']);
    expect((await postForm(sentry, ORG_FILES, { file: new Blob(['x']) }, 'reader')).status).toBe(
      403,
    );
    expect((await sentry.fetchJson(path, { token: 'reader', method: 'DELETE' })).status).toBe(403);
    expect((await sentry.fetchJson(path, { token: 'releases', method: 'DELETE' })).status).toBe(
      204,
    );
  });
});

describe('release files on the project path', () => {
  it('uploads and renames there, and deletes on the organization path', async () => {
    await using sentry = await start();
    const upload = await postForm(sentry, PROJECT_FILES, {
      file: new Blob(['x']),
      name: '~/p.js',
      dist: 'web',
    });
    expect(upload).toMatchObject({ status: 201, body: { name: '~/p.js', dist: 'web' } });
    const id = String((upload.body as Row)['id']);
    const renamed = await sentry.fetchJson<Row>(`${PROJECT_FILES}${id}/`, {
      method: 'PUT',
      body: { name: '~/q.js', dist: null },
    });
    expect(renamed.body).toMatchObject({ name: '~/q.js', dist: null });
    expect((await sentry.fetchJson(`${PROJECT_FILES}${id}/`)).body).toMatchObject({
      name: '~/q.js',
    });
    expect((await sentry.fetchJson(`${ORG_FILES}${id}/`, { method: 'DELETE' })).status).toBe(204);
    expect((await sentry.fetchJson(`${PROJECT_FILES}${id}/`)).status).toBe(404);
  });
});

describe('commits and commit files', () => {
  it('lists the release commits under the project path and the files each changed', async () => {
    await using sentry = await start();
    const org = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/frontend@1.8.2/commits/',
    );
    const project = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/frontend/releases/frontend@1.8.2/commits/',
    );
    expect(project.body.map((c) => c['id'])).toEqual(org.body.map((c) => c['id']));
    expect(project.body).toHaveLength(2);
    const files = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/frontend@1.8.2/commitfiles/',
      { token: 'releases' },
    );
    expect(files.status).toBe(200);
    const shas = org.body.map((c) => String(c['id']).slice(0, 8));
    expect(files.body.length).toBeGreaterThanOrEqual(2);
    for (const change of files.body) {
      expect(shas).toContain(String(change['id']).slice(0, 8));
      expect(change).toMatchObject({ repoName: expect.any(String), type: expect.any(String) });
      expect(['A', 'M', 'D']).toContain(change['type']);
    }
    const again = await sentry.fetchJson(
      '/api/0/organizations/acme/releases/frontend@1.8.2/commitfiles/',
    );
    expect(again.body).toEqual(files.body);
    const reader = await sentry.fetchJson(
      '/api/0/organizations/acme/releases/frontend@1.8.2/commitfiles/',
      { token: 'reader' },
    );
    expect(reader.status).toBe(403);
  });
});

describe('source-map-debug', () => {
  it('finds the source file and its map among the release files, and says when the dist differs', async () => {
    await using sentry = await start();
    const before = await sentry.fetchJson<Row>(DEBUG);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      release: 'frontend@1.8.2',
      dist: null,
      release_has_some_artifact: true,
      project_has_some_artifact_bundle: false,
      sdk_debug_id_support: 'full',
    });
    const frame = (body: Row) =>
      ((body['exceptions'] as Row[])[0]?.['frames'] as Row[] | undefined)?.[0]?.[
        'release_process'
      ] as Row;
    expect(frame(before.body)).toEqual({
      abs_path: 'https://app.example.com/static/js/vendor.js',
      matching_source_file_names: [
        'https://app.example.com/static/js/vendor.js',
        '~/static/js/vendor.js',
      ],
      matching_source_map_name: null,
      source_map_reference: null,
      source_file_lookup_result: 'unsuccessful',
      source_map_lookup_result: 'unsuccessful',
    });

    await postForm(sentry, ORG_FILES, {
      file: new Blob(['var v=1;\n//# sourceMappingURL=vendor.js.map\n']),
      name: '~/static/js/vendor.js',
    });
    const one = await sentry.fetchJson<Row>(`${DEBUG}?exception_idx=0&frame_idx=0`);
    expect((one.body['exceptions'] as Row[])[0]?.['frames']).toHaveLength(1);
    expect(frame(one.body)).toMatchObject({
      source_file_lookup_result: 'found',
      source_map_reference: 'vendor.js.map',
      matching_source_map_name: '~/static/js/vendor.js.map',
      source_map_lookup_result: 'unsuccessful',
    });

    await postForm(sentry, ORG_FILES, {
      file: new Blob(['{"version":3}']),
      name: '~/static/js/vendor.js.map',
      dist: 'other',
    });
    expect(frame((await sentry.fetchJson<Row>(DEBUG)).body)).toMatchObject({
      source_map_lookup_result: 'wrong-dist',
    });
    await postForm(sentry, ORG_FILES, {
      file: new Blob(['{"version":3}']),
      name: '~/static/js/vendor.js.map',
    });
    expect(frame((await sentry.fetchJson<Row>(DEBUG)).body)).toMatchObject({
      source_file_lookup_result: 'found',
      source_map_lookup_result: 'found',
    });
  });

  it('refuses bad indexes and events of another project', async () => {
    await using sentry = await start();
    expect(await sentry.fetchJson(`${DEBUG}?frame_idx=x`)).toMatchObject({
      status: 400,
      body: { detail: "Query parameter 'frame_idx' must be an integer" },
    });
    expect((await sentry.fetchJson(`${DEBUG}?exception_idx=0&frame_idx=99`)).status).toBe(400);
    const foreign = `/api/0/projects/acme/backend/events/${EVENT}/source-map-debug/`;
    expect((await sentry.fetchJson(foreign)).status).toBe(404);
  });
});

describe('chunk upload and artifact bundles', () => {
  it('answers the upload options, takes plain and gzipped chunks, and refuses a wrong checksum', async () => {
    await using sentry = await start();
    const options = await sentry.fetchJson<Row>('/api/0/organizations/acme/chunk-upload/');
    expect(options.body).toMatchObject({
      url: `${sentry.url}/api/0/organizations/acme/chunk-upload/`,
      chunkSize: 8_388_608,
      chunksPerRequest: 64,
      maxRequestSize: 33_554_432,
      hashAlgorithm: 'sha1',
      compression: ['gzip'],
      accept: expect.arrayContaining(['artifact_bundles', 'release_files', 'sources']),
    });
    const chunkA = Buffer.from('part one;');
    const chunkB = Buffer.from('part two;');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(chunkA)]), sha1(chunkA));
    form.append('file_gzip', new Blob([new Uint8Array(gzipSync(chunkB))]), sha1(chunkB));
    const posted = await fetch(`${sentry.url}/api/0/organizations/acme/chunk-upload/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sentry.token}` },
      body: form,
    });
    expect(posted.status).toBe(200);
    const wrong = new FormData();
    wrong.append('file', new Blob([new Uint8Array(chunkA)]), sha1('something else'));
    const refused = await fetch(`${sentry.url}/api/0/organizations/acme/chunk-upload/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sentry.token}` },
      body: wrong,
    });
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 400,
      body: { error: 'Checksum mismatch' },
    });

    // Both chunks are there; their join is not a zip, which the assembly reports.
    const whole = Buffer.concat([chunkA, chunkB]);
    const assemble = (body: unknown) =>
      sentry.fetchJson<Row>('/api/0/organizations/acme/artifactbundle/assemble/', {
        method: 'POST',
        body,
      });
    const missing = sha1('never uploaded');
    expect(
      (
        await assemble({
          checksum: sha1(whole),
          chunks: [sha1(chunkA), missing],
          projects: ['frontend'],
        })
      ).body,
    ).toEqual({ state: 'not_found', missingChunks: [missing] });
    expect(
      (
        await assemble({
          checksum: sha1(whole),
          chunks: [sha1(chunkA), sha1(chunkB)],
          projects: ['frontend'],
        })
      ).body,
    ).toMatchObject({ state: 'error', detail: expect.stringContaining('Invalid artifact bundle') });
    expect(
      await assemble({ checksum: sha1(whole), chunks: [sha1(chunkA)], projects: [] }),
    ).toMatchObject({ status: 400, body: { error: 'You need to specify at least one project' } });
  });
});

describe('debug files', () => {
  const DSYMS = '/api/0/projects/acme/android/files/dsyms/';
  const breakpad =
    'MODULE Linux arm64 0123456789ABCDEF0123456789ABCDEF0 libapp.so\nFILE 0 /src/app.c\nFUNC 1000 10 0 main\n';

  it('uploads, lists with query and debug_id, downloads by id and deletes by id', async () => {
    await using sentry = await start();
    const upload = await postForm(sentry, DSYMS, { file: new Blob([breakpad]) });
    expect(upload.status).toBe(201);
    const [dif] = upload.body as Row[];
    expect(dif).toMatchObject({
      debugId: '01234567-89ab-cdef-0123-456789abcdef',
      objectName: 'libapp.so',
      cpuName: 'arm64',
      symbolType: 'breakpad',
      size: breakpad.length,
      sha1: sha1(breakpad),
    });
    const proguard = await postForm(sentry, DSYMS, {
      file: new Blob(['com.acme.Main -> a:\n    void run() -> b\n']),
    });
    expect((proguard.body as Row[])[0]).toMatchObject({ symbolType: 'proguard', cpuName: 'any' });

    expect((await sentry.fetchJson<Row[]>(DSYMS)).body).toHaveLength(2);
    const byQuery = await sentry.fetchJson<Row[]>(`${DSYMS}?query=libapp`);
    expect(byQuery.body.map((f) => f['id'])).toEqual([dif?.['id']]);
    const byDebugId = await sentry.fetchJson<Row[]>(
      `${DSYMS}?debug_id=${String(dif?.['debugId'])}`,
    );
    expect(byDebugId.body).toHaveLength(1);
    expect((await sentry.fetchJson<Row[]>(`${DSYMS}?file_formats=proguard`)).body).toHaveLength(1);

    const { bytes } = await download(sentry, `${DSYMS}?id=${String(dif?.['id'])}`);
    expect(bytes.toString()).toBe(breakpad);
    expect(
      (await download(sentry, `${DSYMS}?id=${String(dif?.['id'])}`, 'reader')).response.status,
    ).toBe(403);

    expect(
      (await sentry.fetchJson(`${DSYMS}?id=${String(dif?.['id'])}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(
      (await sentry.fetchJson(`${DSYMS}?id=${String(dif?.['id'])}`, { method: 'DELETE' })).status,
    ).toBe(404);
    expect((await sentry.fetchJson<Row[]>(DSYMS)).body).toHaveLength(1);
    expect((await postForm(sentry, DSYMS, { name: 'x' })).body).toEqual({
      detail: 'Missing uploaded file',
    });
  });
});

/**
 * Release files and debug files through the gateway: uploads by the GraphQL multipart request
 * spec, the same bytes back through `downloadUrl`, the upload limit refused before any call,
 * renames and deletes, commit files, `Event.sourceMapDebug`, and who may download.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

type Row = Record<string, unknown>;

const EVENT = '818db72d81b5da7779ce3a1fe4643062';
const VERSION = 'frontend@1.8.2';

const start = (gateway: Parameters<typeof startTestGateway>[0] = {}) =>
  startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
    ...gateway,
  });

/** A GraphQL multipart request (operations, map, one file part) through `yoga.fetch`. */
async function uploadRequest(
  gateway: TestGateway,
  query: string,
  variables: Row,
  file: Blob,
  fileName: string,
  headers: Record<string, string> = { 'x-graphql-csrf': '1' },
) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, fileName);
  const response = await gateway.gateway.fetch(
    new Request('http://gateway.test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.sentry.token}`, ...headers },
      body: form,
    }),
  );
  return { status: response.status, body: (await response.json()) as Row };
}

const UPLOAD = /* GraphQL */ `
  mutation Upload($org: String!, $version: String!, $file: File!, $name: String, $dist: String) {
    uploadReleaseFile(
      input: {
        organizationSlug: $org
        version: $version
        file: $file
        name: $name
        dist: $dist
        headers: [{ name: "Sourcemap", value: "vendor.js.map" }]
      }
    ) {
      releaseFile { id sentryId name dist size sha1 headers { name value } downloadUrl release { version } }
      userErrors { field message code }
    }
  }
`;

const BYTES = new Uint8Array([0x76, 0x61, 0x72, 0x20, 0x00, 0xff, 0xfe, 0x0a, 0xe9, 0x80]);

describe('downloads and the response cache', () => {
  it('never answers a download from the cache: each one reads the bytes from Sentry', async () => {
    await using gateway = await start({ gateway: { cache: { ttlSeconds: 60 } } });
    const { body } = await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION, name: '~/static/js/cached.js' },
      new Blob([BYTES]),
      'cached.js',
    );
    const file = ((body['data'] as Row)['uploadReleaseFile'] as Row)['releaseFile'] as Row;
    await gateway.resetUpstreamStats();
    for (let i = 0; i < 2; i += 1) {
      const download = await gateway.gateway.fetch(
        new Request(String(file['downloadUrl']), {
          headers: { authorization: `Bearer ${gateway.sentry.token}` },
        }),
      );
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(BYTES);
    }
    expect((await gateway.upstreamRequests()).length).toBe(2);
  });
});

describe('uploadReleaseFile', () => {
  it('stores the bytes of a multipart upload and gives the same bytes back through downloadUrl', async () => {
    await using gateway = await start();
    await gateway.resetUpstreamStats();
    const { status, body } = await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION, name: '~/static/js/vendor.js' },
      new Blob([BYTES]),
      'vendor.js',
    );
    expect(status).toBe(200);
    const payload = (body['data'] as Row)['uploadReleaseFile'] as Row;
    expect(payload['userErrors']).toEqual([]);
    const file = payload['releaseFile'] as Row;
    expect(file).toMatchObject({
      name: '~/static/js/vendor.js',
      dist: null,
      size: BYTES.length,
      headers: [{ name: 'Sourcemap', value: 'vendor.js.map' }],
      release: { version: VERSION },
    });
    expect(await gateway.upstreamRequests()).toEqual([
      'POST /api/0/organizations/{org}/releases/{version}/files/',
    ]);

    const url = String(file['downloadUrl']);
    expect(url).toBe(
      `http://gateway.test/files/release-files/acme/${encodeURIComponent(VERSION)}/${String(file['sentryId'])}`,
    );
    const download = await gateway.gateway.fetch(
      new Request(url, { headers: { authorization: `Bearer ${gateway.sentry.token}` } }),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="vendor.js"');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(BYTES);

    const { data, errors } = await gateway.execute<{ node: Row }>(
      `query ($id: ID!) { node(id: $id) { ... on ReleaseFile { name sha1 } } }`,
      { id: String(file['id']) },
    );
    expect(errors).toBeUndefined();
    expect(data?.node).toEqual({ name: '~/static/js/vendor.js', sha1: file['sha1'] });
  });

  it('refuses a file over --max-upload-bytes with UPLOAD_TOO_LARGE before any call, and a body past the limits with 413', async () => {
    await using gateway = await start({
      gateway: { maxUploadBytes: 8, limits: { maxBodyBytes: 2048 } },
    });
    await gateway.resetUpstreamStats();
    const { body } = await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION },
      new Blob([BYTES]),
      'big.js',
    );
    expect(body['data']).toEqual({ uploadReleaseFile: null });
    expect(body['errors']).toMatchObject([
      { path: ['uploadReleaseFile'], extensions: { code: 'UPLOAD_TOO_LARGE', maxUploadBytes: 8 } },
    ]);
    const huge = await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION },
      new Blob([new Uint8Array(4096)]),
      'huge.js',
    );
    expect(huge.status).toBe(413);
    expect(huge.body['errors']).toMatchObject([
      { extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } },
    ]);
    expect(await gateway.upstreamStats()).toEqual({ requests: 0, byRoute: {} });
  });

  it('is refused without a CSRF header, as any multipart body a page could send', async () => {
    await using gateway = await start();
    const { status } = await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION },
      new Blob([BYTES]),
      'x.js',
      {},
    );
    expect(status).toBe(400);
    expect(await gateway.upstreamStats()).toMatchObject({ requests: 0 });
  });

  it('reports a name clash as ALREADY_EXISTS', async () => {
    await using gateway = await start();
    const vars = { org: 'acme', version: VERSION, name: '~/static/js/a.js' };
    await uploadRequest(gateway, UPLOAD, vars, new Blob(['1']), 'a.js');
    const { body } = await uploadRequest(gateway, UPLOAD, vars, new Blob(['2']), 'a.js');
    expect(((body['data'] as Row)['uploadReleaseFile'] as Row)['userErrors']).toMatchObject([
      { code: 'ALREADY_EXISTS' },
    ]);
  });
});

describe('ReleaseFile', () => {
  it('lists a release’s files on the release and the project, renames one and deletes it', async () => {
    await using gateway = await start();
    const list = await gateway.execute<{ organization: Row }>(
      `query ($version: String!) {
        organization(slug: "acme") {
          release(version: $version) { files(first: 10) { nodes { id name size } } }
          project(slug: "frontend") { releaseFiles(version: $version, query: ".map") { nodes { name } } }
          backend: project(slug: "backend") { releaseFiles(version: $version) { nodes { name } } }
        }
      }`,
      { version: VERSION },
    );
    const release = list.data?.organization['release'] as { files: { nodes: Row[] } };
    expect(release.files.nodes.map((f) => f['name'])).toEqual([
      '~/static/js/main.9c10ce58.js',
      '~/static/js/main.9c10ce58.js.map',
      '~/static/js/vendor.d206f6e2.js',
    ]);
    expect(list.data?.organization['project']).toEqual({
      releaseFiles: { nodes: [{ name: '~/static/js/main.9c10ce58.js.map' }] },
    });
    expect(list.data?.organization['backend']).toEqual({ releaseFiles: null });
    expect(list.errors).toMatchObject([
      { path: ['organization', 'backend', 'releaseFiles'], extensions: { code: 'NOT_FOUND' } },
    ]);

    const id = String(release.files.nodes[2]?.['id']);
    const renamed = await gateway.execute<{ updateReleaseFile: Row }>(
      `mutation ($id: ID!) {
        updateReleaseFile(input: { id: $id, dist: "web" }) {
          releaseFile { name dist }
          userErrors { code }
        }
      }`,
      { id },
    );
    expect(renamed.data?.updateReleaseFile).toEqual({
      releaseFile: { name: '~/static/js/vendor.d206f6e2.js', dist: 'web' },
      userErrors: [],
    });
    const removed = await gateway.execute<{ deleteReleaseFile: Row }>(
      `mutation ($id: ID!) { deleteReleaseFile(input: { id: $id }) { deletedReleaseFileId userErrors { code } } }`,
      { id },
    );
    expect(removed.data?.deleteReleaseFile).toEqual({ deletedReleaseFileId: id, userErrors: [] });
    const again = await gateway.execute<{ deleteReleaseFile: Row }>(
      `mutation ($id: ID!) { deleteReleaseFile(input: { id: $id }) { deletedReleaseFileId userErrors { code } } }`,
      { id },
    );
    expect(again.data?.deleteReleaseFile).toEqual({
      deletedReleaseFileId: null,
      userErrors: [{ code: 'NOT_FOUND' }],
    });
  });

  it('lists the files the release commits changed', async () => {
    await using gateway = await start();
    const { data, errors } = await gateway.execute<{ organization: { release: Row } }>(
      `{ organization(slug: "acme") { release(version: "${VERSION}") { commitFiles { filename changeType repositoryName } } } }`,
    );
    expect(errors).toBeUndefined();
    const changes = data?.organization.release['commitFiles'] as Row[];
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(['ADDED', 'MODIFIED', 'DELETED']).toContain(change['changeType']);
    }
  });
});

describe('Event.sourceMapDebug', () => {
  it('shows the frame found among the release files once its file is uploaded', async () => {
    await using gateway = await start();
    const QUERY = `query ($id: String!) {
      organization(slug: "acme") {
        event(eventId: $id) {
          sourceMapDebug(exception: 0, frame: 0) {
            release releaseHasArtifacts
            frames { exceptionIndex frameIndex absPath sourceFile sourceMapReference matchingSourceMapName sourceMap }
          }
        }
      }
    }`;
    const before = await gateway.execute<{ organization: { event: Row } }>(QUERY, { id: EVENT });
    expect(before.errors).toBeUndefined();
    expect(before.data?.organization.event['sourceMapDebug']).toEqual({
      release: VERSION,
      releaseHasArtifacts: true,
      frames: [
        {
          exceptionIndex: 0,
          frameIndex: 0,
          absPath: 'https://app.example.com/static/js/vendor.js',
          sourceFile: 'UNSUCCESSFUL',
          sourceMapReference: null,
          matchingSourceMapName: null,
          sourceMap: 'UNSUCCESSFUL',
        },
      ],
    });
    await uploadRequest(
      gateway,
      UPLOAD,
      { org: 'acme', version: VERSION, name: '~/static/js/vendor.js' },
      new Blob(['var v;']),
      'vendor.js',
    );
    const after = await gateway.execute<{ organization: { event: Row } }>(QUERY, { id: EVENT });
    expect(
      (after.data?.organization.event['sourceMapDebug'] as { frames: Row[] } | undefined)
        ?.frames[0],
    ).toMatchObject({
      sourceFile: 'FOUND',
      sourceMapReference: 'vendor.js.map',
      matchingSourceMapName: '~/static/js/vendor.js.map',
      sourceMap: 'UNSUCCESSFUL',
    });
  });
});

describe('downloads', () => {
  it('use the server-wide token only for a request no other site made', async () => {
    await using gateway = await start({ token: 'local-demo-token' });
    const [file] =
      gateway.sentry.data.organizations.get('acme')?.releasesByVersion.get(VERSION)?.files ?? [];
    const url = `http://gateway.test/files/release-files/acme/${encodeURIComponent(VERSION)}/${file?.id}`;
    const same = await gateway.gateway.fetch(new Request(url));
    expect(same.status).toBe(200);
    expect((await same.arrayBuffer()).byteLength).toBe(file?.size);
    const crossSite = await gateway.gateway.fetch(
      new Request(url, { headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expect(crossSite.status).toBe(401);
    expect(await crossSite.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const foreign = await gateway.gateway.fetch(
      new Request(url, { headers: { origin: 'https://evil.example' } }),
    );
    expect(foreign.status).toBe(401);
    const missing = await gateway.gateway.fetch(
      new Request(`http://gateway.test/files/release-files/acme/${encodeURIComponent(VERSION)}/1`),
    );
    expect(missing.status).toBe(404);
  });

  it('pass the caller’s own token, which Sentry checks (project:read may not download)', async () => {
    await using gateway = await startTestGateway({
      localSentry: {
        data: generateData({ seed: 1, scale: 'small' }),
        tokens: ['local-demo-token', { token: 'reader', scopes: ['project:read'] }],
      },
    });
    const [file] =
      gateway.sentry.data.organizations.get('acme')?.releasesByVersion.get(VERSION)?.files ?? [];
    const url = `http://gateway.test/files/release-files/acme/${encodeURIComponent(VERSION)}/${file?.id}`;
    const reader = await gateway.gateway.fetch(
      new Request(url, { headers: { authorization: 'Bearer reader' } }),
    );
    expect(reader.status).toBe(403);
    const none = await gateway.gateway.fetch(new Request(url));
    expect(none.status).toBe(401);
  });
});

describe('DebugFile', () => {
  const UPLOAD_DIF = /* GraphQL */ `
    mutation ($file: File!) {
      uploadDebugFile(input: { organizationSlug: "acme", projectSlug: "android", file: $file }) {
        debugFiles { id debugId objectName symbolType cpuName features size downloadUrl project { slug } }
        userErrors { code }
      }
    }
  `;
  const breakpad =
    'MODULE Linux arm64 0123456789ABCDEF0123456789ABCDEF0 libapp.so\nFILE 0 /src/app.c\nFUNC 1000 10 0 main\n';

  it('uploads a debug file, lists and finds it, and deletes it', async () => {
    await using gateway = await start();
    const { body } = await uploadRequest(
      gateway,
      UPLOAD_DIF,
      {},
      new Blob([breakpad]),
      'libapp.sym',
    );
    const payload = (body['data'] as Row)['uploadDebugFile'] as { debugFiles: Row[] };
    expect(payload.debugFiles).toMatchObject([
      {
        debugId: '01234567-89ab-cdef-0123-456789abcdef',
        objectName: 'libapp.so',
        symbolType: 'breakpad',
        cpuName: 'arm64',
        features: ['symtab', 'unwind'],
        size: breakpad.length,
        project: { slug: 'android' },
      },
    ]);
    const id = String(payload.debugFiles[0]?.['id']);
    const download = await gateway.gateway.fetch(
      new Request(String(payload.debugFiles[0]?.['downloadUrl']), {
        headers: { authorization: `Bearer ${gateway.sentry.token}` },
      }),
    );
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="libapp.so"');
    expect(await download.text()).toBe(breakpad);
    const list = await gateway.execute<{ organization: { project: Row } }>(
      `{ organization(slug: "acme") { project(slug: "android") { debugFiles(query: "libapp") { nodes { id } } } } }`,
    );
    expect(list.data?.organization.project).toEqual({ debugFiles: { nodes: [{ id }] } });
    const node = await gateway.execute<{ node: Row }>(
      `query ($id: ID!) { node(id: $id) { ... on DebugFile { objectName } } }`,
      { id },
    );
    expect(node.data?.node).toEqual({ objectName: 'libapp.so' });

    await gateway.resetUpstreamStats();
    const removed = await gateway.execute<{ deleteDebugFiles: Row }>(
      `mutation ($ids: [ID!]!) { deleteDebugFiles(input: { ids: $ids }) { deletedDebugFileIds userErrors { code } } }`,
      { ids: [id] },
    );
    expect(removed.data?.deleteDebugFiles).toEqual({ deletedDebugFileIds: [id], userErrors: [] });
    expect(await gateway.upstreamRequests()).toEqual([
      'DELETE /api/0/projects/{org}/{project}/files/dsyms/',
    ]);
    const empty = await gateway.execute<{ deleteDebugFiles: Row }>(
      `mutation { deleteDebugFiles(input: { ids: [] }) { deletedDebugFileIds userErrors { code } } }`,
    );
    expect(empty.data?.deleteDebugFiles).toEqual({
      deletedDebugFileIds: null,
      userErrors: [{ code: 'EMPTY_LIST' }],
    });
  });
});

describe('release-files-page.graphql', () => {
  it('costs its stated minimum: the release and its files, nothing more', async () => {
    await using gateway = await start();
    const text = readFileSync(
      new URL('../../schema/operations/release-files-page.graphql', import.meta.url),
      'utf8',
    );
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{ organization: Row }>(text, {
      org: 'acme',
      version: VERSION,
    });
    expect(errors).toBeUndefined();
    const release = data?.organization['release'] as { files: { nodes: Row[] } };
    expect(release.files.nodes).toHaveLength(3);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/releases/{version}/': 1,
      'GET /api/0/organizations/{org}/releases/{version}/files/': 1,
    });
    expect(extensions?.['restCalls']).toBe(2);
  });
});

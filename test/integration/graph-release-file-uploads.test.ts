/** Release and debug file uploads through the gateway: bytes back, size limit, CSRF, clashes. */
import { describe, expect, it } from 'vitest';
import {
  BYTES,
  type Row,
  start,
  UPLOAD,
  uploadRequest,
  VERSION,
} from '../helpers/release-files.ts';

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

  it('answers a File variable that is not a file with BAD_USER_INPUT, before any call', async () => {
    await using gateway = await start();
    await gateway.resetUpstreamStats();
    for (const [document, variables] of [
      [
        'mutation ($input: UploadDebugFileInput!) { uploadDebugFile(input: $input) { userErrors { message } } }',
        { input: { organizationSlug: 'acme', projectSlug: 'android', file: 'not a file' } },
      ],
      [
        'mutation ($file: File!) { uploadDebugFile(input: { organizationSlug: "acme", projectSlug: "android", file: $file }) { userErrors { message } } }',
        { file: { name: 'x' } },
      ],
    ] as const) {
      const { status, errors } = await gateway.execute(document, variables);
      expect(status).toBe(400);
      expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      expect(errors?.[0]?.message).toContain('File must be a part of a multipart request');
    }
    expect(await gateway.upstreamStats()).toEqual({ requests: 0, byRoute: {} });
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

import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';
import { loadManifest } from '../../src/server/persisted-operations.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const MANIFEST = join(import.meta.dirname, '../../schema/persisted/persisted-documents.json');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function send(gateway: TestGateway, body: Record<string, unknown>) {
  const response = await gateway.gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${gateway.sentry.token}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, ...json, codes: json.errors?.map((e) => e.extensions?.code) };
}

const QUERY = '{ organization(slug: "acme") { slug } }';

describe('automatic persisted queries', () => {
  it('asks for an unknown hash, stores it sent with its document, then runs the hash alone', async () => {
    await using gateway = await startTestGateway();
    const hash = sha256(QUERY);
    const unknown = await send(gateway, { extensions: apq(hash) });
    expect(unknown).toMatchObject({ status: 404, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
    expect(unknown.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const stored = await send(gateway, { query: QUERY, extensions: apq(hash) });
    expect(stored).toMatchObject({ status: 200, data: { organization: { slug: 'acme' } } });
    const again = await send(gateway, { extensions: apq(hash) });
    expect(again).toMatchObject({ status: 200, data: { organization: { slug: 'acme' } } });
    expect(again.errors).toBeUndefined();
  });

  it('refuses a document whose hash does not match', async () => {
    await using gateway = await startTestGateway();
    const wrong = await send(gateway, { query: QUERY, extensions: apq(sha256('other')) });
    expect(wrong).toMatchObject({ status: 400, codes: ['PERSISTED_QUERY_MISMATCH'] });
    expect(await gateway.upstreamStats()).toMatchObject({ requests: 0 });
  });
});

describe('trusted documents', () => {
  it('runs the documents of the manifest npm run codegen writes, by documentId or bare hash', async () => {
    const manifest = await loadManifest(MANIFEST);
    const [hash] = [...manifest].find(([, doc]) => doc.startsWith('query OrgSwitcher ')) ?? [];
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    await using gateway = await startTestGateway({
      gateway: { persistedOperations: { manifest } },
    });
    const byId = await send(gateway, { documentId: hash });
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toMatchObject({ organizations: { nodes: expect.any(Array) } });
    const byApq = await send(gateway, { extensions: apq(hash!.slice('sha256:'.length)) });
    expect(byApq.data).toEqual(byId.data);
    // Without --only-persisted, any other document still runs.
    expect(await send(gateway, { query: QUERY })).toMatchObject({ status: 200 });
  });

  it('with only: runs nothing but the manifest, and stores nothing', async () => {
    const manifest = new Map([['sha256:abc', QUERY]]);
    await using gateway = await startTestGateway({
      gateway: { persistedOperations: { manifest, only: true } },
    });
    expect(await send(gateway, { documentId: 'sha256:abc' })).toMatchObject({
      status: 200,
      data: { organization: { slug: 'acme' } },
    });
    expect(await send(gateway, { extensions: apq('abc') })).toMatchObject({ status: 200 });
    const other = '{ organizations(first: 1) { nodes { slug } } }';
    expect(await send(gateway, { query: other })).toMatchObject({
      status: 400,
      codes: ['PERSISTED_QUERY_REQUIRED'],
    });
    expect(await send(gateway, { query: other, extensions: apq(sha256(other)) })).toMatchObject({
      status: 400,
      codes: ['PERSISTED_QUERY_REQUIRED'],
    });
    expect(await send(gateway, { extensions: apq(sha256(other)) })).toMatchObject({
      status: 404,
      codes: ['PERSISTED_QUERY_NOT_FOUND'],
    });
    expect(await send(gateway, {})).toMatchObject({
      status: 400,
      codes: ['PERSISTED_QUERY_REQUIRED'],
    });
    // The refused document never ran.
    const { byRoute } = await gateway.upstreamStats();
    expect(Object.keys(byRoute)).not.toContain('GET /api/0/organizations/');
  });

  it('refuses a manifest that is not one, naming the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const file = join(dir, 'm.json');
      await writeFile(file, '[1, 2]');
      await expect(loadManifest(file)).rejects.toThrow(
        /must be a JSON object from hash to GraphQL document/,
      );
      await writeFile(file, '{"a": 1}');
      await expect(loadManifest(file)).rejects.toThrow(
        /the value of "a" is not a GraphQL document/,
      );
      await writeFile(file, '{"a": "query {"}');
      await expect(loadManifest(file)).rejects.toThrow(/the document of "a" does not parse/);
      await expect(loadManifest(join(dir, 'missing.json'))).rejects.toThrow(/cannot read/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('takes --persisted-operations FILE and --only-persisted, the second needing the first', () => {
    expect(
      parseServeArgs(['--persisted-operations', 'm.json', '--only-persisted'], {}),
    ).toMatchObject({
      persistedOperationsFile: 'm.json',
      onlyPersisted: true,
    });
    expect(() => parseServeArgs(['--only-persisted'], {})).toThrow(
      '--only-persisted needs --persisted-operations FILE',
    );
  });
});

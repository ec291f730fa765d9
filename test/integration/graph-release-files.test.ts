/** Release files through the gateway: list, rename, delete, commit files, Event.sourceMapDebug. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Row, start, UPLOAD, uploadRequest, VERSION } from '../helpers/release-files.ts';

const EVENT = '818db72d81b5da7779ce3a1fe4643062';

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

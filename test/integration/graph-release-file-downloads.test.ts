/** Release file downloads through the gateway: never cached, and whose token each one uses. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  BYTES,
  type Row,
  start,
  UPLOAD,
  uploadRequest,
  VERSION,
} from '../helpers/release-files.ts';

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

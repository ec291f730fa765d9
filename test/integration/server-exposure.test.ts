/**
 * What a web page can do with a gateway that holds a server-wide token, over a real listener
 * (`startServer` on port 0): CORS for named origins only, CSRF prevention for the requests a
 * browser sends without a preflight, and the body limit counted on the bytes read.
 */
import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { DEFAULT_TOKEN } from '../../src/local-sentry/http/auth.ts';
import { type ServeOptions, startServer } from '../../src/main.ts';
import { createGateway } from '../../src/server.ts';
import { padded, type RawResponse, rawRequest } from '../helpers/http.ts';

const QUERY = '{ organizations { nodes { slug } } }';

/** The gateway with a server-wide token over the embedded Sentry, and what to check it with. */
async function startExposed(options: Partial<ServeOptions> = {}) {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    scale: 'small',
    token: DEFAULT_TOKEN,
    ...options,
  });
  const sentry = server.localSentry;
  if (!sentry) throw new Error('no embedded Sentry');
  const issue = sentry.data.organizations
    .get('acme')
    ?.issues.find((candidate) => candidate.wire.status === 'unresolved');
  if (!issue) throw new Error('no unresolved acme issue');
  const mutation = `mutation { updateIssue(input: { id: "${encodeGlobalId('Issue', `acme/${issue.wire.id}`)}", status: RESOLVED }) { issue { status } } }`;
  return {
    server,
    mutation,
    /** `GET /_local/stats` of the embedded Sentry. */
    async upstream() {
      const response = await fetch(`${sentry.url}/_local/stats`);
      return (await response.json()) as { requests: number; byRoute: Record<string, number> };
    },
    /** The issue's status as Sentry's REST API shows it (read after `upstream()`). */
    async issueStatus() {
      const response = await fetch(
        `${sentry.url}/api/0/organizations/acme/issues/${issue.wire.id}/`,
        {
          headers: { authorization: `Bearer ${sentry.token}` },
        },
      );
      return ((await response.json()) as { status: string }).status;
    },
    [Symbol.asyncDispose]: () => server.close(),
  };
}

const errorsOf = (response: RawResponse) =>
  (JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] }).errors;

const form = (query: string) => `query=${encodeURIComponent(query)}`;
const multipart = (query: string) =>
  `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query })}\r\n--b--\r\n`;

/** Bodies a page on any origin can POST without a preflight (an HTML form, or `fetch`). */
const SIMPLE_BODIES = [
  ['application/x-www-form-urlencoded', form],
  ['multipart/form-data; boundary=b', multipart],
  ['text/plain;charset=UTF-8', (query: string) => JSON.stringify({ query })],
] as const;

describe('CORS', () => {
  it('gives a page of another origin no CORS headers: its preflight and its request get none', async () => {
    await using gateway = await startExposed();
    const preflight = await rawRequest(gateway.server.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    const post = await rawRequest(gateway.server.url, {
      method: 'POST',
      headers: { origin: 'http://evil.test', 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(post.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('allows the origins named with corsOrigins, and only those', async () => {
    await using gateway = await startExposed({
      corsOrigins: ['http://app.test:3000', 'https://admin.test'],
    });
    const preflight = (origin: string) =>
      rawRequest(gateway.server.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('http://app.test:3000');
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'http://app.test:3000',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'authorization, content-type',
    });
    expect(allowed.headers['vary']).toMatch(/\bOrigin\b/);
    expect((await preflight('https://admin.test')).headers['access-control-allow-origin']).toBe(
      'https://admin.test',
    );
    for (const origin of ['http://evil.test', 'http://app.test:3001', 'null']) {
      const refused = await preflight(origin);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['vary']).toMatch(/\bOrigin\b/);
    }
    const post = await rawRequest(gateway.server.url, {
      method: 'POST',
      headers: { origin: 'http://app.test:3000', 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('http://app.test:3000');
    expect(JSON.parse(post.text)).toMatchObject({ data: { organizations: { nodes: [{}, {}] } } });
  });

  it('refuses an origin that is not one in createGateway', () => {
    for (const origin of [
      'app.test',
      'http://app.test/path',
      'https://*.app.test',
      '*',
      'ftp://a',
    ]) {
      expect(() =>
        createGateway({ upstream: 'http://127.0.0.1:9', cors: { origins: [origin] } }),
      ).toThrow(/must be an origin/);
    }
  });

  it('keeps GraphiQL on its own origin, out of other sites’ frames', async () => {
    await using gateway = await startExposed();
    const page = await rawRequest(gateway.server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('GraphiQL');
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});

describe('CSRF prevention', () => {
  it.each(SIMPLE_BODIES)(
    'refuses a %s POST without a CSRF header, query or mutation, with 400 BAD_REQUEST and no call',
    async (contentType, encode) => {
      await using gateway = await startExposed();
      for (const query of [QUERY, gateway.mutation]) {
        const response = await rawRequest(gateway.server.url, {
          method: 'POST',
          headers: { origin: 'http://evil.test', 'content-type': contentType },
          body: encode(query),
        });
        expect(response.status).toBe(400);
        expect(errorsOf(response)?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      }
      expect(await gateway.upstream()).toEqual({ requests: 0, byRoute: {} });
      expect(await gateway.issueStatus()).toBe('unresolved');
    },
  );

  it('refuses a GET without a CSRF header or a JSON content type, and runs it with either', async () => {
    await using gateway = await startExposed();
    const url = `${gateway.server.url}?query=${encodeURIComponent(QUERY)}`;
    const bare = await rawRequest(url);
    expect(bare.status).toBe(400);
    expect(errorsOf(bare)?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await gateway.upstream()).toEqual({ requests: 0, byRoute: {} });
    const allowed: Record<string, string>[] = [
      { 'x-graphql-csrf': '1' },
      { 'apollo-require-preflight': 'true' },
      { 'content-type': 'application/json' },
    ];
    for (const headers of allowed) {
      const response = await rawRequest(url, { headers });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toMatchObject({ data: { organizations: {} } });
    }
    // A mutation over GET stays refused (Yoga's rule), header or not.
    const mutation = await rawRequest(
      `${gateway.server.url}?query=${encodeURIComponent(gateway.mutation)}`,
      { headers: { 'x-graphql-csrf': '1' } },
    );
    expect(mutation.status).toBe(405);
    expect(await gateway.upstream()).toEqual({
      requests: 3,
      byRoute: { 'GET /api/0/organizations/': 3 },
    });
    expect(await gateway.issueStatus()).toBe('unresolved');
  });

  it('runs a form POST that carries a CSRF header, mutation included', async () => {
    await using gateway = await startExposed();
    const response = await rawRequest(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-csrf': '1' },
      body: form(gateway.mutation),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      data: { updateIssue: { issue: { status: 'RESOLVED' } } },
      extensions: { restCalls: expect.any(Number), cacheHits: 0 },
    });
    expect(await gateway.issueStatus()).toBe('resolved');
  });

  // Multipart bodies with the header are the upload mutations' (GraphQL multipart request spec).
  it('executes no text/plain body even with the header: 415, no call', async () => {
    await using gateway = await startExposed();
    for (const [contentType, encode] of SIMPLE_BODIES.slice(2)) {
      const response = await rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { 'content-type': contentType, 'apollo-require-preflight': 'true' },
        body: encode(gateway.mutation),
      });
      expect(response.status).toBe(415);
    }
    expect(await gateway.upstream()).toEqual({ requests: 0, byRoute: {} });
  });

  it('runs a JSON POST, as GraphiQL sends it, without any CSRF header', async () => {
    await using gateway = await startExposed();
    const response = await rawRequest(gateway.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ data: { organizations: {} } });
  });
});

describe('request body limit', () => {
  /** A JSON body holding the mutation, padded with `size` bytes of comment: if run, it writes. */
  const mutationBody = (mutation: string, size: number) =>
    padded(`{"query":${JSON.stringify(`${mutation} #`).slice(0, -1)}`, size, '"}');

  it.each([2_000_000, 20_000_000])(
    'refuses a chunked body of %i bytes with 413 REQUEST_ENTITY_TOO_LARGE and runs nothing',
    async (size) => {
      await using gateway = await startExposed();
      const response = await rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: mutationBody(gateway.mutation, size),
      });
      expect(response.status).toBe(413);
      expect(errorsOf(response)?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
      expect(await gateway.upstream()).toEqual({ requests: 0, byRoute: {} });
      expect(await gateway.issueStatus()).toBe('unresolved');
    },
  );

  it('takes its limit from maxBodyBytes, by Content-Length or by the bytes read', async () => {
    await using gateway = await startExposed({ maxBodyBytes: 4_096 });
    const post = (body: string | Iterable<Buffer>) =>
      rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const small = await post(mutationBody(QUERY, 3_000));
    expect(small.status).toBe(200);
    expect(JSON.parse(small.text)).toMatchObject({ data: { organizations: {} } });
    const chunked = await post(mutationBody(gateway.mutation, 5_000));
    const sized = await post(
      JSON.stringify({ query: `${gateway.mutation} #${'x'.repeat(5_000)}` }),
    );
    for (const response of [chunked, sized]) {
      expect(response.status).toBe(413);
      expect(errorsOf(response)?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    }
    expect(await gateway.upstream()).toEqual({
      requests: 1,
      byRoute: { 'GET /api/0/organizations/': 1 },
    });
    expect(await gateway.issueStatus()).toBe('unresolved');
  });

  it('closes a connection whose body it cut off, so a keep-alive client’s next request is answered', async () => {
    await using gateway = await startExposed();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const cut = await rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: mutationBody(gateway.mutation, 2_000_000),
        agent,
      });
      expect(cut.status).toBe(413);
      expect(cut.headers['connection']).toBe('close');
      const next = await rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
        agent,
      });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

describe('DNS rebinding', () => {
  const body = JSON.stringify({ query: QUERY });
  const json = { 'content-type': 'application/json' };

  it('on loopback answers only loopback Host names: a rebound name is refused and reaches nothing', async () => {
    await using gateway = await startExposed();
    const before = (await gateway.upstream()).requests;
    const rebound = await rawRequest(gateway.server.url, {
      method: 'POST',
      headers: { ...json, host: 'evil.test:4000' },
      body,
    });
    expect(rebound.status).toBe(400);
    expect(errorsOf(rebound)?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(rebound.text).not.toContain('acme');
    expect((await gateway.upstream()).requests).toBe(before);
    for (const host of ['localhost:4000', '127.0.0.1', '[::1]:4000', 'app.localhost']) {
      const ok = await rawRequest(gateway.server.url, {
        method: 'POST',
        headers: { ...json, host },
        body,
      });
      expect(ok.status, host).toBe(200);
      expect(ok.text, host).toContain('acme');
    }
  });

  it('answers a name given with --allowed-host, and any name when listening beyond loopback with none given', async () => {
    await using proxied = await startExposed({ allowedHosts: ['gateway.internal'] });
    const named = await rawRequest(proxied.server.url, {
      method: 'POST',
      headers: { ...json, host: 'gateway.internal' },
      body,
    });
    expect(named.status).toBe(200);
    const other = await rawRequest(proxied.server.url, {
      method: 'POST',
      headers: { ...json, host: 'evil.test' },
      body,
    });
    expect(other.status).toBe(400);
    // 0.0.0.0 is an explicit choice to serve other hosts: no Host check unless names are given.
    await using open = await startExposed({ host: '0.0.0.0', token: undefined });
    const url = open.server.url.replace(
      /\/\/[^/]+/,
      `//127.0.0.1:${new URL(open.server.url).port}`,
    );
    const any = await rawRequest(url, {
      method: 'POST',
      headers: { ...json, host: 'gateway.example.com', authorization: 'Bearer local-demo-token' },
      body,
    });
    expect(any.status).toBe(200);
  });
});

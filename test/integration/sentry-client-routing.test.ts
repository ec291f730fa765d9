import { once } from 'node:events';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { paginate } from '../../src/sentry/http/pagination.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

interface Proxy extends AsyncDisposable {
  port: number;
  /** `METHOD path` and whether an Authorization header came along, per request received. */
  received: { line: string; authorized: boolean }[];
}

/**
 * A real reverse proxy: forwards to `target`, optionally stripping a path prefix (404 for
 * anything outside it) and rewriting JSON bodies of responses.
 */
async function startProxy(
  target: string,
  options: { stripPrefix?: string; rewrite?: (path: string, body: unknown) => unknown } = {},
): Promise<Proxy> {
  const received: Proxy['received'] = [];
  const targetUrl = new URL(target);
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = incoming.url ?? '/';
    received.push({
      line: `${incoming.method} ${url}`,
      authorized: !!incoming.headers.authorization,
    });
    let path = url;
    if (options.stripPrefix) {
      if (!url.startsWith(`${options.stripPrefix}/`)) {
        outgoing.writeHead(404, { 'content-type': 'text/plain' }).end('outside the prefix');
        return;
      }
      path = url.slice(options.stripPrefix.length);
    }
    const forward = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: incoming.method,
        path,
        headers: { ...incoming.headers, host: targetUrl.host },
      },
      (upstream) => {
        if (!options.rewrite || !(upstream.headers['content-type'] ?? '').includes('json')) {
          outgoing.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstream.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const body = JSON.stringify(options.rewrite?.(path, JSON.parse(text)));
          const headers = {
            ...upstream.headers,
            'content-length': String(Buffer.byteLength(body)),
          };
          outgoing.writeHead(upstream.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    received,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Resolves every `*.localhost` name to loopback, as browsers do (glibc does not). */
const loopbackLookup = (
  _hostname: string,
  options: { all?: boolean },
  callback: (...args: unknown[]) => void,
) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

describe('base URL with a path prefix', () => {
  it('sends every request under /sentry/api/0/ through a real reverse proxy', async () => {
    await using sentry = await startLocalSentry();
    await using proxy = await startProxy(sentry.url, { stripPrefix: '/sentry' });
    await using upstream = createUpstream({ baseUrl: `http://127.0.0.1:${proxy.port}/sentry/` });
    const client = new SentryClient({ upstream, token: sentry.token });

    await expect(client.organizations.get('acme')).resolves.toMatchObject({ slug: 'acme' });
    const ids: string[] = [];
    for await (const issue of paginate((cursor) =>
      client.issues.list('acme', { perPage: 50, cursor }),
    )) {
      ids.push(issue.id);
    }
    expect(ids.length).toBeGreaterThan(50);
    await expect(client.projects.get('acme', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(proxy.received.map((r) => r.line)).toHaveLength(client.requestCount);
    for (const { line } of proxy.received) expect(line).toMatch(/^GET \/sentry\/api\/0\//);
    expect(sentry.stats().requests).toBe(client.requestCount);
  });
});

describe('regional hosts', () => {
  it('routes an organization to its trusted region, and never to an untrusted one', async () => {
    await using sentry = await startLocalSentry();
    // The region host: a second proxy in front of the same store, reached as us.localhost.
    await using region = await startProxy(sentry.url);
    const regionUrl = `http://us.localhost:${region.port}`;
    // The configured host answers the organization list with regionUrls.
    await using control = await startProxy(sentry.url, {
      rewrite: (path, body) => {
        const name = (org: { slug: string }) =>
          org.slug === 'acme' ? regionUrl : `http://attacker.example:${region.port}`;
        const withRegion = (org: { slug: string; links: Record<string, string> }) => ({
          ...org,
          links: { ...org.links, regionUrl: name(org) },
        });
        if (path.startsWith('/api/0/organizations/?') || path === '/api/0/organizations/') {
          return (body as { slug: string; links: Record<string, string> }[]).map(withRegion);
        }
        return body;
      },
    });
    await using upstream = createUpstream({
      baseUrl: `http://localhost:${control.port}`,
      connect: { lookup: loopbackLookup } as never,
    });
    const client = new SentryClient({ upstream, token: sentry.token });

    const organizations = await client.organizations.list();
    expect(organizations.items.map((org) => org.slug).sort()).toEqual(['acme', 'globex']);
    expect(upstream.baseUrlFor('acme')).toBe(regionUrl);
    expect(upstream.baseUrlFor('globex')).toBe(`http://localhost:${control.port}`);
    expect(upstream.stats().refusedRegions).toBe(2); // globex, by slug and by id

    const before = region.received.length;
    await expect(client.projects.get('acme', 'backend')).resolves.toMatchObject({
      slug: 'backend',
    });
    await expect(client.projects.get('globex', globexProject(sentry))).resolves.toMatchObject({
      organizationSlug: 'globex',
    });
    const regional = region.received.slice(before);
    expect(regional.map((r) => r.line)).toEqual(['GET /api/0/projects/acme/backend/']);
    expect(regional.every((r) => r.authorized)).toBe(true);
    expect(control.received.some((r) => r.line.startsWith('GET /api/0/projects/globex/'))).toBe(
      true,
    );
    expect(control.received.some((r) => r.line.startsWith('GET /api/0/projects/acme/'))).toBe(
      false,
    );
  });
});

function globexProject(sentry: {
  data: { organizations: Map<string, { projects: { wire: { slug: string } }[] }> };
}): string {
  const slug = sentry.data.organizations.get('globex')?.projects[0]?.wire.slug;
  if (!slug) throw new Error('no globex project in the seed data');
  return slug;
}

/**
 * Ask Sentry for less: an issue list leaves out (`collapse=`) the row parts the operation does
 * not select anywhere on an Issue, and keeps the ones it does. Seen from the requests a
 * forwarding proxy in front of the local Sentry receives.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { createGateway, type Gateway } from '../../src/server.ts';

describe('issue lists ask for the row parts the operation reads', () => {
  const seen: URL[] = [];
  let sentry: Awaited<ReturnType<typeof startLocalSentry>>;
  let proxy: ReturnType<typeof createServer>;
  let gateway: Gateway;

  beforeAll(async () => {
    sentry = await startLocalSentry({ scale: 'small' });
    proxy = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', sentry.url);
      seen.push(url);
      const upstream = await fetch(url, {
        headers: { authorization: request.headers.authorization ?? '' },
      });
      response.writeHead(upstream.status, Object.fromEntries(upstream.headers));
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as AddressInfo;
    gateway = createGateway({ upstream: `http://127.0.0.1:${port}`, token: sentry.token });
  });
  afterAll(async () => {
    await gateway?.close();
    proxy?.close();
    await sentry?.close();
  });

  async function listCall(selection: string): Promise<{ collapse: string[]; data: unknown }> {
    seen.length = 0;
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ organization(slug: "acme") { issues(first: 3) { nodes { ${selection} } } } }`,
      }),
    });
    const body = (await response.json()) as { data: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const lists = seen.filter((url) => url.pathname === '/api/0/organizations/acme/issues/');
    expect(lists).toHaveLength(1);
    return { collapse: lists[0]?.searchParams.getAll('collapse').sort() ?? [], data: body.data };
  }

  it('collapses stats, lifetime and filtered when none is selected', async () => {
    const { collapse, data } = await listCall('shortId title isUnhandled');
    expect(collapse).toEqual(['filtered', 'lifetime', 'stats']);
    const nodes = (data as { organization: { issues: { nodes: { isUnhandled: boolean }[] } } })
      .organization.issues.nodes;
    expect(nodes).toHaveLength(3);
    // `unhandled` is never collapsed: the non-null field reads it.
    expect(nodes.every((node) => typeof node.isUnhandled === 'boolean')).toBe(true);
  });

  it('keeps what the selection reads, and only that', async () => {
    expect((await listCall('shortId stats(period: DAY) { count }')).collapse).toEqual([
      'filtered',
      'lifetime',
    ]);
    const kept = await listCall('lifetime { eventCount } filtered { eventCount }');
    expect(kept.collapse).toEqual(['stats']);
    const nodes = (
      kept.data as { organization: { issues: { nodes: { lifetime: { eventCount: number } }[] } } }
    ).organization.issues.nodes;
    expect(nodes.every((node) => node.lifetime.eventCount > 0)).toBe(true);
  });
});

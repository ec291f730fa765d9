/**
 * Bulk issue writes carry both guards of SENTRY-API.md §2.6: the ids with `project=-1`, and a
 * `query` naming the same issues, so a Sentry that falls back to a query-based change when no id
 * matches still reaches only these issues.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

/** An upstream that records each request's method and query and answers like a bulk write. */
async function recordingSentry() {
  const seen: { method: string; query: URLSearchParams }[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://recorder');
    seen.push({ method: request.method ?? '', query: url.searchParams });
    request.resume();
    if (request.method === 'DELETE') {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ status: 'resolved', statusDetails: {} }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const upstream = createUpstream({ baseUrl: `http://127.0.0.1:${port}` });
  return {
    seen,
    client: new SentryClient({ upstream, token: 'recorded-token' }),
    async [Symbol.asyncDispose]() {
      await upstream.close();
      server.close();
      await once(server, 'close');
    },
  };
}

const params = (query: URLSearchParams) => ({
  id: query.getAll('id'),
  project: query.getAll('project'),
  query: query.getAll('query'),
});

describe('bulk issue writes', () => {
  it('send ids, project=-1 and a query naming the same issues', async () => {
    await using env = await recordingSentry();
    await env.client.issues.bulkUpdate('acme', ['11', '12', '11', ' 13 '], { status: 'resolved' });
    await env.client.issues.bulkDelete('acme', ['21']);
    await env.client.issues.bulkUpdate('acme', ['BACKEND-1A', 'backend-2b'], { hasSeen: true });

    expect(env.seen.map(({ method, query }) => ({ method, ...params(query) }))).toEqual([
      { method: 'PUT', id: ['11', '12', '13'], project: ['-1'], query: ['issue.id:[11,12,13]'] },
      { method: 'DELETE', id: ['21'], project: ['-1'], query: ['issue.id:[21]'] },
      {
        method: 'PUT',
        id: ['BACKEND-1A', 'backend-2b'],
        project: ['-1'],
        query: ['issue:[BACKEND-1A,backend-2b]'],
      },
    ]);
  });

  it('refuse a mix of numeric and short ids before any request (one query cannot name both)', async () => {
    await using env = await recordingSentry();
    await expect(
      env.client.issues.bulkUpdate('acme', ['11', 'BACKEND-1A'], { status: 'resolved' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', local: true });
    await expect(env.client.issues.bulkDelete('acme', ['BACKEND-1A', '12'])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      local: true,
    });
    expect(env.client.requestCount).toBe(0);
    expect(env.seen).toEqual([]);
  });

  it('against the local Sentry: the named ids change, and only they', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    const before = await client.issues.list('acme', { query: 'is:unresolved' });
    const [a, b, c] = before.items;
    if (!a || !b || !c) throw new Error('seed data has fewer than 3 unresolved issues');

    expect(await client.issues.bulkUpdate('acme', [a.id, b.id], { status: 'resolved' })).toEqual(
      expect.objectContaining({ status: 'resolved' }),
    );
    expect(
      await client.issues.bulkUpdate('acme', [c.shortId], { isBookmarked: true }),
    ).toMatchObject({ isBookmarked: true });
    await client.issues.bulkDelete('acme', [b.id]);

    const after = await client.issues.list('acme', { groups: [a.id, b.id, c.id] });
    expect(
      after.items.map(({ id, status, isBookmarked }) => ({ id, status, isBookmarked })),
    ).toEqual([
      { id: a.id, status: 'resolved', isBookmarked: a.isBookmarked },
      { id: c.id, status: 'unresolved', isBookmarked: true },
    ]);
    // One resolved, one deleted: no other issue left the unresolved stream.
    expect((await client.issues.list('acme', { query: 'is:unresolved' })).hits).toBe(
      (before.hits ?? 0) - 2,
    );
  });
});

/**
 * The in-memory response cache (`cache: { ttlSeconds }`, `serve --cache-ttl`): a repeated read
 * is answered from the cache (`extensions.cacheHits`, no REST call), never across tokens, with the
 * pagination headers kept; a write drops what it made stale for every token.
 */
import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { acme, issueGid } from './mutations-support.ts';

const ISSUE = /* GraphQL */ `
  query ($shortId: String!) {
    organization(slug: "acme") {
      issue(shortId: $shortId) { title priority tags { key } latestEvent { eventId } }
    }
  }
`;

const STREAM = /* GraphQL */ `
  {
    organization(slug: "acme") {
      issues(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { shortId priority } }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $priority: IssuePriority!) {
    updateIssue(input: { id: $id, priority: $priority }) { issue { priority } userErrors { message } }
  }
`;

async function cached(): Promise<TestGateway> {
  return startTestGateway({
    localSentry: { tokens: ['token-a', 'token-b:org:read,event:read'] },
    gateway: { cache: { ttlSeconds: 300 } },
  });
}

function counts(result: { extensions?: Record<string, unknown> }) {
  return {
    restCalls: result.extensions?.['restCalls'],
    cacheHits: result.extensions?.['cacheHits'],
  };
}

describe('in-memory response cache', () => {
  it('answers a repeated read from the cache, pagination headers included', async () => {
    await using gateway = await cached();
    const first = await gateway.execute(STREAM, {}, { token: 'token-a' });
    expect(first.errors).toBeUndefined();
    expect(counts(first)).toEqual({ restCalls: 1, cacheHits: 0 });
    const second = await gateway.execute(STREAM, {}, { token: 'token-a' });
    expect(counts(second)).toEqual({ restCalls: 0, cacheHits: 1 });
    expect(second.data).toEqual(first.data);

    const shortId = (first.data as { organization: { issues: { nodes: { shortId: string }[] } } })
      .organization.issues.nodes[0]?.shortId;
    const page = await gateway.execute(ISSUE, { shortId }, { token: 'token-a' });
    expect(counts(page)).toEqual({ restCalls: 3, cacheHits: 0 });
    const again = await gateway.execute(ISSUE, { shortId }, { token: 'token-a' });
    expect(counts(again)).toEqual({ restCalls: 0, cacheHits: 3 });
    expect(again.data).toEqual(page.data);
    expect((await gateway.upstreamStats()).requests).toBeGreaterThanOrEqual(4);
    expect(gateway.gateway.upstream.cacheStats()).toMatchObject({ backend: 'memory', hits: 4 });
  });

  it('never answers one token from what another read', async () => {
    await using gateway = await cached();
    await gateway.execute(STREAM, {}, { token: 'token-a' });
    const other = await gateway.execute(STREAM, {}, { token: 'token-b' });
    expect(other.errors).toBeUndefined();
    expect(counts(other)).toEqual({ restCalls: 1, cacheHits: 0 });
    // No token at all: refused as before, nothing from the cache.
    const none = await gateway.execute(STREAM, {}, { token: null });
    expect(none.extensions?.['cacheHits']).toBe(0);
    expect(none.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('a write drops what it changed, for every token', async () => {
    await using gateway = await cached();
    const issue = acme(gateway).issues[0];
    if (!issue) throw new Error('no issue in the demo data');
    const read = async (token: string) =>
      gateway.execute<{ organization: { issue: { priority: string } } }>(
        ISSUE,
        { shortId: issue.wire.shortId },
        { token },
      );
    await read('token-a');
    await read('token-b');
    expect(counts(await read('token-b'))).toEqual({ restCalls: 0, cacheHits: 3 });
    const before = (await read('token-a')).data?.organization.issue.priority;
    const priority = before === 'LOW' ? 'HIGH' : 'LOW';
    const write = await gateway.execute(
      UPDATE,
      { id: issueGid(issue), priority },
      { token: 'token-a' },
    );
    expect(write.errors).toBeUndefined();
    for (const token of ['token-a', 'token-b']) {
      const after = await read(token);
      expect(after.data?.organization.issue.priority).toBe(priority);
      expect(after.extensions?.['restCalls']).toBeGreaterThan(0);
    }
    // The issue lists of the organization went too.
    const stream = await gateway.execute(STREAM, {}, { token: 'token-a' });
    expect(counts(stream)).toEqual({ restCalls: 1, cacheHits: 0 });
  });

  it('counts hits and misses in the metrics', async () => {
    await using gateway = await cached();
    await gateway.execute(STREAM, {}, { token: 'token-a' });
    await gateway.execute(STREAM, {}, { token: 'token-a' });
    const text = await (await gateway.gateway.fetch('http://localhost/metrics')).text();
    expect(text).toContain('sentry_graphql_cache_lookups_total{result="hit"} 1');
    expect(text).toContain('sentry_graphql_cache_lookups_total{result="miss"} 1');
    expect(text).toContain('sentry_graphql_cache_entries 1');
  });
});

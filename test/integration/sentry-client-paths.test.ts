import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { SentryApiError } from '../../src/sentry/http/errors.ts';
import { paginate } from '../../src/sentry/http/pagination.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

async function setup() {
  const sentry = await startLocalSentry({ scale: 'small' });
  const upstream = createUpstream({ baseUrl: sentry.url });
  return {
    sentry,
    upstream,
    client: new SentryClient({ upstream, token: sentry.token }),
    async stats(): Promise<{ requests: number; byRoute: Record<string, number> }> {
      const response = await fetch(`${sentry.url}/_local/stats`);
      return (await response.json()) as { requests: number; byRoute: Record<string, number> };
    },
    async [Symbol.asyncDispose]() {
      await upstream.close();
      await sentry.close();
    },
  };
}

/** Values that would escape their path segment if they were not encoded. */
const HOSTILE = [
  '../organizations',
  '..%2Forganizations',
  '../../organizations/acme',
  'backend/../../organizations',
  '%2e%2e',
  'backend?query=x',
  'backend#fragment',
  'back end',
  'ünïcødé',
  'backend/',
  '/backend',
  '....//',
];

describe('hostile path values never reach a route they should not', () => {
  it('getProject with hostile slugs hits no organization route', async () => {
    await using env = await setup();
    for (const value of HOSTILE) {
      const error = await env.client.projects.get('acme', value).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      // Each is a typed error (404 for an unknown project or an unroutable path).
      expect(error, value).toBeInstanceOf(SentryApiError);
      expect((error as SentryApiError).status, value).toBe(404);
    }
    const { byRoute, requests } = await env.stats();
    expect(requests).toBe(HOSTILE.length);
    for (const route of Object.keys(byRoute)) {
      expect(
        route === 'GET /api/0/projects/{org}/{project}/' || route.endsWith('(unmatched)'),
        route,
      ).toBe(true);
    }
  });

  it('. and .. and empty values are refused before any request', async () => {
    await using env = await setup();
    for (const value of ['.', '..', '']) {
      await expect(env.client.projects.get('acme', value)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        local: true,
      });
      await expect(env.client.releases.get(value, '1.0')).rejects.toMatchObject({ local: true });
    }
    expect(env.client.requestCount).toBe(0);
    expect((await env.stats()).requests).toBe(0);
  });

  it('a release version with a slash stays one segment', async () => {
    await using env = await setup();
    const error = await env.client.releases
      .get('acme', 'backend@1.4.0+build/7')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    const { byRoute } = await env.stats();
    expect(byRoute['GET /api/0/organizations/{org}/releases/{version}/'] ?? 0).toBeLessThanOrEqual(
      1,
    );
    expect(
      Object.keys(byRoute).some(
        (route) => route.includes('/deploys/') || route.includes('/files/'),
      ),
    ).toBe(false);
  });

  it('every release in the data can be fetched by its version', async () => {
    await using env = await setup();
    const versions =
      env.sentry.data.organizations.get('acme')?.releases.map((r) => r.wire.version) ?? [];
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      await expect(env.client.releases.get('acme', version)).resolves.toMatchObject({ version });
    }
  });
});

describe('pagination against the local Sentry', () => {
  it('walks every issue with a page size of 7, each exactly once', async () => {
    await using env = await setup();
    const ids: string[] = [];
    let pages = 0;
    for await (const issue of paginate(async (cursor) => {
      pages++;
      return env.client.issues.list('acme', { perPage: 7, cursor });
    })) {
      expect(issue.organizationSlug).toBe('acme');
      ids.push(issue.id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / 7));
    // The same set as with the largest page size.
    const all: string[] = [];
    for await (const issue of paginate((cursor) =>
      env.client.issues.list('acme', { perPage: 100, cursor }),
    )) {
      all.push(issue.id);
    }
    expect([...ids].sort()).toEqual([...all].sort());
    expect(ids.length).toBeGreaterThan(14);
    const first = await env.client.issues.list('acme', { perPage: 7 });
    expect(first.previous).toBeUndefined();
    if (first.hits !== undefined)
      expect(first.hits).toBe(Math.min(ids.length, first.maxHits ?? Infinity));
  });

  it('walks projects and releases with per_page', async () => {
    await using env = await setup();
    const projects: string[] = [];
    for await (const project of paginate((cursor) =>
      env.client.projects.list('acme', { perPage: 1, cursor }),
    )) {
      projects.push(project.slug);
    }
    expect(projects).toEqual(expect.arrayContaining(['backend', 'frontend']));
    expect(new Set(projects).size).toBe(projects.length);
    const releases: string[] = [];
    for await (const release of paginate((cursor) =>
      env.client.releases.list('acme', { perPage: 3, cursor }),
    )) {
      releases.push(release.version);
    }
    expect(new Set(releases).size).toBe(releases.length);
    expect(releases.length).toBeGreaterThan(3);
  });

  it('batch-loads issues by id with group= and project=-1', async () => {
    await using env = await setup();
    const some = (await env.client.issues.list('acme', { perPage: 5 })).items.map(
      (issue) => issue.id,
    );
    const page = await env.client.issues.list('acme', { groups: [...some, '999999999'] });
    expect(page.items.map((issue) => issue.id).sort()).toEqual([...some].sort());
    expect(await env.client.issues.list('acme', { groups: [] })).toEqual({ items: [] });
  });
});

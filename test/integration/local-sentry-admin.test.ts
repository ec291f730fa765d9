/**
 * Organization admin in the local Sentry: removing a member, the caller's projects across
 * organizations, and the legacy organization-less issue routes (answered by the organization
 * routes' own handlers, within the token's organizations). Also the seed coverage count.
 */
import { describe, expect, it } from 'vitest';
import { seedCoverage } from '../../scripts/seed-coverage.ts';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

describe('DELETE /organizations/{org}/members/{member_id}/', () => {
  it('removes a member with member:admin, only oneself otherwise, never the only owner', async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const acme = data.organizations.get('acme') as OrgData;
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'admin', scopes: ['member:admin', 'event:read'] },
        { token: 'reader', scopes: ['member:read'] },
        { token: 'org', scopes: ['org:read'] },
      ],
    });
    const victim = acme.members.find((m) => m.wire.orgRole === 'member' && m.userId !== null);
    const path = `/api/0/organizations/acme/members/${victim?.wire.id}/`;
    const assigned = acme.issues.find((i) => i.wire.assignedTo?.id === victim?.userId);
    expect((await sentry.fetchJson(path, { token: 'org', method: 'DELETE' })).status).toBe(403);
    const notSelf = await sentry.fetchJson<Row>(path, { token: 'reader', method: 'DELETE' });
    expect(notSelf).toMatchObject({ status: 403, body: { detail: expect.any(String) } });
    expect((await sentry.fetchJson(path, { token: 'admin', method: 'DELETE' })).status).toBe(204);
    expect((await sentry.fetchJson(path, { token: 'admin' })).status).toBe(404);
    expect((await sentry.fetchJson(path, { token: 'admin', method: 'DELETE' })).status).toBe(404);
    const { rows } = await sentry.fetchAll<Row>('/api/0/organizations/acme/members/', {
      token: 'admin',
    });
    expect(rows.some((row) => row['id'] === victim?.wire.id)).toBe(false);
    expect(rows).toHaveLength(acme.members.length);
    if (assigned) {
      const issue = await sentry.fetchJson<Row>(
        `/api/0/organizations/acme/issues/${assigned.wire.id}/`,
        {
          token: 'admin',
        },
      );
      expect(issue.body['assignedTo']).toBeNull();
    }
    // `me` is the member the token acts as: the only owner, whom Sentry will not remove.
    const me = await sentry.fetchJson<Row>('/api/0/organizations/acme/members/me/', {
      token: 'reader',
      method: 'DELETE',
    });
    expect(me).toMatchObject({
      status: 403,
      body: { detail: 'You cannot remove the only remaining owner of the organization.' },
    });
  });
});

describe('GET /projects/', () => {
  it("pages the caller's projects of every organization it may use, newest first", async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const slugs = [...data.organizations.keys()];
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'all', scopes: ['project:read'] },
        { token: 'one', scopes: ['project:read'], organizations: [slugs[0] ?? ''] },
        { token: 'org', scopes: ['org:read'] },
      ],
    });
    const every = [...data.organizations.values()].flatMap((org) => org.projects);
    const { rows, pages } = await sentry.fetchAll<Row>('/api/0/projects/?per_page=2', {
      token: 'all',
    });
    expect(pages).toBeGreaterThan(1);
    expect(rows).toHaveLength(every.length);
    const dates = rows.map((row) => String(row['dateCreated']));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(rows[0]?.['organization']).toMatchObject({
      slug: expect.any(String),
      name: expect.any(String),
    });
    const one = await sentry.fetchAll<Row>('/api/0/projects/', { token: 'one' });
    expect(new Set(one.rows.map((row) => (row['organization'] as Row)['slug']))).toEqual(
      new Set([slugs[0]]),
    );
    expect((await sentry.fetchJson('/api/0/projects/', { token: 'org' })).status).toBe(403);
    expect((await sentry.fetchJson('/api/0/projects/?cursor=bad', { token: 'all' })).status).toBe(
      400,
    );
  });
});

describe('legacy /issues/{issue_id}/ routes', () => {
  it('answer as the organization routes do, within the token’s organizations', async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const acme = data.organizations.get('acme') as OrgData;
    const issue = acme.issues.find((i) => i.events.length >= 3);
    const id = issue?.wire.id ?? '';
    const other = [...data.organizations.keys()].find((slug) => slug !== 'acme') ?? '';
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'all', scopes: ['event:read'] },
        { token: 'other', scopes: ['event:read'], organizations: [other] },
        { token: 'org', scopes: ['org:read'] },
      ],
    });
    const tag = String(
      (
        await sentry.fetchJson<Row[]>(`/api/0/organizations/acme/issues/${id}/tags/`, {
          token: 'all',
        })
      ).body[0]?.['key'],
    );
    for (const sub of [
      'events/',
      'events/latest/',
      'events/oldest/',
      'hashes/',
      `tags/${tag}/`,
      `tags/${tag}/values/`,
    ]) {
      const legacy = await sentry.fetchJson(`/api/0/issues/${id}/${sub}`, { token: 'all' });
      const scoped = await sentry.fetchJson(`/api/0/organizations/acme/issues/${id}/${sub}`, {
        token: 'all',
      });
      expect(legacy.status, sub).toBe(200);
      expect(legacy.body, sub).toEqual(scoped.body);
      expect(
        (await sentry.fetchJson(`/api/0/issues/${id}/${sub}`, { token: 'other' })).status,
        sub,
      ).toBe(403);
      expect(
        (await sentry.fetchJson(`/api/0/issues/${id}/${sub}`, { token: 'org' })).status,
        sub,
      ).toBe(403);
      expect(
        (await sentry.fetchJson(`/api/0/issues/999999999/${sub}`, { token: 'all' })).status,
        sub,
      ).toBe(404);
    }
    const paged = await sentry.fetchJson<Row[]>(`/api/0/issues/${id}/events/?per_page=1`, {
      token: 'all',
    });
    expect(paged.body).toHaveLength(1);
    expect(paged.headers.get('link')).toContain(`/api/0/issues/${id}/events/`);
    expect(
      (await sentry.fetchJson(`/api/0/issues/${id}/tags/no-such-tag/`, { token: 'all' })).status,
    ).toBe(404);
    expect(
      (await sentry.fetchJson(`/api/0/issues/${issue?.wire.shortId}/events/`, { token: 'all' }))
        .status,
    ).toBe(404);
  });
});

describe('seed coverage', () => {
  it('routes every operation the seeds name, at the seed path', () => {
    // The seeds' operations, vendored from shared/seeds by `scripts/seed-coverage.ts --write`.
    const report = seedCoverage();
    expect(report.total).toBe(115);
    expect(report.missing).toEqual([]);
    expect(report.served).toHaveLength(115);
  });
});

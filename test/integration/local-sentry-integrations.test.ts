/**
 * Sentry App installations in the local Sentry: the seeded installations, and external issues
 * created and deleted through an installation, seen on their Sentry issue.
 */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;
interface Installation {
  uuid: string;
  status: string;
  app: { uuid: string; slug: string; sentryAppId: number };
  organization: { slug: string };
}

describe('Sentry App installations', () => {
  it('are seeded deterministically, Linear first, without moving other seeded records', async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const again = generateData({ seed: 1, scale: 'small' });
    await using sentry = await withLocalSentry({ data });
    await using twin = await withLocalSentry({ data: again });
    const path = '/api/0/organizations/acme/sentry-app-installations/';
    const list = await sentry.fetchJson<Installation[]>(path);
    expect(list.status).toBe(200);
    expect(list.headers.get('link')).toContain('rel="next"');
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    expect(list.body[0]?.app.slug).toBe('linear');
    expect(list.body.every((row) => row.status === 'installed')).toBe(true);
    expect(list.body.every((row) => row.organization.slug === 'acme')).toBe(true);
    expect((await twin.fetchJson<Installation[]>(path)).body).toEqual(list.body);
    const other = await sentry.fetchJson<Installation[]>(
      `/api/0/organizations/${[...data.organizations.keys()][1]}/sentry-app-installations/`,
    );
    expect(other.body[0]?.uuid).not.toBe(list.body[0]?.uuid);
    // Reading installations changed no issue of the seeded world.
    expect(JSON.stringify([...data.issuesById.values()].map((i) => i.wire))).toBe(
      JSON.stringify([...again.issuesById.values()].map((i) => i.wire)),
    );
  });

  it('accept org:read or org:integrations and refuse other organizations', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'integrations', scopes: ['org:integrations'] },
        { token: 'events', scopes: ['event:admin'] },
        { token: 'elsewhere', scopes: ['org:read', 'event:admin'], organizations: ['none'] },
      ],
    });
    const path = '/api/0/organizations/acme/sentry-app-installations/';
    expect((await sentry.fetchJson(path, { token: 'integrations' })).status).toBe(200);
    expect((await sentry.fetchJson(path, { token: 'events' })).status).toBe(403);
    expect((await sentry.fetchJson(path, { token: 'elsewhere' })).status).toBe(403);
    expect((await sentry.fetchJson(path, { token: null })).status).toBe(401);
  });
});

describe('external issues', () => {
  it('are created (or updated), shown on the issue, and deleted', async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const acme = data.organizations.get('acme') as OrgData;
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'all', scopes: ['org:read', 'event:read', 'event:write', 'event:admin'] },
        { token: 'writer', scopes: ['event:write'] },
        { token: 'reader', scopes: ['event:read'] },
        { token: 'elsewhere', scopes: ['event:admin'], organizations: ['none'] },
      ],
    });
    const installs = await sentry.fetchJson<Installation[]>(
      '/api/0/organizations/acme/sentry-app-installations/',
      { token: 'all' },
    );
    const install = installs.body[1] as Installation;
    const issue = acme.issues.find((i) => (i.wire.sentryAppIssues ?? []).length === 0);
    const issueId = issue?.wire.id ?? '';
    const create = `/api/0/sentry-app-installations/${install.uuid}/external-issues/`;
    const body = {
      issueId: Number(issueId),
      webUrl: 'https://tracker.example.com/OPS/issue/7',
      project: 'OPS',
      identifier: '7',
    };
    expect((await sentry.fetchJson(create, { token: 'reader', method: 'POST', body })).status).toBe(
      403,
    );
    expect(
      (await sentry.fetchJson(create, { token: 'elsewhere', method: 'POST', body })).status,
    ).toBe(403);
    const created = await sentry.fetchJson<Row>(create, { token: 'writer', method: 'POST', body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      issueId,
      serviceType: install.app.slug,
      displayName: 'OPS#7',
      webUrl: body.webUrl,
    });
    const id = String(created.body['id']);

    const listPath = `/api/0/organizations/acme/issues/${issueId}/external-issues/`;
    expect((await sentry.fetchJson<Row[]>(listPath, { token: 'all' })).body).toEqual([
      created.body,
    ]);
    const detail = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/${issueId}/?expand=sentryAppIssues`,
      { token: 'all' },
    );
    expect(detail.body['sentryAppIssues']).toEqual([created.body]);
    expect(detail.body['annotations']).toContainEqual({ displayName: 'OPS#7', url: body.webUrl });

    // The same app and issue again: updated in place (Sentry's update_or_create).
    const updated = await sentry.fetchJson<Row>(create, {
      token: 'writer',
      method: 'POST',
      body: { ...body, identifier: '8', webUrl: 'https://tracker.example.com/OPS/issue/8' },
    });
    expect(updated.body).toMatchObject({ id, displayName: 'OPS#8' });
    expect((await sentry.fetchJson<Row[]>(listPath, { token: 'all' })).body).toHaveLength(1);

    for (const bad of [
      { ...body, issueId: undefined },
      { ...body, webUrl: 'nope' },
      { ...body, project: 5 },
    ]) {
      const refused = await sentry.fetchJson<Row>(create, {
        token: 'writer',
        method: 'POST',
        body: bad,
      });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    const unknownIssue = { ...body, issueId: 999_999_999 };
    expect(
      (await sentry.fetchJson(create, { token: 'writer', method: 'POST', body: unknownIssue }))
        .status,
    ).toBe(404);
    const unknownInstall =
      '/api/0/sentry-app-installations/00000000-0000-4000-8000-000000000000/external-issues/';
    expect(
      (await sentry.fetchJson(unknownInstall, { token: 'writer', method: 'POST', body })).status,
    ).toBe(404);

    const remove = `${create}${id}/`;
    expect((await sentry.fetchJson(remove, { token: 'writer', method: 'DELETE' })).status).toBe(
      403,
    );
    expect((await sentry.fetchJson(remove, { token: 'all', method: 'DELETE' })).status).toBe(204);
    expect((await sentry.fetchJson(remove, { token: 'all', method: 'DELETE' })).status).toBe(404);
    expect((await sentry.fetchJson<Row[]>(listPath, { token: 'all' })).body).toEqual([]);
    const after = await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${issueId}/`, {
      token: 'all',
    });
    expect(after.body['annotations']).not.toContainEqual({
      displayName: 'OPS#8',
      url: 'https://tracker.example.com/OPS/issue/8',
    });
  });

  it('lists the seeded Linear links of an issue, deletable through the Linear installation', async () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const acme = data.organizations.get('acme') as OrgData;
    await using sentry = await withLocalSentry({ data });
    const issue = acme.issues.find((i) => (i.wire.sentryAppIssues ?? []).length > 0);
    const link = issue?.wire.sentryAppIssues[0];
    const listPath = `/api/0/organizations/acme/issues/${issue?.wire.id}/external-issues/`;
    expect((await sentry.fetchJson(listPath)).body).toEqual([link]);
    const installs = await sentry.fetchJson<Installation[]>(
      '/api/0/organizations/acme/sentry-app-installations/',
    );
    const linear = installs.body.find((row) => row.app.slug === 'linear');
    const other = installs.body.find((row) => row.app.slug !== 'linear');
    // Another app's installation does not own Linear's link.
    const viaOther = `/api/0/sentry-app-installations/${other?.uuid}/external-issues/${link?.id}/`;
    expect((await sentry.fetchJson(viaOther, { method: 'DELETE' })).status).toBe(404);
    const viaLinear = `/api/0/sentry-app-installations/${linear?.uuid}/external-issues/${link?.id}/`;
    expect((await sentry.fetchJson(viaLinear, { method: 'DELETE' })).status).toBe(204);
    expect((await sentry.fetchJson(listPath)).body).toEqual([]);
  });
});

/** Routes of the local Sentry that real clients call: API index, auth, environments, code mappings. */
import { describe, expect, it } from 'vitest';
import {
  acme,
  firstEvent,
  firstIssue,
  must,
  type Row,
  server,
  take,
} from '../helpers/local-sentry-seed.ts';

describe('routes real clients call', () => {
  it('API index and auth: the caller and its scopes, and null without credentials', async () => {
    await using sentry = await server();
    const index = await sentry.fetchJson<Row>('/api/0/');
    expect(index.status).toBe(200);
    expect(index.body).toMatchObject({
      version: '0',
      auth: { scopes: expect.arrayContaining(['org:read']) },
    });
    const owner = must(acme().members.find((m) => m.wire.orgRole === 'owner' && m.userId));
    expect((index.body['user'] as Row)['id']).toBe(owner.userId);
    const anonymous = await sentry.fetchJson<Row>('/api/0/', { token: null });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ version: '0', auth: null, user: null });
    expect((await sentry.fetchJson('/api/0/', { token: 'wrong' })).status).toBe(401);
    const auth = await sentry.fetchJson<Row>('/api/0/auth/');
    expect(auth.body['id']).toBe(owner.userId);
    expect((await sentry.fetchJson('/api/0/auth/', { token: null })).status).toBe(400);
  });

  it('environments, org project keys, user teams', async () => {
    await using sentry = await server();
    const envs = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/environments/');
    expect(envs.body.map((e) => e['name'])).toEqual(acme().environments);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/environments/?visibility=hidden')).body,
    ).toEqual([]);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/environments/?visibility=odd')).status,
    ).toBe(400);
    const backend = must(acme().projectsBySlug.get('backend'));
    const projectEnvs = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/environments/');
    expect(projectEnvs.body.map((e) => e['name']).sort()).toEqual(
      [...new Set(backend.events.map((e) => e.environment))].sort(),
    );
    expect(projectEnvs.body.every((e) => e['isHidden'] === false)).toBe(true);
    const keys = await sentry.fetchAll<Row>('/api/0/organizations/acme/project-keys/?per_page=2');
    expect(keys.rows.map((k) => k['id'])).toEqual(
      acme().projects.flatMap((p) => p.keys.map((k) => k.wire.id)),
    );
    expect(keys.pages).toBeGreaterThan(1);
    const team = must(acme().teams[0]);
    const teamKeys = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/project-keys/?team=${team.wire.slug}`,
    );
    const teamProjects = acme().projects.filter((p) => p.teamSlugs.includes(team.wire.slug));
    expect(
      teamKeys.body
        .map((k) => String(k['projectId']))
        .every((id) => teamProjects.some((p) => p.wire.id === id)),
    ).toBe(true);
    const owner = must(acme().members.find((m) => m.wire.orgRole === 'owner' && m.userId));
    const userTeams = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/user-teams/');
    expect(userTeams.body.map((t) => t['slug']).sort()).toEqual([...owner.teamSlugs].sort());
  });

  it('previous release with commits, external issues, replay counts, event attachments', async () => {
    await using sentry = await server();
    const backendId = must(acme().projectsBySlug.get('backend')).wire.id;
    const backendReleases = acme().releases.filter((r) => r.projectIds.includes(backendId));
    const [newest] = take(backendReleases, 2);
    const expected = backendReleases
      .filter((r) => r !== newest && r.commitIds.length > 0)
      .sort(
        (a, b) =>
          Date.parse(b.wire.dateReleased ?? b.wire.dateCreated ?? '') -
          Date.parse(a.wire.dateReleased ?? a.wire.dateCreated ?? ''),
      )[0];
    const previous = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/releases/${encodeURIComponent(newest.wire.version)}/previous-with-commits/`,
    );
    expect(previous.status).toBe(200);
    expect(previous.body['version']).toBe(must(expected).wire.version);
    await sentry.fetchJson('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'lonely@1', projects: ['backend'], dateReleased: '2020-01-01T00:00:00Z' },
    });
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/releases/lonely@1/previous-with-commits/'))
        .body,
    ).toEqual({});
    const issue = firstIssue();
    expect(
      (await sentry.fetchJson(`/api/0/organizations/acme/issues/${issue.wire.id}/external-issues/`))
        .body,
    ).toEqual([]);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/issues/999999999/external-issues/'))
        .status,
    ).toBe(404);
    const counts = await sentry.fetchJson(
      `/api/0/organizations/acme/replay-count/?query=issue.id:[${issue.wire.id}]`,
    );
    expect(counts).toMatchObject({ status: 200, body: {} });
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/replay-count/?query=foo')).status,
    ).toBe(400);
    const event = firstEvent();
    const project = must(sentry.data.projectsById.get(event.projectId)).wire.slug;
    const attachments = await sentry.fetchJson(
      `/api/0/projects/acme/${project}/events/${event.id}/attachments/`,
    );
    expect(attachments).toMatchObject({ status: 200, body: [] });
    expect(
      (
        await sentry.fetchJson(
          `/api/0/projects/acme/${project}/events/${'0'.repeat(32)}/attachments/`,
        )
      ).status,
    ).toBe(404);
  });

  it('code mappings: bulk upsert by project and stack root, then listed', async () => {
    await using sentry = await server();
    const post = (mappings: unknown, repository = 'acme/backend') =>
      sentry.fetchJson<Row>('/api/0/organizations/acme/code-mappings/bulk/', {
        method: 'POST',
        body: { project: 'backend', repository, defaultBranch: 'main', mappings },
      });
    const first = await post([
      { stackRoot: 'app/', sourceRoot: 'src/app/' },
      { stackRoot: 'lib/', sourceRoot: 'src/lib/' },
    ]);
    expect(first.body).toEqual({
      created: 2,
      updated: 0,
      errors: 0,
      mappings: [
        { stackRoot: 'app/', sourceRoot: 'src/app/', status: 'created' },
        { stackRoot: 'lib/', sourceRoot: 'src/lib/', status: 'created' },
      ],
    });
    const second = await post([{ stackRoot: 'app/', sourceRoot: 'source/app/' }]);
    expect(second.body).toMatchObject({ created: 0, updated: 1 });
    const listed = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/code-mappings/');
    expect(
      listed.body.map((m) => [m['stackRoot'], m['sourceRoot'], m['repoName'], m['projectSlug']]),
    ).toEqual([
      ['app/', 'source/app/', 'acme/backend', 'backend'],
      ['lib/', 'src/lib/', 'acme/backend', 'backend'],
    ]);
    expect((await post([{ stackRoot: 'x/', sourceRoot: 'y/' }], 'acme/nope')).status).toBe(404);
    expect((await post([])).status).toBe(400);
  });
});

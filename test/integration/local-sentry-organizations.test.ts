/** Organization and team routes of the local Sentry: reads, and updates that persist. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalSentry } from '../helpers/local-sentry.ts';
import { acme, must, type Row, server, take } from '../helpers/local-sentry-seed.ts';

describe('read routes', () => {
  let sentry: TestLocalSentry & AsyncDisposable;
  beforeAll(async () => {
    sentry = await server();
  });
  afterAll(async () => {
    await sentry[Symbol.asyncDispose]();
  });
  it('organizations: list, detail, members, users, repositories', async () => {
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/');
    expect(list.status).toBe(200);
    expect(list.body.map((o) => o['slug'])).toEqual(['acme', 'globex']);
    expect(list.body[0]).toMatchObject({ name: 'Acme Corp', links: expect.any(Object) });

    const detail = await sentry.fetchJson<Row>('/api/0/organizations/acme/');
    expect(detail.body).toMatchObject({
      slug: 'acme',
      teams: expect.any(Array),
      projects: expect.any(Array),
    });
    const byId = await sentry.fetchJson<Row>(`/api/0/organizations/${acme().wire.id}/?detailed=0`);
    expect(byId.body).toMatchObject({ slug: 'acme' });
    expect(byId.body['projects']).toBeUndefined();

    const members = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/members/');
    expect(members.status).toBe(200);
    expect(members.body.length).toBe(acme().members.length);
    const [a, b] = take(acme().members, 2);
    const some = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/members/?query=${encodeURIComponent(`id:${a.wire.id} id:${b.wire.id}`)}`,
    );
    expect(some.body.map((m) => m['id'])).toEqual([a.wire.id, b.wire.id]);
    const byEmail = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/members/?query=email:${encodeURIComponent(a.wire.email)}`,
    );
    expect(byEmail.body.map((m) => m['id'])).toEqual([a.wire.id]);
    const byUser = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/members/?query=user.id:${a.userId}`,
    );
    expect(byUser.body.map((m) => m['id'])).toEqual([a.wire.id]);
    const bad = await sentry.fetchJson('/api/0/organizations/acme/members/?query=id:abc');
    expect(bad.status).toBe(400);

    const member = await sentry.fetchJson<Row>(`/api/0/organizations/acme/members/${a.wire.id}/`);
    expect(member.body).toMatchObject({
      id: a.wire.id,
      teams: expect.any(Array),
      orgRoleList: expect.any(Array),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/members/1/')).status).toBe(404);

    const users = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/users/');
    expect(users.status).toBe(200);
    expect(users.body[0]).toMatchObject({ user: expect.any(Object), projects: expect.any(Array) });

    const repos = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/repos/');
    expect(repos.body.length).toBe(acme().repositories.length);
    const repo = must(acme().repositories[0]);
    const commits = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/repos/${repo.wire.id}/commits/`,
    );
    expect(commits.body.length).toBe(Math.min(100, repo.commits.length));
    expect(commits.body[0]).toMatchObject({
      id: must(repo.commits[0]).wire.id,
      message: expect.any(String),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/repos/999/commits/')).status).toBe(
      404,
    );
  });

  it('teams: list (query, detailed=0), detail, projects, members, project teams', async () => {
    const teams = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/teams/');
    expect(teams.body.map((t) => t['slug'])).toEqual(['mobile', 'platform', 'web']);
    expect(teams.body[0]?.['projects']).toEqual(expect.any(Array));
    const lean = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/teams/?detailed=0');
    expect(lean.body[0]?.['projects']).toBeUndefined();
    const platform = must(acme().teamsBySlug.get('platform'));
    const web = must(acme().teamsBySlug.get('web'));
    const byId = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/teams/?query=${encodeURIComponent(`id:${platform.wire.id} id:${web.wire.id}`)}`,
    );
    expect(byId.body.map((t) => t['slug']).sort()).toEqual(['platform', 'web']);
    const bySlug = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/teams/?query=slug:web');
    expect(bySlug.body.map((t) => t['slug'])).toEqual(['web']);

    const team = await sentry.fetchJson<Row>('/api/0/teams/acme/platform/');
    expect(team.body).toMatchObject({ slug: 'platform', organization: { slug: 'acme' } });
    const byTeamId = await sentry.fetchJson<Row>(
      `/api/0/teams/acme/${platform.wire.id}/?expand=projects`,
    );
    expect(byTeamId.body).toMatchObject({ slug: 'platform', projects: expect.any(Array) });
    expect((await sentry.fetchJson('/api/0/teams/acme/nope/')).status).toBe(404);

    const projects = await sentry.fetchJson<Row[]>('/api/0/teams/acme/platform/projects/');
    expect(projects.body.map((p) => p['slug'])).toEqual(['api-gateway', 'backend']);
    const members = await sentry.fetchJson<Row[]>('/api/0/teams/acme/platform/members/');
    expect(members.status).toBe(200);
    expect(members.body[0]).toMatchObject({ teamSlug: 'platform', teamRole: expect.any(String) });

    const projectTeams = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/teams/');
    expect(projectTeams.body.map((t) => t['slug'])).toEqual(['platform']);
  });
});

describe('mutations persist', () => {
  it('organization update', async () => {
    await using sentry = await server();
    const put = await sentry.fetchJson<Row>('/api/0/organizations/acme/', {
      method: 'PUT',
      body: { name: 'Acme Inc' },
    });
    expect(put.body).toMatchObject({ name: 'Acme Inc' });
    expect((await sentry.fetchJson<Row>('/api/0/organizations/acme/')).body['name']).toBe(
      'Acme Inc',
    );
    const bad = await sentry.fetchJson<Row>('/api/0/organizations/acme/', {
      method: 'PUT',
      body: { slug: 'Not A Slug' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['slug']).toEqual([expect.any(String)]);
  });

  it('teams: create, update, delete; projects: create, link, update, delete', async () => {
    await using sentry = await server();
    const team = await sentry.fetchJson<Row>('/api/0/organizations/acme/teams/', {
      method: 'POST',
      body: { name: 'Data Science', slug: 'data' },
    });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ slug: 'data', name: 'Data Science' });
    const clash = await sentry.fetchJson('/api/0/organizations/acme/teams/', {
      method: 'POST',
      body: { slug: 'data' },
    });
    expect(clash.status).toBe(409);
    const renamed = await sentry.fetchJson<Row>('/api/0/teams/acme/data/', {
      method: 'PUT',
      body: { name: 'Data', slug: 'data' },
    });
    expect(renamed.body).toMatchObject({ name: 'Data' });

    const project = await sentry.fetchJson<Row>('/api/0/teams/acme/data/projects/', {
      method: 'POST',
      body: { name: 'Notebooks', platform: 'python' },
    });
    expect(project.status).toBe(201);
    expect(project.body).toMatchObject({ slug: 'notebooks', teams: [{ slug: 'data' }] });
    expect(
      (await sentry.fetchJson('/api/0/teams/acme/data/projects/', { method: 'POST', body: {} }))
        .status,
    ).toBe(400);
    const linked = await sentry.fetchJson<Row>('/api/0/projects/acme/notebooks/teams/platform/', {
      method: 'POST',
    });
    expect(linked.status).toBe(201);
    expect((linked.body['teams'] as Row[]).map((t) => t['slug'])).toEqual(['data', 'platform']);
    const platformProjects = await sentry.fetchJson<Row[]>('/api/0/teams/acme/platform/projects/');
    expect(platformProjects.body.map((p) => p['slug'])).toContain('notebooks');
    const unlinked = await sentry.fetchJson<Row>('/api/0/projects/acme/notebooks/teams/platform/', {
      method: 'DELETE',
    });
    expect((unlinked.body['teams'] as Row[]).map((t) => t['slug'])).toEqual(['data']);

    const updated = await sentry.fetchJson<Row>('/api/0/projects/acme/notebooks/', {
      method: 'PUT',
      body: { name: 'Notebooks 2', slug: 'notebooks-2', isBookmarked: true },
    });
    expect(updated.body).toMatchObject({
      name: 'Notebooks 2',
      slug: 'notebooks-2',
      isBookmarked: true,
    });
    expect((await sentry.fetchJson('/api/0/projects/acme/notebooks-2/')).status).toBe(200);
    expect(
      (await sentry.fetchJson('/api/0/projects/acme/notebooks-2/', { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await sentry.fetchJson('/api/0/projects/acme/notebooks-2/')).status).toBe(404);
    expect((await sentry.fetchJson('/api/0/teams/acme/data/', { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await sentry.fetchJson('/api/0/teams/acme/data/')).status).toBe(404);
  });
});

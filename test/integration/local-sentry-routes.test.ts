/**
 * Every route of the local Sentry answers with the right status and key fields, and mutations
 * persist for later reads. test/coverage/routes.test.ts checks that the suite exercised every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

/** The value, or a test failure when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('missing test fixture');
  return value;
}

/** The first two or three items, each defined. */
function take<T>(items: readonly T[], n: 2): [T, T];
function take<T>(items: readonly T[], n: 3): [T, T, T];
function take<T>(items: readonly T[], n: number): T[] {
  if (items.length < n) throw new Error(`need ${n} fixtures, have ${items.length}`);
  return items.slice(0, n);
}

const seed = generateData({ seed: 1, scale: 'small' });

/** A server for one test (its hits count towards test/coverage/routes.test.ts). */
async function server(): Promise<TestLocalSentry & AsyncDisposable> {
  // Fresh data per server: mutations must not leak between tests.
  const sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
  return Object.assign(sentry, { [Symbol.asyncDispose]: () => sentry.close() });
}

const acme = () => {
  const org = seed.organizations.get('acme');
  if (!org) throw new Error('no acme');
  return org;
};
const firstIssue = () => must(acme().issues[0]);
const firstEvent = () => must(firstIssue().events[0]);
const release = () => must(acme().releases[0]);
const v = () => encodeURIComponent(release().wire.version);

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

  it('projects: list (id:, slug:, all_projects), detail, keys, hooks, feedback, users, tag values', async () => {
    const all = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/projects/');
    expect(all.body.map((p) => p['slug'])).toEqual([
      'android',
      'api-gateway',
      'backend',
      'frontend',
    ]);
    const backend = must(acme().projectsBySlug.get('backend'));
    const frontend = must(acme().projectsBySlug.get('frontend'));
    const byId = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/projects/?query=${encodeURIComponent(`id:${backend.wire.id} id:${frontend.wire.id}`)}`,
    );
    expect(byId.body.map((p) => p['slug'])).toEqual(['backend', 'frontend']);
    const bySlug = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/projects/?query=${encodeURIComponent('slug:backend slug:android')}`,
    );
    expect(bySlug.body.map((p) => p['slug'])).toEqual(['android', 'backend']);
    const unknownKey = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/projects/?query=color:red',
    );
    expect(unknownKey.body).toEqual([]);
    const allProjects = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/projects/?all_projects=1&per_page=1',
    );
    expect(allProjects.body).toHaveLength(4);
    expect(allProjects.headers.get('link')).toBeNull();

    const detail = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/');
    expect(detail.body).toMatchObject({
      slug: 'backend',
      platform: 'python',
      organization: { slug: 'acme' },
    });
    expect((await sentry.fetchJson(`/api/0/projects/acme/${backend.wire.id}/`)).status).toBe(200);
    expect((await sentry.fetchJson('/api/0/projects/acme/nope/')).status).toBe(404);
    expect((await sentry.fetchJson('/api/0/projects/globex/backend/')).status).toBe(404);

    const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/keys/');
    expect(keys.body[0]).toMatchObject({
      dsn: { public: expect.stringContaining(`@${new URL(sentry.url).host}/`) },
    });
    const keyId = String(keys.body[0]?.['id']);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/keys/${keyId}/`)).body,
    ).toMatchObject({ id: keyId });
    expect((await sentry.fetchJson('/api/0/projects/acme/backend/keys/nope/')).status).toBe(404);

    const hooks = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/hooks/');
    expect(hooks.status).toBe(200);
    const hook = must(backend.hooks[0]);
    const hookDetail = await sentry.fetchJson<Row>(
      `/api/0/projects/acme/backend/hooks/${hook.wire.id}/`,
    );
    expect(hookDetail.body).toMatchObject({
      id: hook.wire.id,
      url: hook.wire.url,
      events: hook.wire.events,
    });

    const feedback = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    expect(feedback.body.length).toBe(backend.feedback.length);
    expect(feedback.body[0]).toMatchObject({
      eventID: expect.any(String),
      comments: expect.any(String),
    });

    const users = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/users/?per_page=5');
    expect(users.body).toHaveLength(5);
    const email = String(users.body[0]?.['email']);
    const one = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/users/?query=email:${encodeURIComponent(email)}`,
    );
    expect(one.body.map((u) => u['email'])).toEqual([email]);

    const values = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/tags/environment/values/',
    );
    expect(values.body.length).toBeGreaterThan(0);
    expect(values.body[0]).toMatchObject({
      key: 'environment',
      value: expect.any(String),
      count: expect.any(Number),
    });
  });

  it('issues: stream, group= batch, detail by id and short id, legacy path', async () => {
    const stream = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&limit=5',
    );
    expect(stream.status).toBe(200);
    expect(stream.body).toHaveLength(5);
    expect(stream.headers.get('x-hits')).toBe(String(acme().issues.length));
    expect(stream.headers.get('x-max-hits')).toBe('1000');

    const unresolved = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved&limit=100',
    );
    expect(unresolved.body.every((i) => i['status'] === 'unresolved')).toBe(true);
    const sorted = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&sort=freq&limit=10',
    );
    const counts = sorted.body.map((i) => Number(i['count']));
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const backend = must(acme().projectsBySlug.get('backend'));
    const inProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=&project=${backend.wire.id}`,
    );
    expect(inProject.body.every((i) => (i['project'] as Row)['slug'] === 'backend')).toBe(true);
    const production = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&environment=production&statsPeriod=24h',
    );
    expect(production.status).toBe(200);
    expect((await sentry.fetchJson('/api/0/organizations/acme/issues/?project=1')).status).toBe(
      403,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/issues/?sort=sideways')).status).toBe(
      400,
    );

    const issue = firstIssue();
    const shortId = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=${issue.wire.shortId}&shortIdLookup=1`,
    );
    expect(shortId.headers.get('x-sentry-direct-hit')).toBe('1');
    expect(shortId.body.map((i) => i['id'])).toEqual([issue.wire.id]);
    const byEvent = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=${firstEvent().id}`,
    );
    expect(byEvent.body[0]).toMatchObject({ id: issue.wire.id, matchingEventId: firstEvent().id });

    const other = must(acme().issues[1]);
    const batch = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${issue.wire.id}&group=${other.wire.id}&group=999999999&project=-1`,
    );
    expect(batch.status).toBe(200);
    expect(batch.body.map((i) => i['id']).sort()).toEqual([issue.wire.id, other.wire.id].sort());
    expect(batch.headers.get('link')).toBeNull();
    const globexIssue = must(must(seed.organizations.get('globex')).issues[0]);
    const foreign = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${globexIssue.wire.id}`,
    );
    expect(foreign.body).toEqual([]);
    const notInt = await sentry.fetchJson('/api/0/organizations/acme/issues/?group=1&group=abc');
    expect(notInt.status).toBe(400);
    expect(notInt.body).toEqual({ detail: 'Group ids must be integers' });

    const detail = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/${issue.wire.id}/`,
    );
    expect(detail.body).toMatchObject({
      id: issue.wire.id,
      shortId: issue.wire.shortId,
      activity: expect.any(Array),
    });
    const byShort = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/${issue.wire.shortId}/`,
    );
    expect(byShort.body['id']).toBe(issue.wire.id);
    expect(
      (await sentry.fetchJson(`/api/0/organizations/globex/issues/${issue.wire.id}/`)).status,
    ).toBe(404);
    const legacy = await sentry.fetchJson<Row>(`/api/0/issues/${issue.wire.id}/`);
    expect(legacy.body['id']).toBe(issue.wire.id);
    expect((await sentry.fetchJson('/api/0/issues/1/')).status).toBe(404);
  });

  it('issue events, tags, hashes; short-id and event-id resolution', async () => {
    const issue = firstIssue();
    const base = `/api/0/organizations/acme/issues/${issue.wire.id}`;
    const events = await sentry.fetchJson<Row[]>(`${base}/events/`);
    expect(events.body).toHaveLength(Math.min(100, issue.events.length));
    expect(events.headers.get('x-hits')).toBe(String(issue.events.length));
    expect(events.body[0]).toMatchObject({
      eventID: must(issue.events[0]).id,
      groupID: issue.wire.id,
    });
    const full = await sentry.fetchJson<Row[]>(`${base}/events/?full=true&per_page=1`);
    expect(full.body[0]).toMatchObject({ entries: expect.any(Array) });
    const target = must(issue.events[issue.events.length - 1]);
    const filtered = await sentry.fetchJson<Row[]>(`${base}/events/?query=id:${target.id}`);
    expect(filtered.body.map((e) => e['eventID'])).toEqual([target.id]);

    const latest = await sentry.fetchJson<Row>(`${base}/events/latest/`);
    expect(latest.body['eventID']).toBe(must(issue.events[0]).id);
    const oldest = await sentry.fetchJson<Row>(`${base}/events/oldest/`);
    expect(oldest.body['eventID']).toBe(target.id);
    const recommended = await sentry.fetchJson<Row>(`${base}/events/recommended/`);
    expect(recommended.body['groupID']).toBe(issue.wire.id);
    const one = await sentry.fetchJson<Row>(`${base}/events/${target.id}/`);
    expect(one.body).toMatchObject({ eventID: target.id, entries: expect.any(Array) });
    expect((await sentry.fetchJson(`${base}/events/${'0'.repeat(32)}/`)).status).toBe(404);

    const tags = await sentry.fetchJson<Row[]>(`${base}/tags/`);
    expect(tags.body.map((t) => t['key'])).toContain('environment');
    const tag = await sentry.fetchJson<Row>(`${base}/tags/environment/`);
    expect(tag.body).toMatchObject({ key: 'environment', topValues: expect.any(Array) });
    expect((await sentry.fetchJson(`${base}/tags/nope/`)).status).toBe(404);
    const values = await sentry.fetchJson<Row[]>(`${base}/tags/environment/values/`);
    expect(values.body[0]).toMatchObject({ key: 'environment', count: expect.any(Number) });
    const hashes = await sentry.fetchJson<Row[]>(`${base}/hashes/`);
    expect(hashes.body.map((h) => h['id'])).toEqual(issue.hashes);

    const short = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/shortids/${issue.wire.shortId}/`,
    );
    expect(short.body).toMatchObject({
      groupId: issue.wire.id,
      shortId: issue.wire.shortId,
      organizationSlug: 'acme',
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/shortids/NOPE-1/')).status).toBe(404);
    const eventId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/eventids/${firstEvent().id}/`,
    );
    expect(eventId.body).toMatchObject({
      groupId: issue.wire.id,
      eventId: firstEvent().id,
      event: expect.any(Object),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/eventids/xyz/')).status).toBe(400);
    expect(
      (await sentry.fetchJson(`/api/0/organizations/acme/eventids/${'a'.repeat(32)}/`)).status,
    ).toBe(404);
  });

  it('project issues and events', async () => {
    const issues = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/issues/?statsPeriod=14d',
    );
    expect(issues.status).toBe(200);
    expect(issues.body.every((i) => i['status'] === 'unresolved')).toBe(true);
    expect(Object.keys(issues.body[0]?.['stats'] as Row)).toEqual(['14d']);
    const backend = must(acme().projectsBySlug.get('backend'));
    const hash = must(must(backend.issues[0]).hashes[0]);
    const byHash = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/issues/?hashes=${hash}`,
    );
    expect(byHash.body.map((i) => i['id'])).toEqual([must(backend.issues[0]).wire.id]);

    const events = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/events/?per_page=3');
    expect(events.body).toHaveLength(3);
    expect(events.body.every((e) => e['projectID'] === backend.wire.id)).toBe(true);
    const event = must(backend.events[0]);
    const detail = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/events/${event.id}/`);
    expect(detail.body).toMatchObject({ eventID: event.id, projectID: backend.wire.id });
    const elsewhere = must(must(acme().projectsBySlug.get('frontend')).events[0]);
    expect(
      (await sentry.fetchJson(`/api/0/projects/acme/backend/events/${elsewhere.id}/`)).status,
    ).toBe(404);
  });

  it('Discover: id batch, issue.id, aggregates, field validation', async () => {
    const [a, b] = take(acme().events, 2);
    const rows = await sentry.fetchJson<{ data: Row[]; meta: Row }>(
      `/api/0/organizations/acme/events/?dataset=errors&field=id&field=issue.id&field=title&field=timestamp&query=${encodeURIComponent(`id:[${a.id},${b.id}]`)}&project=-1&statsPeriod=90d`,
    );
    expect(rows.status).toBe(200);
    expect(rows.body.data.map((r) => r['id']).sort()).toEqual([a.id, b.id].sort());
    expect(rows.body.meta).toMatchObject({ fields: { id: 'string', 'issue.id': 'integer' } });
    const issue = firstIssue();
    const byIssue = await sentry.fetchJson<{ data: Row[] }>(
      `/api/0/organizations/acme/events/?field=id&query=issue.id:${issue.wire.id}&statsPeriod=90d&per_page=100`,
    );
    expect(byIssue.body.data).toHaveLength(Math.min(100, issue.events.length));
    const counts = await sentry.fetchJson<{ data: Row[] }>(
      '/api/0/organizations/acme/events/?field=project&field=count()&sort=-count()&statsPeriod=90d',
    );
    const values = counts.body.data.map((r) => Number(r['count()']));
    expect(values).toEqual([...values].sort((x, y) => y - x));
    const tooMany = Array.from({ length: 21 }, () => 'field=id').join('&');
    expect((await sentry.fetchJson(`/api/0/organizations/acme/events/?${tooMany}`)).status).toBe(
      400,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/events/?field=nope')).status).toBe(
      400,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/events/')).status).toBe(400);
  });

  it('releases: list filters, detail, deploys, commits, files, project releases, resolved', async () => {
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/releases/');
    expect(list.body.length).toBe(acme().releases.length);
    const [r1, r2] = take(acme().releases, 2);
    const batch = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/?query=${encodeURIComponent(`release:[${r1.wire.version},${r2.wire.version}]`)}&project=-1`,
    );
    expect(batch.body.map((r) => r['version']).sort()).toEqual(
      [r1.wire.version, r2.wire.version].sort(),
    );
    const substring = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/?query=backend',
    );
    expect(substring.body.every((r) => String(r['version']).includes('backend'))).toBe(true);
    const backend = must(acme().projectsBySlug.get('backend'));
    const byProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/?project=${backend.wire.id}`,
    );
    expect(
      byProject.body.every((r) => (r['projects'] as Row[]).some((p) => p['slug'] === 'backend')),
    ).toBe(true);
    const archived = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/releases/?status=archived',
    );
    expect(archived.status).toBe(200);

    const detail = await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${v()}/`);
    expect(detail.body).toMatchObject({
      version: release().wire.version,
      projects: expect.any(Array),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/releases/nope/')).status).toBe(404);
    const deploys = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${v()}/deploys/`,
    );
    expect(deploys.body.length).toBe(release().deploys.length);
    const commits = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${v()}/commits/`,
    );
    expect(commits.body.map((c) => c['id'])).toEqual(release().commitIds);
    const withFiles = acme().releases.find((r) => r.files.length > 0);
    const filesVersion = encodeURIComponent((withFiles ?? release()).wire.version);
    const files = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${filesVersion}/files/`,
    );
    expect(files.body.length).toBe((withFiles ?? release()).files.length);
    const fileId = withFiles?.files[0]?.id ?? 'none';
    const file = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/releases/${filesVersion}/files/${fileId}/`,
    );
    expect(file.status).toBe(withFiles ? 200 : 404);

    const projectReleases = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/releases/');
    expect(projectReleases.body.length).toBeGreaterThan(0);
    const resolved = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/releases/${v()}/resolved/`,
    );
    expect(resolved.status).toBe(200);
  });

  it('sessions: deterministic release-health series', async () => {
    const path =
      '/api/0/organizations/acme/sessions/?field=sum(session)&field=crash_free_rate(session)&groupBy=project&interval=1d&statsPeriod=7d&project=-1';
    const first = await sentry.fetchJson<{ intervals: string[]; groups: Row[] }>(path);
    expect(first.status).toBe(200);
    expect(first.body.intervals).toHaveLength(7);
    expect(first.body.groups.length).toBeGreaterThan(0);
    expect(first.body.groups[0]).toMatchObject({
      by: { project: expect.any(Number) },
      totals: {
        'sum(session)': expect.any(Number),
        'crash_free_rate(session)': expect.any(Number),
      },
      series: { 'sum(session)': expect.any(Array) },
    });
    expect((await sentry.fetchJson(path)).body).toEqual(first.body);
    const byStatus = await sentry.fetchJson<{ groups: Row[] }>(
      '/api/0/organizations/acme/sessions/?field=sum(session)&groupBy=session.status&statsPeriod=1d',
    );
    expect(byStatus.body.groups.map((g) => (g['by'] as Row)['session.status'])).toEqual([
      'healthy',
      'abnormal',
      'crashed',
      'errored',
    ]);
    expect((await sentry.fetchJson('/api/0/organizations/acme/sessions/')).status).toBe(400);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/sessions/?field=sum(session)&interval=2d'))
        .status,
    ).toBe(400);
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

  it('project keys and service hooks: create, update, delete', async () => {
    await using sentry = await server();
    const key = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/keys/', {
      method: 'POST',
      body: { name: 'CI' },
    });
    expect(key.status).toBe(201);
    const keyId = String(key.body['id']);
    const keyPut = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/keys/${keyId}/`, {
      method: 'PUT',
      body: { name: 'CI key', isActive: false, rateLimit: { count: 10, window: 60 } },
    });
    expect(keyPut.body).toMatchObject({
      name: 'CI key',
      isActive: false,
      rateLimit: { count: 10, window: 60 },
    });
    const inactive = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/keys/?status=inactive',
    );
    expect(inactive.body.map((k) => k['id'])).toEqual([keyId]);
    expect(
      (await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${keyId}/`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${keyId}/`)).status).toBe(
      404,
    );

    const hook = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/hooks/', {
      method: 'POST',
      body: { url: 'https://example.com/hook', events: ['event.created'] },
    });
    expect(hook.status).toBe(201);
    const hookId = String(hook.body['id']);
    const badHook = await sentry.fetchJson('/api/0/projects/acme/backend/hooks/', {
      method: 'POST',
      body: { url: 'https://example.com/hook', events: ['nope'] },
    });
    expect(badHook.status).toBe(400);
    const hookPut = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/hooks/${hookId}/`, {
      method: 'PUT',
      body: { events: ['event.alert'] },
    });
    expect(hookPut.body).toMatchObject({
      url: 'https://example.com/hook',
      events: ['event.alert'],
    });
    expect(
      (
        await sentry.fetchJson(`/api/0/projects/acme/backend/hooks/${hookId}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/projects/acme/backend/hooks/${hookId}/`)).status).toBe(
      404,
    );
  });

  it('user feedback: submit then list', async () => {
    await using sentry = await server();
    const event = must(must(acme().projectsBySlug.get('backend')).events[0]);
    const created = await sentry.fetchJson<Row>('/api/0/projects/acme/backend/user-feedback/', {
      method: 'POST',
      body: { event_id: event.id, name: 'Pat', email: 'pat@example.com', comments: 'It broke.' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      eventID: event.id,
      comments: 'It broke.',
      issue: { id: event.issueId },
    });
    const list = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    expect(list.body[0]).toMatchObject({ id: created.body['id'] });
    const invalid = await sentry.fetchJson('/api/0/projects/acme/backend/user-feedback/', {
      method: 'POST',
      body: { event_id: event.id, name: 'Pat', email: 'not-an-email', comments: 'x' },
    });
    expect(invalid.status).toBe(400);
  });

  it('issues: update one, legacy update, delete', async () => {
    await using sentry = await server();
    const [a, b] = take(acme().issues, 2);
    const put = await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
      method: 'PUT',
      body: { status: 'resolved', isBookmarked: true },
    });
    expect(put.body).toMatchObject({
      id: a.wire.id,
      status: 'resolved',
      isBookmarked: true,
      activity: expect.any(Array),
    });
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${a.wire.id}/`)).body[
        'status'
      ],
    ).toBe('resolved');
    const invalid = await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
      method: 'PUT',
      body: { status: 'exploded' },
    });
    expect(invalid.status).toBe(400);
    const legacy = await sentry.fetchJson<Row>(`/api/0/issues/${b.wire.id}/`, {
      method: 'PUT',
      body: { priority: 'low' },
    });
    expect(legacy.body).toMatchObject({ priority: 'low' });

    expect(
      (
        await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(202);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`)).status).toBe(
      404,
    );
    expect(
      (await sentry.fetchJson(`/api/0/issues/${b.wire.id}/`, { method: 'DELETE' })).status,
    ).toBe(202);
    expect((await sentry.fetchJson(`/api/0/issues/${b.wire.id}/`)).status).toBe(404);
  });

  it('bulk issue PUT changes only the given ids and returns the change set', async () => {
    await using sentry = await server();
    const unresolved = acme().issues.filter((i) => i.wire.status === 'unresolved');
    const [a, b, c] = take(unresolved, 3);
    const put = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${a.wire.id}&id=${b.wire.id}&project=-1`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: 'resolved', statusDetails: {} });
    expect(put.body['id']).toBeUndefined();
    const after = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${a.wire.id}&group=${b.wire.id}&group=${c.wire.id}`,
    );
    const status = Object.fromEntries(after.body.map((i) => [i['id'], i['status']]));
    expect(status).toEqual({
      [a.wire.id]: 'resolved',
      [b.wire.id]: 'resolved',
      [c.wire.id]: 'unresolved',
    });
    const unresolvedNow = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    expect(Number(unresolvedNow.headers.get('x-hits'))).toBe(unresolved.length - 2);

    const byShortId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${c.wire.shortId}`,
      {
        method: 'PUT',
        body: { assignedTo: `user:${must(acme().members[0]).userId}` },
      },
    );
    expect(byShortId.body).toMatchObject({
      assignedTo: { type: 'user', id: must(acme().members[0]).userId },
    });
  });

  it('bulk issue PUT/DELETE with ids and a query change only the ids the query also names', async () => {
    await using sentry = await server();
    const [a, b, c] = take(
      acme().issues.filter((i) => i.wire.status === 'unresolved'),
      3,
    );
    const narrowed = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${a.wire.id}&id=${b.wire.id}&project=-1&query=${encodeURIComponent(`issue.id:[${a.wire.id},${c.wire.id}]`)}`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(narrowed.status).toBe(200);
    const after = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${a.wire.id}&group=${b.wire.id}&group=${c.wire.id}`,
    );
    expect(Object.fromEntries(after.body.map((i) => [i['id'], i['status']]))).toEqual({
      [a.wire.id]: 'resolved',
      [b.wire.id]: 'unresolved',
      [c.wire.id]: 'unresolved',
    });
    // No id the query names: nothing changes (204), never a fallback to the query alone.
    const disjoint = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=${b.wire.id}&project=-1&query=${encodeURIComponent(`issue.id:[${c.wire.id}]`)}`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(disjoint.status).toBe(204);
    // Short ids narrow with `issue:`.
    const byShortId = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=${b.wire.shortId}&id=${c.wire.shortId}&project=-1&query=${encodeURIComponent(`issue:[${c.wire.shortId}]`)}`,
      { method: 'DELETE' },
    );
    expect(byShortId.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${b.wire.id}/`)).status).toBe(
      200,
    );
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${c.wire.id}/`)).status).toBe(
      404,
    );
  });

  it('bulk issue PUT/DELETE without id and query is refused and changes nothing; no match is 204', async () => {
    await using sentry = await server();
    const before = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    const refused = await sentry.fetchJson<Row>('/api/0/organizations/acme/issues/', {
      method: 'PUT',
      body: { status: 'resolved' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body['detail']).toMatch(/id=/);
    const refusedDelete = await sentry.fetchJson('/api/0/organizations/acme/issues/?project=-1', {
      method: 'DELETE',
    });
    expect(refusedDelete.status).toBe(400);
    const after = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    expect(after.headers.get('x-hits')).toBe(before.headers.get('x-hits'));
    expect(after.body).toEqual(before.body);

    const globexIssue = must(must(seed.organizations.get('globex')).issues[0]);
    const none = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=999999999&id=${globexIssue.wire.id}`,
      {
        method: 'PUT',
        body: { status: 'resolved' },
      },
    );
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    const stillThere = await sentry.fetchJson<Row>(
      `/api/0/organizations/globex/issues/${globexIssue.wire.id}/`,
    );
    expect(stillThere.body['status']).toBe(globexIssue.wire.status);

    // An explicit query is Sentry's query-based bulk change.
    const backend = must(acme().projectsBySlug.get('backend'));
    const byQuery = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?query=is:unresolved&project=${backend.wire.id}`,
      { method: 'PUT', body: { status: 'ignored' } },
    );
    expect(byQuery.body).toMatchObject({ status: 'ignored' });
    const left = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/issues/?query=is:unresolved`,
    );
    expect(left.body).toEqual([]);
  });

  it('bulk issue PUT with merge: the most-seen issue stays, the others move into it and redirect', async () => {
    await using sentry = await server();
    const backend = must(acme().projectsBySlug.get('backend'));
    const bySize = [...backend.issues].sort((x, y) => y.events.length - x.events.length);
    const big = must(bySize[0]);
    const [small, mid] = take(
      backend.issues.filter((i) => i !== big && i.events.length < big.events.length),
      2,
    );
    const total = big.events.length + small.events.length + mid.events.length;
    const hitsBefore = Number(
      (await sentry.fetchJson('/api/0/organizations/acme/issues/?query=')).headers.get('x-hits'),
    );

    const merged = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${small.wire.id}&id=${big.wire.id}&id=${mid.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: 1 } },
    );
    expect(merged.status).toBe(200);
    const children = [small, mid]
      .sort((x, y) => y.events.length - x.events.length || Number(y.wire.id) - Number(x.wire.id))
      .map((i) => i.wire.id);
    expect(merged.body).toEqual({ merge: { parent: big.wire.id, children } });

    // The children leave the lists; the parent carries every event.
    const rows = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${big.wire.id}&group=${small.wire.id}&group=${mid.wire.id}`,
    );
    expect(rows.body.map((i) => i['id'])).toEqual([big.wire.id]);
    expect(rows.body[0]).toMatchObject({ count: String(total) });
    const stream = await sentry.fetchJson('/api/0/organizations/acme/issues/?query=');
    expect(Number(stream.headers.get('x-hits'))).toBe(hitsBefore - 2);
    const events = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/${big.wire.id}/events/?per_page=100`,
    );
    expect(Number(events.headers.get('x-hits') ?? events.body.length)).toBe(total);
    expect(new Set(events.body.map((e) => e['groupID']))).toEqual(new Set([big.wire.id]));

    // A child's id answers with the parent (Sentry's GroupRedirect), on both detail paths.
    for (const path of [
      `/api/0/organizations/acme/issues/${small.wire.id}/`,
      `/api/0/issues/${mid.wire.id}/`,
    ]) {
      const detail = await sentry.fetchJson<Row>(path);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: big.wire.id, count: String(total) });
    }
    // Merging the parent away later redirects its children's ids onward.
    const other = must(backend.issues.find((i) => ![big, small, mid].includes(i)));
    const again = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${big.wire.id}&id=${other.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    const parent = String((again.body['merge'] as Row)['parent']);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${small.wire.id}/`)).body,
    ).toMatchObject({ id: parent });

    // One issue: nothing to merge, the flag is echoed. Several projects: refused.
    const single = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    expect(single.body).toEqual({ merge: true });
    const frontend = must(must(acme().projectsBySlug.get('frontend')).issues[0]);
    const across = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&id=${frontend.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    expect(across.status).toBe(400);
    expect(across.body).toEqual({ detail: 'Merging across multiple projects is not supported' });
    const invalid = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&id=${frontend.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: 'perhaps' } },
    );
    expect(invalid.status).toBe(400);
  });

  it('bulk issue DELETE by id, project-scoped bulk PUT and DELETE', async () => {
    await using sentry = await server();
    const [a, b] = take(acme().issues, 2);
    const deleted = await sentry.fetchJson(`/api/0/organizations/acme/issues/?id=${a.wire.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`)).status).toBe(
      404,
    );
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${b.wire.id}/`)).status).toBe(
      200,
    );

    const backend = must(acme().projectsBySlug.get('backend'));
    const [p1, p2] = take(backend.issues, 2);
    const put = await sentry.fetchJson<Row>(
      `/api/0/projects/acme/backend/issues/?id=${p1.wire.id}`,
      {
        method: 'PUT',
        body: { isBookmarked: true },
      },
    );
    expect(put.body).toEqual({ isBookmarked: true });
    const other = must(must(acme().projectsBySlug.get('frontend')).issues[0]);
    const outside = await sentry.fetchJson(
      `/api/0/projects/acme/backend/issues/?id=${other.wire.id}`,
      {
        method: 'PUT',
        body: { isBookmarked: true },
      },
    );
    expect(outside.status).toBe(204);
    const del = await sentry.fetchJson(`/api/0/projects/acme/backend/issues/?id=${p2.wire.id}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${p2.wire.id}/`)).status).toBe(
      404,
    );
  });

  it('releases: create, list shows it, update, deploy, delete', async () => {
    await using sentry = await server();
    const created = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: {
        version: 'backend@9.9.9',
        projects: ['backend'],
        commits: [{ id: 'a'.repeat(40), message: 'ship it', author_email: 'dev@example.com' }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 'backend@9.9.9', commitCount: 1 });
    const again = await sentry.fetchJson('/api/0/organizations/acme/releases/', {
      method: 'POST',
      body: { version: 'backend@9.9.9', projects: ['backend'] },
    });
    expect(again.status).toBe(208);
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/releases/?query=9.9.9');
    expect(list.body.map((r) => r['version'])).toEqual(['backend@9.9.9']);
    const version = encodeURIComponent('backend@9.9.9');
    const commits = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${version}/commits/`,
    );
    expect(commits.body.map((c) => c['id'])).toEqual(['a'.repeat(40)]);

    const updated = await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${version}/`, {
      method: 'PUT',
      body: { ref: 'main', dateReleased: '2026-10-31T12:00:00Z' },
    });
    expect(updated.body).toMatchObject({ ref: 'main', dateReleased: '2026-10-31T12:00:00.000Z' });
    const deploy = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/releases/${version}/deploys/`,
      {
        method: 'POST',
        body: { environment: 'production', name: 'first' },
      },
    );
    expect(deploy.status).toBe(201);
    expect(deploy.body).toMatchObject({ environment: 'production', name: 'first' });
    const deploys = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/releases/${version}/deploys/`,
    );
    expect(deploys.body.map((d) => d['id'])).toEqual([deploy.body['id']]);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/releases/${version}/`)).body[
        'deployCount'
      ],
    ).toBe(1);

    for (const bad of [
      { version: 'a/b', projects: ['backend'] },
      { version: 'x' },
      { version: 'y', projects: ['nope'] },
    ]) {
      expect(
        (
          await sentry.fetchJson('/api/0/organizations/acme/releases/', {
            method: 'POST',
            body: bad,
          })
        ).status,
      ).toBe(400);
    }
    expect(
      (
        await sentry.fetchJson(`/api/0/organizations/acme/releases/${version}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/releases/${version}/`)).status).toBe(
      404,
    );
  });

  it('issues resolved in a release are listed for the project', async () => {
    await using sentry = await server();
    const backend = must(acme().projectsBySlug.get('backend'));
    const target = must(backend.issues.find((i) => i.wire.status === 'unresolved'));
    const version = must(acme().releases.find((r) => r.projectIds.includes(backend.wire.id))).wire
      .version;
    const put = await sentry.fetchJson(`/api/0/organizations/acme/issues/${target.wire.id}/`, {
      method: 'PUT',
      body: { status: 'resolved', statusDetails: { inRelease: version } },
    });
    expect(put.status).toBe(200);
    const resolved = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/releases/${encodeURIComponent(version)}/resolved/`,
    );
    expect(resolved.body.map((i) => i['id'])).toContain(target.wire.id);
  });
});

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

describe('crons: monitors and check-ins', () => {
  it('lists seeded monitors with schedules, environments and the status their history implies', async () => {
    await using sentry = await server();
    const first = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/monitors/?per_page=2');
    expect(first.status).toBe(200);
    expect(first.body.map((m) => m['slug'])).toEqual(['cleanup-sessions', 'nightly-backup']);
    expect(first.headers.get('link')).toContain('rel="next"; results="true"');
    const all = (await sentry.fetchAll<Row>('/api/0/organizations/acme/monitors/?per_page=2')).rows;
    expect(all.map((m) => m['slug'])).toEqual([
      'cleanup-sessions',
      'nightly-backup',
      'refresh-search-index',
      'rotate-logs',
      'sync-invoices',
      'weekly-digest',
    ]);
    const bySlug = new Map(all.map((m) => [m['slug'], m]));
    expect(bySlug.get('sync-invoices')).toMatchObject({
      status: 'active',
      config: { schedule_type: 'interval', schedule: [15, 'minute'], checkin_margin: 5 },
      environments: [
        { name: 'production', status: 'error' },
        { name: 'staging', status: 'ok' },
      ],
    });
    expect(bySlug.get('weekly-digest')).toMatchObject({
      config: { schedule_type: 'crontab', schedule: '0 9 * * 1', timezone: 'Europe/London' },
      environments: [{ name: 'production', status: 'missed_checkin' }],
    });
    expect(bySlug.get('refresh-search-index')).toMatchObject({
      environments: [{ status: 'timeout' }, { status: 'ok' }],
    });

    const staging = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/monitors/?environment=staging',
    );
    expect(staging.body.map((m) => m['slug'])).toEqual(['refresh-search-index', 'sync-invoices']);
    expect(staging.body.map((m) => (m['environments'] as Row[]).map((e) => e['name']))).toEqual([
      ['staging'],
      ['staging'],
    ]);
    const backend = acme().projectsBySlug.get('backend')?.wire.id;
    const byProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/monitors/?project=${backend}`,
    );
    expect(byProject.body.every((m) => (m['project'] as Row)['slug'] === 'backend')).toBe(true);
    expect(byProject.body.length).toBeGreaterThan(0);

    const detail = await sentry.fetchJson<Row>(
      '/api/0/organizations/acme/monitors/nightly-backup/',
    );
    expect(detail.body).toMatchObject({
      slug: 'nightly-backup',
      config: { schedule: '0 3 * * *' },
    });
    const byId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/monitors/${String(detail.body['id'])}/`,
    );
    expect(byId.body['slug']).toBe('nightly-backup');
    const missing = await sentry.fetchJson('/api/0/organizations/acme/monitors/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'The requested resource does not exist' });
  });

  it('pages check-ins newest first under both spellings of the path', async () => {
    await using sentry = await server();
    const plural = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/monitors/cleanup-sessions/checkins/?per_page=5',
    );
    const singular = await sentry.fetchJson<Row[]>(
      '/api/0/organization/acme/monitors/cleanup-sessions/checkins/?per_page=5',
    );
    expect(plural.status).toBe(200);
    expect(singular.body).toEqual(plural.body);
    expect(plural.headers.get('link')).toContain('rel="next"; results="true"');
    expect(plural.body[0]).toMatchObject({ status: 'in_progress', duration: null });
    const dates = plural.body.map((c) => String(c['dateCreated']));
    expect([...dates].sort().reverse()).toEqual(dates);
    const staging = (
      await sentry.fetchAll<Row>(
        '/api/0/organizations/acme/monitors/sync-invoices/checkins/?environment=staging',
      )
    ).rows;
    expect(staging.length).toBeGreaterThan(10);
    expect(new Set(staging.map((c) => c['environment']))).toEqual(new Set(['staging']));
    const statuses = new Set(
      (
        await sentry.fetchAll<Row>(
          '/api/0/organizations/acme/monitors/refresh-search-index/checkins/',
        )
      ).rows.map((c) => c['status']),
    );
    expect(statuses.has('ok') && statuses.has('timeout')).toBe(true);
  });

  it('creates, updates and deletes monitors; refuses invalid schedules with nothing written', async () => {
    await using sentry = await server();
    const create = (body: unknown) =>
      sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/', { method: 'POST', body });
    const badCron = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'crontab', schedule: '61 * * * *' },
    });
    expect(badCron.status).toBe(400);
    expect(badCron.body).toEqual({ config: { schedule: ['Schedule was not parseable'] } });
    const badInterval = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'interval', schedule: [1, 'fortnight'] },
    });
    expect(badInterval.body).toEqual({ config: { schedule: ['Invalid interval schedule'] } });
    const badZone = await create({
      project: 'backend',
      name: 'Bad',
      config: { schedule_type: 'crontab', schedule: '@hourly', timezone: 'Mars/Olympus' },
    });
    expect(badZone.body).toEqual({
      config: { timezone: ['"Mars/Olympus" is not a valid choice.'] },
    });
    expect((await create({ project: 'backend', config: {} })).body).toEqual({
      name: ['This field is required.'],
    });
    const list = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/monitors/');
    expect(list.body).toHaveLength(6);

    const made = await create({
      project: 'frontend',
      name: 'Hourly Report',
      config: { schedule_type: 'crontab', schedule: '@hourly', max_runtime: 20 },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      slug: 'hourly-report',
      config: { schedule: '0 * * * *', max_runtime: 20, checkin_margin: null },
      environments: [],
      project: { slug: 'frontend' },
    });
    expect(
      (
        await create({
          project: 'frontend',
          name: 'Hourly Report',
          config: { schedule_type: 'interval', schedule: [1, 'day'] },
        })
      ).body,
    ).toEqual({
      slug: ['The slug "hourly-report" is already in use.'],
    });

    const put = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'PUT',
      body: { name: 'Hourly Report v2', config: { checkin_margin: 3 } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      name: 'Hourly Report v2',
      config: {
        schedule_type: 'crontab',
        schedule: '0 * * * *',
        checkin_margin: 3,
        max_runtime: 20,
      },
    });
    const badPut = await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'PUT',
      body: { config: { schedule: 'every day' } },
    });
    expect(badPut.status).toBe(400);
    const after = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/hourly-report/');
    expect(after.body['config']).toMatchObject({ schedule: '0 * * * *' });

    const removed = await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/', {
      method: 'DELETE',
    });
    expect(removed.status).toBe(202);
    expect(
      (await sentry.fetchJson('/api/0/organizations/acme/monitors/hourly-report/')).status,
    ).toBe(404);

    const envOnly = await sentry.fetchJson(
      '/api/0/organizations/acme/monitors/sync-invoices/?environment=staging',
      { method: 'DELETE' },
    );
    expect(envOnly.status).toBe(202);
    const kept = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/sync-invoices/');
    expect((kept.body['environments'] as Row[]).map((e) => e['name'])).toEqual(['production']);
  });

  it('serves the project-scoped monitor routes for monitors of that project only', async () => {
    await using sentry = await server();
    const monitor = must(acme().monitors.find((m) => m.wire.slug === 'weekly-digest'));
    const own = must(seed.projectsById.get(monitor.projectId)).wire.slug;
    const other = must(acme().projects.find((p) => p.wire.id !== monitor.projectId)).wire.slug;
    const path = (project: string) => `/api/0/projects/acme/${project}/monitors/weekly-digest/`;
    const detail = await sentry.fetchJson<Row>(path(own));
    expect(detail.body).toMatchObject({ slug: 'weekly-digest', project: { slug: own } });
    expect((await sentry.fetchJson(path(other))).status).toBe(404);
    const checkIns = await sentry.fetchJson<Row[]>(`${path(own)}checkins/?per_page=2`);
    expect(checkIns.body).toHaveLength(2);
    expect((await sentry.fetchJson(`${path(other)}checkins/`)).status).toBe(404);
    const muted = await sentry.fetchJson<Row>(path(own), {
      method: 'PUT',
      body: { is_muted: true },
    });
    expect(muted.body).toMatchObject({ isMuted: true, environments: [{ isMuted: true }] });
    expect((await sentry.fetchJson(path(other), { method: 'DELETE' })).status).toBe(404);
    expect((await sentry.fetchJson(path(own), { method: 'DELETE' })).status).toBe(202);
    expect((await sentry.fetchJson(path(own))).status).toBe(404);
  });

  it('moves a check-in from in_progress to ok or error, once', async () => {
    await using sentry = await server();
    const base = '/api/0/organization/acme/monitors/nightly-backup/checkins/';
    const started = await sentry.fetchJson<Row>(base, {
      method: 'POST',
      body: { environment: 'staging' },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'in_progress',
      environment: 'staging',
      duration: null,
    });
    const id = String(started.body['id']);
    const running = await sentry.fetchJson<Row>(`${base}${id}/`, { method: 'PUT', body: {} });
    expect(running.body).toMatchObject({ status: 'in_progress' });
    const done = await sentry.fetchJson<Row>(`${base}latest/`, {
      method: 'PUT',
      body: { status: 'error', duration: 4200 },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, status: 'error', duration: 4200 });
    const again = await sentry.fetchJson<Row>(`${base}${id}/`, {
      method: 'PUT',
      body: { status: 'ok' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ detail: 'Check-in has already been completed.' });
    const monitor = await sentry.fetchJson<Row>(
      '/api/0/organizations/acme/monitors/nightly-backup/?environment=staging',
    );
    expect(monitor.body['environments']).toMatchObject([{ name: 'staging', status: 'error' }]);

    const ping = await sentry.fetchJson<Row>(base, {
      method: 'POST',
      body: { status: 'ok', duration: 1500 },
    });
    expect(ping.body).toMatchObject({ status: 'ok', duration: 1500, environment: 'production' });
    const bad = await sentry.fetchJson<Row>(base, { method: 'POST', body: { status: 'missed' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ status: ['"missed" is not a valid choice.'] });
    const orphan = await sentry.fetchJson('/api/0/organization/acme/monitors/nope/checkins/', {
      method: 'POST',
      body: { status: 'ok' },
    });
    expect(orphan.status).toBe(404);
    expect(
      (
        await sentry.fetchJson(`${base}00000000-0000-4000-8000-000000000000/`, {
          method: 'PUT',
          body: {},
        })
      ).status,
    ).toBe(404);
  });
});

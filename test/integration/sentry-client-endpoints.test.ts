import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { createUpstream } from '../../src/sentry/upstream.ts';

/** Each client method reaches the route Sentry serves it on, with the body shape it expects. */
async function setup() {
  const sentry = await startLocalSentry();
  const upstream = createUpstream({ baseUrl: sentry.url });
  const acme = sentry.data.organizations.get('acme');
  if (!acme) throw new Error('seed data has no acme');
  return {
    sentry,
    acme,
    client: new SentryClient({ upstream, token: sentry.token }),
    async [Symbol.asyncDispose]() {
      await upstream.close();
      await sentry.close();
    },
  };
}

function routesOf(byRoute: Record<string, number>): string[] {
  return Object.keys(byRoute).sort();
}

describe('every SentryClient method reaches its Sentry route', () => {
  it('reads', async () => {
    await using env = await setup();
    const { client, acme } = env;
    const project = acme.projectsBySlug.get('backend');
    const issue = project?.issues[0];
    const event = issue ? acme.events.find((e) => e.issueId === issue.wire.id) : undefined;
    const team = acme.teams[0]?.wire.slug;
    const member = acme.members[0]?.wire.id;
    const release = acme.releases[0]?.wire.version;
    const repo = acme.repositories[0]?.wire.id;
    if (!project || !issue || !event || !team || !member || !release || !repo) {
      throw new Error('seed data lacks an entity the test needs');
    }

    const organizations = await client.listOrganizations();
    expect(organizations.items.map((o) => o.slug)).toContain('acme');
    expect(await client.getOrganization('acme')).toMatchObject({
      slug: 'acme',
      organizationSlug: 'acme',
    });
    expect((await client.listProjects('acme', { allProjects: true })).items.length).toBe(
      acme.projects.length,
    );
    expect(await client.getProject('acme', 'backend')).toMatchObject({ slug: 'backend' });
    expect((await client.listTeams('acme', { detailed: false })).items.length).toBeGreaterThan(0);
    expect(await client.getTeam('acme', team)).toMatchObject({ slug: team });
    expect((await client.listTeamProjects('acme', team)).items).toBeInstanceOf(Array);
    expect((await client.listTeamMembers('acme', team)).items).toBeInstanceOf(Array);
    expect((await client.listMembers('acme')).items.length).toBeGreaterThan(0);
    expect(await client.getMember('acme', member)).toMatchObject({ id: member });
    expect((await client.listOrganizationUsers('acme')).items).toBeInstanceOf(Array);

    expect(
      (await client.listIssues('acme', { query: 'is:unresolved', statsPeriod: '90d', perPage: 5 }))
        .items.length,
    ).toBeLessThanOrEqual(5);
    expect(await client.getIssue('acme', issue.wire.id)).toMatchObject({ id: issue.wire.id });
    expect(await client.getIssue('acme', issue.wire.shortId)).toMatchObject({ id: issue.wire.id });
    expect(await client.resolveShortId('acme', issue.wire.shortId)).toMatchObject({
      groupId: issue.wire.id,
    });
    expect(await client.resolveEventId('acme', event.id)).toMatchObject({
      eventId: event.id,
      groupId: issue.wire.id,
    });
    const shortHit = await client.listIssues('acme', {
      query: issue.wire.shortId,
      shortIdLookup: true,
    });
    expect(shortHit.items.map((i) => i.id)).toEqual([issue.wire.id]);
    expect(
      (await client.listIssueEvents('acme', issue.wire.id, { perPage: 3 })).items.length,
    ).toBeGreaterThan(0);
    const full = await client.listIssueEvents('acme', issue.wire.id, { full: true, perPage: 2 });
    expect(full.items[0]).toHaveProperty('entries');
    expect(await client.getIssueEvent('acme', issue.wire.id, 'latest')).toMatchObject({
      groupID: issue.wire.id,
    });
    expect(await client.getIssueEvent('acme', issue.wire.id, event.id)).toMatchObject({
      eventID: event.id,
    });
    const tags = await client.listIssueTags('acme', issue.wire.id);
    expect(tags.length).toBeGreaterThan(0);
    const key = tags[0]?.key ?? 'environment';
    expect(
      (await client.listIssueTagValues('acme', issue.wire.id, key)).items.length,
    ).toBeGreaterThan(0);
    expect((await client.listIssueHashes('acme', issue.wire.id)).items).toBeInstanceOf(Array);

    expect(
      (await client.listProjectEvents('acme', 'backend', { perPage: 3 })).items.length,
    ).toBeGreaterThan(0);
    expect(await client.getProjectEvent('acme', 'backend', event.id)).toMatchObject({
      eventID: event.id,
    });
    expect(
      (await client.listProjectIssues('acme', 'backend', { perPage: 3 })).items.length,
    ).toBeLessThanOrEqual(3);
    expect((await client.listProjectUsers('acme', 'backend')).items).toBeInstanceOf(Array);
    expect(
      (await client.listProjectTagValues('acme', 'backend', 'environment')).items,
    ).toBeInstanceOf(Array);
    expect((await client.listProjectKeys('acme', 'backend')).items).toBeInstanceOf(Array);
    const hooks = await client.listServiceHooks('acme', 'backend');
    const hook = hooks.items[0];
    if (hook)
      expect(await client.getServiceHook('acme', 'backend', hook.id)).toMatchObject({
        id: hook.id,
      });
    expect((await client.listUserFeedback('acme', 'backend')).items).toBeInstanceOf(Array);

    expect((await client.listReleases('acme')).items.length).toBeGreaterThan(0);
    expect(await client.getRelease('acme', release)).toMatchObject({ version: release });
    expect((await client.listReleaseDeploys('acme', release)).items).toBeInstanceOf(Array);
    expect((await client.listReleaseCommits('acme', release)).items).toBeInstanceOf(Array);
    expect((await client.listReleaseFiles('acme', release)).items).toBeInstanceOf(Array);
    expect(await client.listIssuesResolvedInRelease('acme', 'backend', release)).toBeInstanceOf(
      Array,
    );
    expect((await client.listRepositories('acme')).items.length).toBeGreaterThan(0);
    expect((await client.listRepositoryCommits('acme', repo)).items).toBeInstanceOf(Array);

    const discover = await client.discoverEvents('acme', {
      field: ['id', 'title', 'issue.id'],
      query: `id:[${event.id}]`,
      dataset: 'errors',
      project: [-1],
      statsPeriod: '90d',
    });
    expect(discover.items.map((row) => row['id'])).toEqual([event.id]);
    expect(discover.meta).toBeTypeOf('object');
    expect(
      await client.getSessions('acme', {
        field: 'sum(session)',
        project: '-1',
        statsPeriod: '1d',
        interval: '1h',
      }),
    ).toHaveProperty('groups');

    const routes = routesOf(env.sentry.stats().byRoute);
    expect(routes.filter((route) => route.includes('(unmatched)'))).toEqual([]);
    expect(env.sentry.stats().requests).toBe(client.requestCount);
  });

  it('writes', async () => {
    await using env = await setup();
    const { client, acme } = env;
    const issues = acme.issues.slice(0, 4).map((issue) => issue.wire.id);
    const [one, two, three, four] = issues as [string, string, string, string];

    expect(await client.updateOrganization('acme', { name: 'Acme Corp' })).toMatchObject({
      slug: 'acme',
    });
    expect(await client.updateIssue('acme', one, { isBookmarked: true })).toMatchObject({
      id: one,
      isBookmarked: true,
    });
    expect(
      await client.bulkUpdateIssues('acme', [two, three], { status: 'resolved' }),
    ).toMatchObject({ status: 'resolved' });
    const reread = await client.listIssues('acme', { groups: [two, three] });
    expect(reread.items.map((issue) => issue.status)).toEqual(['resolved', 'resolved']);
    // Sentry answers 204 when none of the ids matched: resolved as null, not thrown.
    expect(await client.bulkUpdateIssues('acme', ['999999999'], { status: 'resolved' })).toBeNull();
    await client.deleteIssue('acme', four);
    await expect(client.getIssue('acme', four)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await client.bulkDeleteIssues('acme', [three]);

    const team = await client.createTeam('acme', { slug: 'client-test-team', name: 'Client test' });
    expect(team).toMatchObject({ slug: 'client-test-team', organizationSlug: 'acme' });
    expect(
      await client.updateTeam('acme', team.slug, { slug: team.slug, name: 'Renamed' }),
    ).toMatchObject({
      name: 'Renamed',
    });
    const project = await client.createProject('acme', team.slug, {
      name: 'Client Test',
      slug: 'client-test',
    });
    expect(project).toMatchObject({ slug: 'client-test' });
    expect(await client.updateProject('acme', project.slug, { platform: 'python' })).toMatchObject({
      platform: 'python',
    });
    const otherTeam = acme.teams.find((t) => t.wire.slug !== team.slug)?.wire.slug ?? team.slug;
    expect(await client.addProjectTeam('acme', project.slug, otherTeam)).toMatchObject({
      slug: project.slug,
    });
    const key = await client.createProjectKey('acme', project.slug, { name: 'ci' });
    expect(
      await client.updateProjectKey('acme', project.slug, key.id, { name: 'ci-2' }),
    ).toMatchObject({ name: 'ci-2' });
    await client.deleteProjectKey('acme', project.slug, key.id);
    const hook = await client.createServiceHook('acme', project.slug, {
      url: 'https://example.com/hook',
      events: ['event.alert'],
    });
    expect(
      await client.updateServiceHook('acme', project.slug, hook.id, {
        url: 'https://example.com/h2',
        events: ['event.created'],
      }),
    ).toMatchObject({ url: 'https://example.com/h2' });
    await client.deleteServiceHook('acme', project.slug, hook.id);

    const backendEvent = acme.events.find(
      (e) => e.projectId === acme.projectsBySlug.get('backend')?.wire.id,
    );
    if (backendEvent) {
      expect(
        await client.submitUserFeedback('acme', 'backend', {
          event_id: backendEvent.id,
          name: 'Jane',
          email: 'jane@example.com',
          comments: 'It broke',
        }),
      ).toMatchObject({ comments: 'It broke' });
    }

    const release = await client.createRelease('acme', {
      version: 'client-test@1.0.0+build.7',
      projects: ['backend'],
    });
    expect(release).toMatchObject({ version: 'client-test@1.0.0+build.7' });
    expect(await client.getRelease('acme', release.version)).toMatchObject({
      version: release.version,
    });
    expect(await client.updateRelease('acme', release.version, { ref: 'main' })).toMatchObject({
      ref: 'main',
    });
    expect(
      await client.createDeploy('acme', release.version, { environment: 'production' }),
    ).toMatchObject({ environment: 'production' });
    await client.deleteRelease('acme', release.version);
    await client.deleteProject('acme', project.slug);
    await client.deleteTeam('acme', team.slug);

    const routes = routesOf(env.sentry.stats().byRoute);
    expect(routes.filter((route) => route.includes('(unmatched)'))).toEqual([]);
    expect(routes).toEqual(
      expect.arrayContaining([
        'PUT /api/0/organizations/{org}/issues/',
        'DELETE /api/0/organizations/{org}/issues/',
        'POST /api/0/teams/{org}/{team}/projects/',
        'POST /api/0/projects/{org}/{project}/teams/{team}/',
      ]),
    );
  });
});

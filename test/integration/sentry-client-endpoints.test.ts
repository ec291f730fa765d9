import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

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

    const organizations = await client.organizations.list();
    expect(organizations.items.map((o) => o.slug)).toContain('acme');
    expect(await client.organizations.get('acme')).toMatchObject({
      slug: 'acme',
      organizationSlug: 'acme',
    });
    expect((await client.projects.list('acme', { allProjects: true })).items.length).toBe(
      acme.projects.length,
    );
    expect(await client.projects.get('acme', 'backend')).toMatchObject({ slug: 'backend' });
    expect((await client.teams.list('acme', { detailed: false })).items.length).toBeGreaterThan(0);
    expect(await client.teams.get('acme', team)).toMatchObject({ slug: team });
    expect((await client.projects.listForTeam('acme', team)).items).toBeInstanceOf(Array);
    expect((await client.members.listForTeam('acme', team)).items).toBeInstanceOf(Array);
    expect((await client.members.list('acme')).items.length).toBeGreaterThan(0);
    expect(await client.members.get('acme', member)).toMatchObject({ id: member });
    expect((await client.organizations.users('acme')).items).toBeInstanceOf(Array);

    expect(
      (await client.issues.list('acme', { query: 'is:unresolved', statsPeriod: '90d', perPage: 5 }))
        .items.length,
    ).toBeLessThanOrEqual(5);
    expect(await client.issues.get('acme', issue.wire.id)).toMatchObject({ id: issue.wire.id });
    expect(await client.issues.get('acme', issue.wire.shortId)).toMatchObject({
      id: issue.wire.id,
    });
    expect(await client.issues.resolveShortId('acme', issue.wire.shortId)).toMatchObject({
      groupId: issue.wire.id,
    });
    expect(await client.events.resolveId('acme', event.id)).toMatchObject({
      eventId: event.id,
      groupId: issue.wire.id,
    });
    const shortHit = await client.issues.list('acme', {
      query: issue.wire.shortId,
      shortIdLookup: true,
    });
    expect(shortHit.items.map((i) => i.id)).toEqual([issue.wire.id]);
    expect(
      (await client.events.listForIssue('acme', issue.wire.id, { perPage: 3 })).items.length,
    ).toBeGreaterThan(0);
    const full = await client.events.listForIssue('acme', issue.wire.id, {
      full: true,
      perPage: 2,
    });
    expect(full.items[0]).toHaveProperty('entries');
    expect(await client.events.getForIssue('acme', issue.wire.id, 'latest')).toMatchObject({
      groupID: issue.wire.id,
    });
    expect(await client.events.getForIssue('acme', issue.wire.id, event.id)).toMatchObject({
      eventID: event.id,
    });
    const tags = await client.issues.tags('acme', issue.wire.id);
    expect(tags.length).toBeGreaterThan(0);
    const key = tags[0]?.key ?? 'environment';
    expect(
      (await client.issues.tagValues('acme', issue.wire.id, key)).items.length,
    ).toBeGreaterThan(0);
    expect((await client.issues.hashes('acme', issue.wire.id)).items).toBeInstanceOf(Array);

    expect(
      (await client.events.listForProject('acme', 'backend', { perPage: 3 })).items.length,
    ).toBeGreaterThan(0);
    expect(await client.events.get('acme', 'backend', event.id)).toMatchObject({
      eventID: event.id,
    });
    expect(
      (await client.issues.listForProject('acme', 'backend', { perPage: 3 })).items.length,
    ).toBeLessThanOrEqual(3);
    expect((await client.projects.users('acme', 'backend')).items).toBeInstanceOf(Array);
    expect(
      (await client.projects.tagValues('acme', 'backend', 'environment')).items,
    ).toBeInstanceOf(Array);
    expect((await client.projectKeys.list('acme', 'backend')).items).toBeInstanceOf(Array);
    const hooks = await client.serviceHooks.list('acme', 'backend');
    const hook = hooks.items[0];
    if (hook)
      expect(await client.serviceHooks.get('acme', 'backend', hook.id)).toMatchObject({
        id: hook.id,
      });
    expect((await client.userFeedback.list('acme', 'backend')).items).toBeInstanceOf(Array);

    expect((await client.releases.list('acme')).items.length).toBeGreaterThan(0);
    expect(await client.releases.get('acme', release)).toMatchObject({ version: release });
    expect((await client.releases.deploys('acme', release)).items).toBeInstanceOf(Array);
    expect((await client.releases.commits('acme', release)).items).toBeInstanceOf(Array);
    expect((await client.releases.files('acme', release)).items).toBeInstanceOf(Array);
    expect(await client.issues.listResolvedInRelease('acme', 'backend', release)).toBeInstanceOf(
      Array,
    );
    expect((await client.repositories.list('acme')).items.length).toBeGreaterThan(0);
    expect((await client.repositories.commits('acme', repo)).items).toBeInstanceOf(Array);

    const discover = await client.discover.query('acme', {
      field: ['id', 'title', 'issue.id'],
      query: `id:[${event.id}]`,
      dataset: 'errors',
      project: [-1],
      statsPeriod: '90d',
    });
    expect(discover.items.map((row) => row['id'])).toEqual([event.id]);
    expect(discover.meta).toBeTypeOf('object');
    expect(
      await client.sessions.query('acme', {
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

    expect(await client.organizations.update('acme', { name: 'Acme Corp' })).toMatchObject({
      slug: 'acme',
    });
    expect(await client.issues.update('acme', one, { isBookmarked: true })).toMatchObject({
      id: one,
      isBookmarked: true,
    });
    expect(
      await client.issues.bulkUpdate('acme', [two, three], { status: 'resolved' }),
    ).toMatchObject({ status: 'resolved' });
    const reread = await client.issues.list('acme', { groups: [two, three] });
    expect(reread.items.map((issue) => issue.status)).toEqual(['resolved', 'resolved']);
    // Sentry answers 204 when none of the ids matched: resolved as null, not thrown.
    expect(
      await client.issues.bulkUpdate('acme', ['999999999'], { status: 'resolved' }),
    ).toBeNull();
    await client.issues.delete('acme', four);
    await expect(client.issues.get('acme', four)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await client.issues.bulkDelete('acme', [three]);

    const team = await client.teams.create('acme', {
      slug: 'client-test-team',
      name: 'Client test',
    });
    expect(team).toMatchObject({ slug: 'client-test-team', organizationSlug: 'acme' });
    expect(
      await client.teams.update('acme', team.slug, { slug: team.slug, name: 'Renamed' }),
    ).toMatchObject({
      name: 'Renamed',
    });
    const project = await client.projects.create('acme', team.slug, {
      name: 'Client Test',
      slug: 'client-test',
    });
    expect(project).toMatchObject({ slug: 'client-test' });
    expect(
      await client.projects.update('acme', project.slug, { platform: 'python' }),
    ).toMatchObject({
      platform: 'python',
    });
    const otherTeam = acme.teams.find((t) => t.wire.slug !== team.slug)?.wire.slug ?? team.slug;
    expect(await client.projects.addTeam('acme', project.slug, otherTeam)).toMatchObject({
      slug: project.slug,
    });
    const key = await client.projectKeys.create('acme', project.slug, { name: 'ci' });
    expect(
      await client.projectKeys.update('acme', project.slug, key.id, { name: 'ci-2' }),
    ).toMatchObject({ name: 'ci-2' });
    await client.projectKeys.delete('acme', project.slug, key.id);
    const hook = await client.serviceHooks.create('acme', project.slug, {
      url: 'https://example.com/hook',
      events: ['event.alert'],
    });
    expect(
      await client.serviceHooks.update('acme', project.slug, hook.id, {
        url: 'https://example.com/h2',
        events: ['event.created'],
      }),
    ).toMatchObject({ url: 'https://example.com/h2' });
    await client.serviceHooks.delete('acme', project.slug, hook.id);

    const backendEvent = acme.events.find(
      (e) => e.projectId === acme.projectsBySlug.get('backend')?.wire.id,
    );
    if (backendEvent) {
      expect(
        await client.userFeedback.submit('acme', 'backend', {
          event_id: backendEvent.id,
          name: 'Jane',
          email: 'jane@example.com',
          comments: 'It broke',
        }),
      ).toMatchObject({ comments: 'It broke' });
    }

    const release = await client.releases.create('acme', {
      version: 'client-test@1.0.0+build.7',
      projects: ['backend'],
    });
    expect(release).toMatchObject({ version: 'client-test@1.0.0+build.7' });
    expect(await client.releases.get('acme', release.version)).toMatchObject({
      version: release.version,
    });
    expect(await client.releases.update('acme', release.version, { ref: 'main' })).toMatchObject({
      ref: 'main',
    });
    expect(
      await client.releases.createDeploy('acme', release.version, { environment: 'production' }),
    ).toMatchObject({ environment: 'production' });
    await client.releases.delete('acme', release.version);
    await client.projects.delete('acme', project.slug);
    await client.teams.delete('acme', team.slug);

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

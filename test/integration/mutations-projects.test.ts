/**
 * Project administration mutations against the local Sentry: projects, client keys, service
 * hooks and user feedback, each read back through REST.
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  issueGid,
  projectGid,
  rest,
  withFaults,
  writes,
} from './mutations-support.ts';

const CreateProject = graphql(`
  mutation TestCreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      project {
        id
        slug
        name
        platform
        teams {
          slug
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateProject = graphql(`
  mutation TestUpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      project {
        id
        slug
        name
        platform
        isBookmarked
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteProject = graphql(`
  mutation TestDeleteProject($input: DeleteProjectInput!) {
    deleteProject(input: $input) {
      deletedProjectId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const CreateProjectKey = graphql(`
  mutation TestCreateProjectKey($input: CreateProjectKeyInput!) {
    createProjectKey(input: $input) {
      projectKey {
        id
        sentryId
        name
        isActive
        dsn
        rateLimit {
          count
          window
        }
        project {
          slug
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateProjectKey = graphql(`
  mutation TestUpdateProjectKey($input: UpdateProjectKeyInput!) {
    updateProjectKey(input: $input) {
      projectKey {
        name
        isActive
        rateLimit {
          count
          window
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteProjectKey = graphql(`
  mutation TestDeleteProjectKey($input: DeleteProjectKeyInput!) {
    deleteProjectKey(input: $input) {
      deletedProjectKeyId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const CreateServiceHook = graphql(`
  mutation TestCreateServiceHook($input: CreateServiceHookInput!) {
    createServiceHook(input: $input) {
      serviceHook {
        id
        url
        events
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateServiceHook = graphql(`
  mutation TestUpdateServiceHook($input: UpdateServiceHookInput!) {
    updateServiceHook(input: $input) {
      serviceHook {
        url
        events
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteServiceHook = graphql(`
  mutation TestDeleteServiceHook($input: DeleteServiceHookInput!) {
    deleteServiceHook(input: $input) {
      deletedServiceHookId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SubmitUserFeedback = graphql(`
  mutation TestSubmitUserFeedback($input: SubmitUserFeedbackInput!) {
    submitUserFeedback(input: $input) {
      userFeedback {
        eventId
        name
        email
        comments
        issue {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const projectPath = (id: string) => `/api/0/projects/acme/${id}/`;

describe('projects', () => {
  it('creates a project under a team in one call', async () => {
    await using gateway = await startTestGateway();
    const team = acme(gateway).teams[0];
    if (!team) throw new Error('no team');
    const { data, errors } = await gateway.execute(CreateProject, {
      input: {
        teamId: gid('Team', `acme/${team.wire.id}`),
        name: 'Payments API',
        slug: 'payments-api',
        platform: 'python',
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.createProject).toMatchObject({
      project: { slug: 'payments-api', name: 'Payments API', platform: 'python' },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'POST /api/0/teams/{org}/{team}/projects/': 1 },
    });
    const stored = await rest<{ slug: string; teams: { slug: string }[] }>(
      gateway,
      projectPath('payments-api'),
    );
    expect(stored.status).toBe(200);
    expect(stored.body.teams.map((t) => t.slug)).toContain(team.wire.slug);
  });

  it('refuses bad input to createProject before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(CreateProject, {
      input: { teamId: projectGid(project), name: ' ', slug: 'not a slug', platform: 'Py Thon' },
    });
    expect(codes(data?.createProject)).toEqual([
      { field: ['input', 'teamId'], code: 'WRONG_TYPE' },
      { field: ['input', 'name'], code: 'INVALID_VALUE' },
      { field: ['input', 'slug'], code: 'INVALID_VALUE' },
      { field: ['input', 'platform'], code: 'INVALID_VALUE' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('reports a slug in use as ALREADY_EXISTS', async () => {
    await using gateway = await startTestGateway();
    const team = acme(gateway).teams[0];
    if (!team) throw new Error('no team');
    const { data } = await gateway.execute(CreateProject, {
      input: { teamId: gid('Team', `acme/${team.wire.id}`), name: 'Backend', slug: 'backend' },
    });
    expect(data?.createProject?.project).toBeNull();
    expect(data?.createProject?.userErrors[0]?.code).toBe('ALREADY_EXISTS');
  });

  it('updates a project and later fields see it', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('frontend');
    if (!project) throw new Error('no project');
    const { data, errors } = await gateway.execute(UpdateProject, {
      input: { id: projectGid(project), name: 'Web front end', isBookmarked: true, platform: null },
    });
    expect(errors).toBeUndefined();
    expect(data?.updateProject).toEqual({
      project: {
        id: projectGid(project),
        slug: 'frontend',
        name: 'Web front end',
        platform: null,
        isBookmarked: true,
      },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'PUT /api/0/projects/{org}/{project}/': 1 },
    });
    expect((await rest(gateway, projectPath('frontend'))).body).toMatchObject({
      name: 'Web front end',
      isBookmarked: true,
      platform: null,
    });
  });

  it('shows later lookups by slug in the same operation the newest write', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('frontend');
    if (!project) throw new Error('no project');
    const { data, errors } = await gateway.execute(
      `mutation ($id: ID!) {
        first: updateProject(input: { id: $id, name: "One" }) {
          project { organization { project(slug: "frontend") { name } } }
        }
        second: updateProject(input: { id: $id, name: "Two" }) {
          project { organization { project(slug: "frontend") { name } } }
        }
      }`,
      { id: projectGid(project) },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      first: { project: { organization: { project: { name: 'One' } } } },
      second: { project: { organization: { project: { name: 'Two' } } } },
    });
    // The writes' answers serve the lookups: no read at all.
    expect(await gateway.upstreamStats()).toEqual({
      requests: 2,
      byRoute: { 'PUT /api/0/projects/{org}/{project}/': 2 },
    });
  });

  it('refuses an update with nothing to change, an Issue id, or a bad resolve age', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    const issue = acme(gateway).issues[0];
    if (!project || !issue) throw new Error('no fixtures');
    const nothing = await gateway.execute(UpdateProject, { input: { id: projectGid(project) } });
    expect(codes(nothing.data?.updateProject)).toEqual([
      { field: null, code: 'NOTHING_TO_CHANGE' },
    ]);
    const wrong = await gateway.execute(UpdateProject, {
      input: { id: issueGid(issue), name: 'x' },
    });
    expect(codes(wrong.data?.updateProject)).toEqual([
      { field: ['input', 'id'], code: 'WRONG_TYPE' },
    ]);
    const age = await gateway.execute(UpdateProject, {
      input: { id: projectGid(project), resolveAge: 10_000 },
    });
    expect(codes(age.data?.updateProject)).toEqual([
      { field: ['input', 'resolveAge'], code: 'INVALID_VALUE' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('reports an update that failed and sends it once', async () => {
    await using gateway = await startTestGateway(
      withFaults({ 'PUT /api/0/projects/{org}/{project}/': 503 }),
    );
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data, errors } = await gateway.execute(UpdateProject, {
      input: { id: projectGid(project), name: 'Renamed' },
    });
    expect(data?.updateProject).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'PUT /api/0/projects/{org}/{project}/': 1,
    });
    expect((await rest(gateway, projectPath(project.wire.slug))).body).toMatchObject({
      name: project.wire.name,
    });
  });

  it('deletes a project', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('android');
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(DeleteProject, { input: { id: projectGid(project) } });
    expect(data?.deleteProject).toEqual({ deletedProjectId: projectGid(project), userErrors: [] });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'DELETE /api/0/projects/{org}/{project}/': 1,
    });
    expect((await rest(gateway, projectPath('android'))).status).toBe(404);
  });
});

describe('client keys', () => {
  it('creates, updates and deletes a key, one call each', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('backend');
    if (!project) throw new Error('no project');
    const keysPath = `${projectPath('backend')}keys/`;
    const before = (await rest<unknown[]>(gateway, keysPath)).body.length;
    await gateway.resetUpstreamStats();

    const created = await gateway.execute(CreateProjectKey, {
      input: { projectId: projectGid(project), name: 'CI', rateLimit: { count: 100, window: 60 } },
    });
    const key = created.data?.createProjectKey?.projectKey;
    expect(created.errors).toBeUndefined();
    expect(key).toMatchObject({
      name: 'CI',
      isActive: true,
      rateLimit: { count: 100, window: 60 },
      project: { slug: 'backend' },
    });
    expect(key?.dsn).toMatch(/^https?:\/\//);
    if (!key) throw new Error('no key');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/keys/': 1,
    });
    const keys = await rest<{ id: string; name: string }[]>(gateway, keysPath);
    expect(keys.body).toHaveLength(before + 1);
    expect(keys.body.find((k) => k.id === key.sentryId)?.name).toBe('CI');

    const updated = await gateway.execute(UpdateProjectKey, {
      input: { id: key.id, name: 'CI (old)', isActive: false, rateLimit: null },
    });
    expect(updated.data?.updateProjectKey).toEqual({
      projectKey: { name: 'CI (old)', isActive: false, rateLimit: null },
      userErrors: [],
    });
    expect((await rest(gateway, `${keysPath}${key.sentryId}/`)).body).toMatchObject({
      name: 'CI (old)',
      isActive: false,
      rateLimit: null,
    });

    const deleted = await gateway.execute(DeleteProjectKey, { input: { id: key.id } });
    expect(deleted.data?.deleteProjectKey).toEqual({ deletedProjectKeyId: key.id, userErrors: [] });
    expect((await rest(gateway, `${keysPath}${key.sentryId}/`)).status).toBe(404);
  });

  it('refuses a bad rate limit and a forged key id before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const created = await gateway.execute(CreateProjectKey, {
      input: { projectId: projectGid(project), rateLimit: { count: -1, window: 0 } },
    });
    expect(codes(created.data?.createProjectKey)).toEqual([
      { field: ['input', 'rateLimit', 'count'], code: 'INVALID_VALUE' },
      { field: ['input', 'rateLimit', 'window'], code: 'INVALID_VALUE' },
    ]);
    const forged = await gateway.execute(UpdateProjectKey, {
      input: { id: gid('ProjectKey', 'acme/backend/../../x'), name: 'x' },
    });
    expect(codes(forged.data?.updateProjectKey)).toEqual([
      { field: ['input', 'id'], code: 'INVALID_ID' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});

describe('service hooks', () => {
  it('creates, updates (partly: read first) and deletes a hook', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('backend');
    if (!project) throw new Error('no project');
    const hooksPath = `${projectPath('backend')}hooks/`;

    const created = await gateway.execute(CreateServiceHook, {
      input: {
        projectId: projectGid(project),
        url: 'https://hooks.example.com/sentry',
        events: ['EVENT_CREATED'],
      },
    });
    const hook = created.data?.createServiceHook?.serviceHook;
    expect(hook).toMatchObject({
      url: 'https://hooks.example.com/sentry',
      events: ['EVENT_CREATED'],
      status: 'active',
    });
    if (!hook) throw new Error('no hook');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/hooks/': 1,
    });
    const listed = await rest<{ id: string; url: string }[]>(gateway, hooksPath);
    expect(listed.body.map((h) => h.url)).toContain('https://hooks.example.com/sentry');
    const sentryId = listed.body.find((h) => h.url === 'https://hooks.example.com/sentry')?.id;

    await gateway.resetUpstreamStats();
    const partial = await gateway.execute(UpdateServiceHook, {
      input: { id: hook.id, events: ['EVENT_ALERT', 'EVENT_CREATED'] },
    });
    expect(partial.data?.updateServiceHook).toEqual({
      serviceHook: {
        url: 'https://hooks.example.com/sentry',
        events: ['EVENT_ALERT', 'EVENT_CREATED'],
      },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 2,
      byRoute: {
        'GET /api/0/projects/{org}/{project}/hooks/{hook_id}/': 1,
        'PUT /api/0/projects/{org}/{project}/hooks/{hook_id}/': 1,
      },
    });

    await gateway.resetUpstreamStats();
    await gateway.execute(UpdateServiceHook, {
      input: { id: hook.id, url: 'https://hooks.example.com/v2', events: ['EVENT_ALERT'] },
    });
    expect((await gateway.upstreamStats()).requests).toBe(1);
    expect((await rest(gateway, `${hooksPath}${sentryId}/`)).body).toMatchObject({
      url: 'https://hooks.example.com/v2',
      events: ['event.alert'],
    });

    const deleted = await gateway.execute(DeleteServiceHook, { input: { id: hook.id } });
    expect(deleted.data?.deleteServiceHook?.userErrors).toEqual([]);
    expect((await rest(gateway, `${hooksPath}${sentryId}/`)).status).toBe(404);
  });

  it('refuses a relative url and no events before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(CreateServiceHook, {
      input: { projectId: projectGid(project), url: 'hooks/sentry', events: [] },
    });
    expect(codes(data?.createServiceHook)).toEqual([
      { field: ['input', 'url'], code: 'INVALID_VALUE' },
      { field: ['input', 'events'], code: 'EMPTY_LIST' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});

describe('submitUserFeedback', () => {
  it('records feedback on an event', async () => {
    await using gateway = await startTestGateway();
    const issue = acme(gateway).issues.find((i) => i.events.length > 0);
    const project = issue && gateway.sentry.data.projectsById.get(issue.projectId);
    const event = issue?.events[0];
    if (!issue || !project || !event) throw new Error('no fixtures');
    const { data, errors } = await gateway.execute(SubmitUserFeedback, {
      input: {
        projectId: projectGid(project),
        eventId: event.id,
        name: 'Grace',
        email: 'grace@example.com',
        comments: 'The checkout button did nothing.',
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.submitUserFeedback).toMatchObject({
      userFeedback: {
        eventId: event.id,
        name: 'Grace',
        email: 'grace@example.com',
        comments: 'The checkout button did nothing.',
      },
      userErrors: [],
    });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/user-feedback/': 1,
    });
    const stored = await rest<{ comments: string }[]>(
      gateway,
      `${projectPath(project.wire.slug)}user-feedback/?per_page=100`,
    );
    expect(stored.body.map((f) => f.comments)).toContain('The checkout button did nothing.');
  });

  it('refuses a bad event id and email before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(SubmitUserFeedback, {
      input: {
        projectId: projectGid(project),
        eventId: 'xyz',
        name: 'Grace',
        email: 'not-an-email',
        comments: 'Hi',
      },
    });
    expect(codes(data?.submitUserFeedback)).toEqual([
      { field: ['input', 'eventId'], code: 'INVALID_VALUE' },
      { field: ['input', 'email'], code: 'INVALID_VALUE' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});

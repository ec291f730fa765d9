/** createProject, updateProject and deleteProject against the local Sentry, read back via REST. */
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
  projectPath,
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

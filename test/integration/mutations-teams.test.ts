/** Team mutations against the local Sentry, each read back through REST. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  projectGid,
  rest,
  withFaults,
  writes,
} from './mutations-support.ts';

const CreateTeam = graphql(`
  mutation TestCreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      team {
        id
        slug
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateTeam = graphql(`
  mutation TestUpdateTeam($input: UpdateTeamInput!) {
    updateTeam(input: $input) {
      team {
        slug
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteTeam = graphql(`
  mutation TestDeleteTeam($input: DeleteTeamInput!) {
    deleteTeam(input: $input) {
      deletedTeamId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const AddProjectToTeam = graphql(`
  mutation TestAddProjectToTeam($input: AddProjectToTeamInput!) {
    addProjectToTeam(input: $input) {
      project {
        slug
        teams {
          slug
        }
      }
      team {
        slug
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const teamPath = (slug: string) => `/api/0/teams/acme/${slug}/`;

describe('teams', () => {
  it('creates, renames and deletes a team', async () => {
    await using gateway = await startTestGateway();
    const created = await gateway.execute(CreateTeam, {
      input: { organizationSlug: 'acme', name: 'Site Reliability', slug: 'sre' },
    });
    expect(created.errors).toBeUndefined();
    const team = created.data?.createTeam?.team;
    expect(team).toMatchObject({ slug: 'sre', name: 'Site Reliability' });
    if (!team) throw new Error('no team');
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'POST /api/0/organizations/{org}/teams/': 1 },
    });
    expect((await rest(gateway, teamPath('sre'))).body).toMatchObject({ name: 'Site Reliability' });

    await gateway.resetUpstreamStats();
    const renamed = await gateway.execute(UpdateTeam, {
      input: { id: team.id, slug: 'reliability', name: 'Reliability' },
    });
    expect(renamed.data?.updateTeam).toEqual({
      team: { slug: 'reliability', name: 'Reliability' },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'PUT /api/0/teams/{org}/{team}/': 1 },
    });
    expect((await rest(gateway, teamPath('reliability'))).body).toMatchObject({
      name: 'Reliability',
    });

    await gateway.resetUpstreamStats();
    const nameOnly = await gateway.execute(UpdateTeam, { input: { id: team.id, name: 'SRE' } });
    expect(nameOnly.data?.updateTeam?.team).toEqual({ slug: 'reliability', name: 'SRE' });
    // Sentry's documented body needs the slug: the team is read first.
    expect(await gateway.upstreamStats()).toMatchObject({
      requests: 2,
      byRoute: { 'PUT /api/0/teams/{org}/{team}/': 1 },
    });
    expect((await rest(gateway, teamPath('reliability'))).body).toMatchObject({ name: 'SRE' });

    const deleted = await gateway.execute(DeleteTeam, { input: { id: team.id } });
    expect(deleted.data?.deleteTeam).toEqual({ deletedTeamId: team.id, userErrors: [] });
    expect((await rest(gateway, teamPath('reliability'))).status).toBe(404);
  });

  it('refuses a team without name or slug, and a bad slug, before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const none = await gateway.execute(CreateTeam, { input: { organizationSlug: 'acme' } });
    expect(codes(none.data?.createTeam)).toEqual([
      { field: ['input', 'name'], code: 'MISSING_FIELD' },
    ]);
    const bad = await gateway.execute(CreateTeam, {
      input: { organizationSlug: 'acme', slug: 'has space' },
    });
    expect(codes(bad.data?.createTeam)).toEqual([
      { field: ['input', 'slug'], code: 'INVALID_VALUE' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('reports a slug in use as ALREADY_EXISTS', async () => {
    await using gateway = await startTestGateway();
    const existing = acme(gateway).teams[0];
    if (!existing) throw new Error('no team');
    const { data } = await gateway.execute(CreateTeam, {
      input: { organizationSlug: 'acme', slug: existing.wire.slug },
    });
    expect(data?.createTeam?.team).toBeNull();
    expect(data?.createTeam?.userErrors[0]?.code).toBe('ALREADY_EXISTS');
  });

  it('reports a delete that failed and sends it once', async () => {
    await using gateway = await startTestGateway(
      withFaults({ 'DELETE /api/0/teams/{org}/{team}/': 503 }),
    );
    const team = acme(gateway).teams[0];
    if (!team) throw new Error('no team');
    const { data, errors } = await gateway.execute(DeleteTeam, {
      input: { id: gid('Team', `acme/${team.wire.id}`) },
    });
    expect(data?.deleteTeam).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'DELETE /api/0/teams/{org}/{team}/': 1,
    });
    expect((await rest(gateway, teamPath(team.wire.slug))).status).toBe(200);
  });
});

describe('addProjectToTeam', () => {
  it('gives a team access to a project in one call', async () => {
    await using gateway = await startTestGateway();
    const org = acme(gateway);
    const project = org.projects[0];
    const team = org.teams.find((t) => !project?.teamSlugs.includes(t.wire.slug));
    if (!project || !team) throw new Error('no fixtures');
    const { data, errors } = await gateway.execute(AddProjectToTeam, {
      input: { projectId: projectGid(project), teamId: gid('Team', `acme/${team.wire.id}`) },
    });
    expect(errors).toBeUndefined();
    expect(data?.addProjectToTeam?.userErrors).toEqual([]);
    expect(data?.addProjectToTeam?.project?.teams?.map((t) => t.slug)).toContain(team.wire.slug);
    expect(data?.addProjectToTeam?.team).toEqual({ slug: team.wire.slug });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/teams/{team}/': 1,
    });
    const teams = await rest<{ slug: string }[]>(
      gateway,
      `/api/0/projects/acme/${project.wire.slug}/teams/`,
    );
    expect(teams.body.map((t) => t.slug)).toContain(team.wire.slug);
  });

  it('refuses a team of another organization before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(AddProjectToTeam, {
      input: { projectId: projectGid(project), teamId: gid('Team', 'globex/300001') },
    });
    expect(codes(data?.addProjectToTeam)).toEqual([
      { field: ['input', 'teamId'], code: 'WRONG_ORGANIZATION' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});

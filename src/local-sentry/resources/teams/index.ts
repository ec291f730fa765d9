/**
 * Teams: records, their generation, the list's `query`, the team bodies and the routes (list,
 * create, detail, update, delete; a team's projects and members; the project ↔ team links).
 * This folder owns them.
 */
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, slugField, storeCall, stringField } from '../../http/params.ts';
import { badRequest, created, found, noContent, ok } from '../../http/reply.ts';
import {
  ORG_READ,
  PROJECT_READ,
  PROJECT_WRITE,
  TEAM_ADMIN,
  TEAM_READ,
  TEAM_WRITE,
} from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { addProject } from '../projects/store.ts';
import { projectRow } from '../projects/wire.ts';
import type { TeamRecord } from './record.ts';
import { filterTeams } from './search.ts';
import {
  addProjectTeam,
  addTeam,
  deleteTeam,
  findTeam,
  removeProjectTeam,
  teamsOf,
  updateTeam,
} from './store.ts';
import { teamBody, teamMemberBody, teamMembers, teamProjects } from './wire.ts';

const teamOf = (context: RequestContext, org = orgOf(context)): TeamRecord =>
  found(findTeam(org, context.params['team'] ?? ''));

const bySlug = <T extends { wire: { slug: string } }>(a: T, b: T) =>
  a.wire.slug < b.wire.slug ? -1 : a.wire.slug > b.wire.slug ? 1 : 0;

export const teamRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/teams/', ORG_READ, (context) => {
    const org = orgOf(context);
    const detailed = context.query.get('detailed') !== '0';
    const teams = filterTeams(org, context.query.get('query')).sort(bySlug);
    return paginateMapped(teams, context.page, (team) => teamBody(org, team, { detailed }));
  }),

  route(
    'POST /api/0/organizations/{org}/teams/',
    ['org:write', 'org:admin', 'team:write'],
    (context) => {
      const org = orgOf(context);
      const body = bodyObject(context);
      const slug = slugField(body, 'slug', { nullable: true });
      const name = stringField(body, 'name', { nullable: true, maxLength: 64 });
      if (!slug && !name) throw badRequest({ non_field_errors: ['A name or slug is required'] });
      const team = storeCall(
        () => addTeam(context.data, org, { slug: slug ?? null, name: name ?? null }),
        {
          conflict: true,
        },
      );
      return created(teamBody(org, team, { detailed: false }));
    },
  ),

  route('GET /api/0/teams/{org}/{team}/', TEAM_READ, (context) => {
    const org = orgOf(context);
    const team = teamOf(context, org);
    const expand = context.query.getAll('expand');
    const collapse = context.query.getAll('collapse');
    return ok(
      teamBody(org, team, {
        detailed: expand.includes('projects'),
        withOrganization: !collapse.includes('organization'),
      }),
    );
  }),

  route('PUT /api/0/teams/{org}/{team}/', TEAM_WRITE, (context) => {
    const org = orgOf(context);
    const team = teamOf(context, org);
    const body = bodyObject(context);
    const slug = slugField(body, 'slug');
    const name = stringField(body, 'name', { maxLength: 64 });
    const patch: { slug?: string; name?: string } = {};
    if (slug !== undefined) patch.slug = slug;
    if (name !== undefined) patch.name = name;
    storeCall(() => updateTeam(org, team, patch));
    return ok(teamBody(org, team, { detailed: false, withOrganization: true }));
  }),

  route('DELETE /api/0/teams/{org}/{team}/', TEAM_ADMIN, (context) => {
    const org = orgOf(context);
    deleteTeam(org, teamOf(context, org));
    return noContent();
  }),

  route('GET /api/0/teams/{org}/{team}/projects/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const projects = teamProjects(org, teamOf(context, org)).sort(bySlug);
    return paginateMapped(projects, context.page, (project) => projectRow(project.wire));
  }),

  route('POST /api/0/teams/{org}/{team}/projects/', PROJECT_WRITE, (context) => {
    const org = orgOf(context);
    const team = teamOf(context, org);
    const body = bodyObject(context);
    const name = stringField(body, 'name', { required: true, maxLength: 50 }) as string;
    const slug = slugField(body, 'slug', { nullable: true });
    const platform = stringField(body, 'platform', { nullable: true, maxLength: 64 });
    const project = storeCall(
      () =>
        addProject(context.data, org, team, {
          name,
          slug: slug ?? null,
          platform: platform ?? null,
        }),
      { conflict: true },
    );
    return created(projectRow(project.wire));
  }),

  route('GET /api/0/teams/{org}/{team}/members/', TEAM_READ, (context) => {
    const org = orgOf(context);
    const team = teamOf(context, org);
    return paginateMapped(teamMembers(org, team), context.page, (member) =>
      teamMemberBody(member, team),
    );
  }),

  route('GET /api/0/projects/{org}/{project}/teams/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const teams = teamsOf(org, project.teamSlugs);
    return paginateMapped(teams, context.page, (team) => teamBody(org, team, { detailed: false }));
  }),

  route('POST /api/0/projects/{org}/{project}/teams/{team}/', PROJECT_WRITE, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    addProjectTeam(org, project, teamOf(context, org));
    return created(project.wire);
  }),

  route('DELETE /api/0/projects/{org}/{project}/teams/{team}/', PROJECT_WRITE, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    removeProjectTeam(org, project, teamOf(context, org));
    return ok(project.wire);
  }),
];

/**
 * Teams: create, rename and delete teams, and give a team access to a project. Sentry addresses
 * teams by id or slug, so the numeric id inside a `Team` global id is used as is.
 */
import type { Context } from '../../context.ts';
import { splitKey, type TeamKey, teamKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryProject, SentryTeam, SentryTeamCreate } from '../../sentry/types.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../global-id.ts';
import { forgetProject, Project } from '../project.ts';
import { forgetTeam, fullTeam, primeTeams, Team } from '../team.ts';
import { checkSlugValue, checkText } from './input-checks.ts';
import { readProjectId, refreshProject } from './project-mutations.ts';
import {
  addSentryRefusal,
  attempt,
  type FieldPath,
  readIdOf,
  type UserErrorShape,
  UserErrors,
  userErrorsField,
  type WriteFailureOptions,
} from './user-errors.ts';

const SCOPES = { authenticated: true } as const;
/** Sentry's longest team name. */
const MAX_TEAM_NAME = 64;
const TEAM_FIELDS: Record<string, FieldPath> = {
  slug: ['input', 'slug'],
  name: ['input', 'name'],
};

const readTeamKey = (errors: UserErrors, path: FieldPath, id: string): TeamKey | undefined =>
  readIdOf(errors, path, id, 'Team', (raw) => teamKey(...splitKey(raw)));

function refreshTeam(context: Context, team: OrgScoped<SentryTeam>): void {
  forgetTeam(context, team.organizationSlug, team.id);
  primeTeams(context, [team]);
}

interface TeamPayload {
  team: OrgScoped<SentryTeam> | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'createTeam',
  {
    description: 'A new team: give a `name`, a `slug`, or both.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization to create it in.' }),
      name: t.string({
        required: false,
        description: `At most ${MAX_TEAM_NAME} characters; the slug is derived from it when left out.`,
      }),
      slug: t.string({ required: false, description: 'Derived from `name` when left out.' }),
    }),
  },
  {
    description: 'Creates a team. One REST call: `POST /organizations/{org}/teams/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<TeamPayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(
        errors,
        ['input', 'organizationSlug'],
        input.organizationSlug,
        'organization',
      );
      const body: SentryTeamCreate = {};
      if (input.name != null) {
        body.name = checkText(errors, ['input', 'name'], input.name, {
          max: MAX_TEAM_NAME,
          required: true,
        });
      }
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'team');
      if (body.name == null && body.slug == null) {
        errors.add('MISSING_FIELD', 'Give the team a `name` or a `slug`.', ['input', 'name']);
      }
      if (errors.any) return { team: null, userErrors: errors.list };
      const team = await attempt(
        errors,
        { target: ['input', 'organizationSlug'], what: 'organization', fields: TEAM_FIELDS },
        () => context.sentry.teams.create(org, body),
      );
      if (team) refreshTeam(context, team);
      return { team: team ?? null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `createTeam`.',
    outputFields: (t) => ({
      team: t.field({
        type: Team,
        nullable: true,
        description: 'The team as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.team,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

builder.relayMutationField(
  'updateTeam',
  {
    description: 'A new name or slug for a team.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Team` to change.' }),
      name: t.string({ required: false, description: 'A new display name.' }),
      slug: t.string({
        required: false,
        description: 'A new slug: changes its URLs and `#slug` mentions.',
      }),
    }),
  },
  {
    description:
      "Renames a team. One REST call, `PUT /teams/{org}/{team}/`, when `slug` is given; Sentry's documented body needs the slug, so without one the team is read first (one batched call, none if this request already loaded it).",
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<TeamPayload> => {
      const errors = new UserErrors();
      const key = readTeamKey(errors, ['input', 'id'], input.id);
      const name =
        input.name == null
          ? undefined
          : checkText(errors, ['input', 'name'], input.name, {
              max: MAX_TEAM_NAME,
              required: true,
            });
      const slug =
        input.slug == null
          ? undefined
          : checkSlugValue(errors, ['input', 'slug'], input.slug, 'team');
      if (name === undefined && slug === undefined && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !key) return { team: null, userErrors: errors.list };
      const [org, teamId] = splitKey(key);
      const failure: WriteFailureOptions = {
        target: ['input', 'id'],
        what: 'team',
        fields: TEAM_FIELDS,
      };
      const currentSlug =
        slug ??
        (await attempt(errors, failure, async () => {
          const team = await Team.getDataloader(context).load(key);
          return (await fullTeam(team, context)).slug;
        }));
      if (currentSlug === undefined) return { team: null, userErrors: errors.list };
      const team = await attempt(errors, failure, () =>
        context.sentry.teams.update(org, teamId, {
          slug: currentSlug,
          ...(name !== undefined ? { name } : {}),
        }),
      );
      if (team) refreshTeam(context, team);
      return { team: team ?? null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `updateTeam`.',
    outputFields: (t) => ({
      team: t.field({
        type: Team,
        nullable: true,
        description: 'The team as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.team,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

builder.relayMutationField(
  'deleteTeam',
  {
    description: 'The team to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `Team` to delete.' }) }),
  },
  {
    description: 'Deletes a team; its projects stay. One REST call: `DELETE /teams/{org}/{team}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const key = readTeamKey(errors, ['input', 'id'], input.id);
      if (!key) return { deletedTeamId: null, userErrors: errors.list };
      const [org, teamId] = splitKey(key);
      const done = await attempt(errors, { target: ['input', 'id'], what: 'team' }, async () => {
        await context.sentry.teams.delete(org, teamId);
        return true;
      }).finally(() => forgetTeam(context, org, teamId));
      return { deletedTeamId: done ? encodeGlobalId('Team', key) : null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `deleteTeam`.',
    outputFields: (t) => ({
      deletedTeamId: t.id({
        nullable: true,
        description: 'The id of the deleted team, for removing it from client caches.',
        resolve: (payload) => payload.deletedTeamId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

interface ProjectTeamPayload {
  project: OrgScoped<SentryProject> | null;
  team: TeamKey | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'addProjectToTeam',
  {
    description: 'A project and the team to give access to it.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project`.' }),
      teamId: t.id({ description: 'The `Team`, of the same organization.' }),
    }),
  },
  {
    description:
      'Gives a team access to a project. One REST call: `POST /projects/{org}/{project}/teams/{team}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectTeamPayload> => {
      const errors = new UserErrors();
      const none = () => ({ project: null, team: null, userErrors: errors.list });
      const project = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const team = readTeamKey(errors, ['input', 'teamId'], input.teamId);
      if (!project || !team) return none();
      const [org, projectId] = project;
      const [teamOrg, teamId] = splitKey(team);
      if (teamOrg !== org) {
        errors.add(
          'WRONG_ORGANIZATION',
          `The team belongs to organization "${teamOrg}", the project to "${org}".`,
          ['input', 'teamId'],
        );
        return none();
      }
      let updated: OrgScoped<SentryProject> | undefined;
      try {
        updated = await context.sentry.projects.addTeam(org, projectId, teamId);
      } catch (error) {
        // A 404 may be either of the two; Sentry does not say which.
        if (!addSentryRefusal(errors, { target: ['input'], what: 'project or team' }, error)) {
          throw error;
        }
      } finally {
        forgetProject(context, org, projectId);
        forgetTeam(context, org, teamId);
      }
      if (!updated) return none();
      refreshProject(context, updated);
      return { project: updated, team, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `addProjectToTeam`.',
    outputFields: (t) => ({
      project: t.field({
        type: Project,
        nullable: true,
        description: 'The project, with the team among its `teams`.',
        resolve: (payload) => payload.project,
      }),
      team: t.field({
        type: Team,
        nullable: true,
        description: 'The team (read again when fields beyond its id are asked for).',
        resolve: (payload) => payload.team,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

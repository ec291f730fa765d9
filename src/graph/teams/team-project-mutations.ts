/** `addProjectToTeam`: gives a team access to a project of its organization. */
import { splitKey, type TeamKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryProject } from '../../sentry/types.ts';
import { forgetProject, Project } from '../projects/project.ts';
import { readProjectId, refreshProject } from '../projects/project-writes.ts';
import { builder } from '../schema-kit/builder.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import {
  addSentryRefusal,
  type UserErrorShape,
  UserErrors,
} from '../schema-kit/mutations/user-errors.ts';
import { forgetTeam, Team } from './team.ts';
import { readTeamKey } from './team-writes.ts';

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
    authScopes: MUTATION_SCOPES,
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
  payload<ProjectTeamPayload>('addProjectToTeam', (t) => ({
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project, with the team among its `teams`.',
      resolve: (access) => access.project,
    }),
    team: t.field({
      type: Team,
      nullable: true,
      description: 'The team (read again when fields beyond its id are asked for).',
      resolve: (access) => access.team,
    }),
  })),
);

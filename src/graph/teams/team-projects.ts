/**
 * Which teams can reach which projects: `Project.teams` and `Team.projects`. Kept apart from
 * team.ts and project.ts so that neither of those imports the other.
 */
import { fullProject, Project, ProjectConnection, primeProjects } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { fullTeam, Team, teamStub } from './team.ts';

builder.objectFields(Project, (t) => ({
  teams: t.field({
    type: [Team],
    nullable: true,
    description: 'Teams with access to the project.',
    resolve: async (project, _args, context) =>
      (await fullProject(project, context)).teams.map((team) =>
        teamStub(project.organizationSlug, team),
      ),
  }),
}));

builder.objectFields(Team, (t) => ({
  projects: t.connection(
    {
      type: Project,
      nullable: true,
      description: 'Projects the team has access to.',
      resolve: async (team, args, context) => {
        const request = pageRequest(args);
        const slug = team.slug ?? (await fullTeam(team, context)).slug;
        const page = await context.sentry.projects.listForTeam(
          team.organizationSlug,
          slug,
          request.params,
        );
        primeProjects(context, page.items);
        return pageToConnection(page, request);
      },
    },
    ProjectConnection,
  ),
}));

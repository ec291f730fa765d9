/**
 * `Team.members`. Registered after `Team.projects` (team-projects.ts), so that the fields of
 * `Team` keep their order in schema/subgraph.graphql.
 */
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { Member, MemberConnection } from './member.ts';
import { fullTeam, Team } from './team.ts';

builder.objectFields(Team, (t) => ({
  members: t.connection(
    {
      type: Member,
      nullable: true,
      description: 'Members of the team.',
      resolve: async (team, args, context) => {
        const request = pageRequest(args);
        const slug = team.slug ?? (await fullTeam(team, context)).slug;
        const page = await context.sentry.members.listForTeam(
          team.organizationSlug,
          slug,
          request.params,
        );
        return pageToConnection(page, request);
      },
    },
    MemberConnection,
  ),
}));

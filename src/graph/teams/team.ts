/**
 * teams/: `Team`, `Member` and `User`, the edges between teams, members and projects, and the
 * team mutations.
 */
import type { Context } from '../../context.ts';
import { splitKey, type TeamKey, teamKey, teamSlugKey } from '../../loaders/keys.ts';
import { loadTeams, loadTeamsBySlug } from '../../loaders/teams.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryTeam } from '../../sentry/types.ts';
import { Organization, organizationStub } from '../organizations/organization.ts';
import { loadWith, requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { full, isStub, type Loaded, pick, type Stub } from '../schema-kit/stub.ts';

/** What projects and issue assignees embed of a team. */
export type TeamStub = Stub<
  'Team',
  { organizationSlug: string; id: string; slug?: string; name?: string }
>;
export type TeamShape = OrgScoped<SentryTeam> | TeamStub;

export const Team = builder.loadableNodeRef('Team', {
  id: {
    resolve: (team) => teamKey(team.organizationSlug, team.id),
    parse: (id) => teamKey(...splitKey(id)),
  },
  load: loadWith<TeamKey, TeamShape>(loadTeams),
});

export const TeamConnection = builder.connectionObject(
  { type: Team, name: 'TeamConnection', description: 'A page of teams.' },
  { name: 'TeamEdge', description: 'A Team and the cursor after it.' },
);

const teamsBySlug = requestLoader(loadTeamsBySlug);

export function teamStub(
  organizationSlug: string,
  team: { id: string; slug?: string; name?: string },
): TeamStub {
  return { stubOf: 'Team', organizationSlug, ...team };
}

export function fullTeam(team: TeamShape, context: Context): Loaded<OrgScoped<SentryTeam>> {
  if (!isStub(team)) return team;
  return Team.getDataloader(context).load(teamKey(team.organizationSlug, team.id)).then(full);
}

/** After a write: drops this request's cached copies of a team, by id and by slug. */
export function forgetTeam(context: Context, org: string, id: string): void {
  Team.getDataloader(context).clear(teamKey(org, id));
  // The slug it had is not always known (a delete by id); slug lookups are rare, so drop them all.
  teamsBySlug(context).clearAll();
}

export function primeTeams(context: Context, teams: readonly OrgScoped<SentryTeam>[]) {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const byId = Team.getDataloader(context);
  const bySlug = teamsBySlug(context);
  for (const team of teams) {
    byId.prime(teamKey(team.organizationSlug, team.id), team);
    bySlug.prime(teamSlugKey(team.organizationSlug, team.slug), team);
  }
}

Team.implement({
  description: 'A team of members with access to some projects.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    slug: t.string({
      description: 'URL slug, e.g. "backend-team".',
      resolve: (team, _args, context) =>
        team.slug ?? pick(fullTeam(team, context), (body) => body.slug),
    }),
    name: t.string({
      description: 'Display name.',
      resolve: (team, _args, context) =>
        team.name ?? pick(fullTeam(team, context), (body) => body.name),
    }),
    createdAt: t.field({
      description: 'When the team was created.',
      type: 'DateTime',
      nullable: true,
      resolve: (team, _args, context) => pick(fullTeam(team, context), (body) => body.dateCreated),
    }),
    memberCount: t.int({
      description: 'Members of the team.',
      resolve: (team, _args, context) => pick(fullTeam(team, context), (body) => body.memberCount),
    }),
    isMember: t.boolean({
      description: "The token's user belongs to the team.",
      resolve: (team, _args, context) => pick(fullTeam(team, context), (body) => body.isMember),
    }),
    avatarUrl: t.string({
      description: 'Avatar image URL, when one is uploaded.',
      nullable: true,
      resolve: (team, _args, context) =>
        pick(fullTeam(team, context), (body) => body.avatar.avatarUrl ?? null),
    }),
    organization: t.field({
      description: 'Costs no call unless fields beyond `slug` are asked for.',
      type: Organization,
      resolve: (team) => organizationStub(team.organizationSlug),
    }),
  }),
});

builder.objectFields(Organization, (t) => ({
  teams: t.connection(
    {
      type: Team,
      nullable: true,
      description: 'Teams of the organization.',
      args: {
        query: t.arg.string({ required: false, description: 'Free text on name or slug.' }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.teams.list(org.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        primeTeams(context, page.items);
        return pageToConnection(page, request);
      },
    },
    TeamConnection,
  ),
  team: t.field({
    type: Team,
    nullable: true,
    description: 'A team by slug.',
    args: { slug: t.arg.string() },
    resolve: (org, { slug }, context) => teamsBySlug(context).load(teamSlugKey(org.slug, slug)),
  }),
}));

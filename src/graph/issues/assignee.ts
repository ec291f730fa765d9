import type { SentryActor } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { isStub } from '../schema-kit/stub.ts';
import { Team, type TeamShape, teamStub } from '../teams/team.ts';
import { User, type UserShape, userStub } from '../teams/user.ts';

export const Assignee = builder.unionType('Assignee', {
  description: 'Who an issue is assigned to: a user or a team.',
  types: () => [User, Team],
  resolveType: (value: UserShape | TeamShape) => {
    if (isStub(value)) return value.stubOf;
    return 'username' in value ? 'User' : 'Team';
  },
});

/** The assignee Sentry embeds in an issue, as a stub: `{type, id, name}` costs no call. */
export function assigneeOf(organizationSlug: string, actor: SentryActor | null) {
  if (!actor) return null;
  return actor.type === 'team'
    ? // Sentry's actor serializer puts a team's slug in `name`.
      teamStub(organizationSlug, { id: actor.id, slug: actor.name })
    : userStub(organizationSlug, { id: actor.id, name: actor.name, email: actor.email });
}

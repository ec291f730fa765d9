/**
 * What the mutations of teams share: reading a `Team` global id from the input, and refreshing
 * this request's cached copy of a team after a write.
 */
import type { Context } from '../../context.ts';
import { splitKey, type TeamKey, teamKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryTeam } from '../../sentry/types.ts';
import { type FieldPath, readIdOf, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { forgetTeam, primeTeams } from './team.ts';

export const parseTeamKey = (id: string): TeamKey => teamKey(...splitKey(id));

export const readTeamKey = (errors: UserErrors, path: FieldPath, id: string): TeamKey | undefined =>
  readIdOf(errors, path, id, 'Team', parseTeamKey);

/** Drops this request's cached copies of a team and caches the new body. */
export function refreshTeam(context: Context, team: OrgScoped<SentryTeam>): void {
  forgetTeam(context, team.organizationSlug, team.id);
  primeTeams(context, [team]);
}

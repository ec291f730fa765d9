/** Teams by numeric id or slug, many per call (`query=id:1 id:2` on the organization's team list). */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryTeam } from '../sentry/types.ts';
import type { TeamKey, TeamSlugKey } from './keys.ts';
import { loadScopedInBulk } from './settle-each.ts';

/** Loads teams by `org/teamId`. */
export function loadTeams(
  sentry: SentryClient,
  keys: readonly TeamKey[],
): Promise<(OrgScoped<SentryTeam> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Team',
    idOf: (team) => team.id,
    fetch: async (org, ids) =>
      (await sentry.teams.list(org, { query: ids.map((id) => `id:${id}`).join(' '), perPage: 100 }))
        .items,
  });
}

/** Loads teams by `org/teamSlug`. */
export function loadTeamsBySlug(
  sentry: SentryClient,
  keys: readonly TeamSlugKey[],
): Promise<(OrgScoped<SentryTeam> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Team',
    idOf: (team) => team.slug,
    fetch: async (org, slugs) =>
      (
        await sentry.teams.list(org, {
          query: slugs.map((slug) => `slug:${slug}`).join(' '),
          perPage: 100,
        })
      ).items,
  });
}

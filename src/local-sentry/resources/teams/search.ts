/** The team list's `query`. */
import type { OrgData } from '../../data/model.ts';
import { filterByTokens, idFilter, textFilter } from '../../data/search.ts';
import type { TeamRecord } from './record.ts';

/** `GET /organizations/{org}/teams/?query=`: `id:`, `slug:`, free text on name and slug. */
export function filterTeams(org: OrgData, query: string | null | undefined): TeamRecord[] {
  return filterByTokens<TeamRecord>(org.teams, query, {
    query: textFilter((team) => [team.wire.name.toLowerCase(), team.wire.slug]),
    id: idFilter((team) => team.wire.id),
    slug: (values) => (team) => values.includes(team.wire.slug),
  });
}

/** The organization list's `query`. */
import type { OrgData } from '../../data/model.ts';
import { filterByTokens, textFilter } from '../../data/search.ts';

/** `GET /organizations/?query=`: `id:`, `slug:`, `status:`, free text on slug and name. */
export function filterOrganizations(orgs: readonly OrgData[], query: string | null): OrgData[] {
  return filterByTokens<OrgData>(orgs, query, {
    id: (values) => (org) => values.includes(org.wire.id),
    slug: (values) => (org) => values.includes(org.slug),
    status: (values) => {
      const lower = values.map((value) => value.toLowerCase());
      return (org) => lower.includes(org.wire.status.id);
    },
    query: textFilter((org) => [org.slug, org.wire.name.toLowerCase()]),
  });
}

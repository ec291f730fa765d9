/** The project list's `query`. */
import type { OrgData } from '../../data/model.ts';
import { filterByTokens, idFilter, textFilter } from '../../data/search.ts';
import type { ProjectRecord } from './record.ts';

/**
 * `GET /organizations/{org}/projects/?query=`: `id:1 id:2`, `slug:a slug:b`, `team:slug`,
 * `!team:slug`, `is_member:1`, `platform:`, free text on name and slug; any other key → none.
 */
export function filterProjects(org: OrgData, query: string | null | undefined): ProjectRecord[] {
  return filterByTokens<ProjectRecord>(org.projects, query, {
    query: textFilter((project) => [project.wire.name.toLowerCase(), project.wire.slug]),
    id: idFilter((project) => project.wire.id),
    slug: (values) => (project) => values.includes(project.wire.slug),
    team: (values) => (project) => project.teamSlugs.some((slug) => values.includes(slug)),
    '!team': (values) => (project) => !project.teamSlugs.some((slug) => values.includes(slug)),
    // Tokens act as members of every team.
    is_member: () => () => true,
    platform: (values) => (project) =>
      project.wire.platform !== null && values.includes(project.wire.platform),
  });
}

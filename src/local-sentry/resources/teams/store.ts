/**
 * Team lookups and mutations, and the project ↔ team links. Renames and deletions reach the
 * projects, members and issues that name the team.
 */
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { slugify } from '../../data/wire.ts';
import { setAssignee, teamActor } from '../issues/assignees.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildTeam, teamRef } from './build.ts';
import type { TeamRecord } from './record.ts';

/** By slug or numeric id. */
export function findTeam(org: OrgData, idOrSlug: string): TeamRecord | undefined {
  return org.teamsBySlug.get(idOrSlug) ?? org.teamsById.get(idOrSlug);
}

/** The teams of these slugs, in their order; unknown slugs are left out. */
export const teamsOf = (org: OrgData, slugs: readonly string[]): TeamRecord[] =>
  slugs
    .map((slug) => org.teamsBySlug.get(slug))
    .filter((team): team is TeamRecord => team !== undefined);

/** Adds a team to its organization's list and the indexes. */
export function indexTeam(org: OrgData, team: TeamRecord): void {
  org.teams.push(team);
  org.teamsBySlug.set(team.wire.slug, team);
  org.teamsById.set(team.wire.id, team);
}

export function addTeam(
  data: LocalData,
  org: OrgData,
  input: { slug?: string | null; name?: string | null },
): TeamRecord {
  storeChanged();
  const slug = input.slug || slugify(input.name ?? '');
  if (!slug) throw new StoreError('Name or slug is required', 'slug');
  if (org.teamsBySlug.has(slug))
    throw new StoreError('A team with this slug already exists.', 'slug');
  const team: TeamRecord = {
    org: org.slug,
    wire: buildTeam({
      id: nextId(data, 'team'),
      slug,
      name: input.name || slug,
      dateCreated: nowIso(data),
    }),
  };
  indexTeam(org, team);
  return team;
}

export function updateTeam(
  org: OrgData,
  team: TeamRecord,
  patch: { slug?: string; name?: string },
): TeamRecord {
  storeChanged();
  if (patch.name !== undefined) team.wire.name = patch.name;
  const old = team.wire.slug;
  if (patch.slug !== undefined && patch.slug !== old) {
    if (org.teamsBySlug.has(patch.slug))
      throw new StoreError('A team with this slug already exists.', 'slug');
    org.teamsBySlug.delete(old);
    team.wire.slug = patch.slug;
    org.teamsBySlug.set(patch.slug, team);
    for (const member of org.members) {
      member.teamSlugs = member.teamSlugs.map((slug) => (slug === old ? team.wire.slug : slug));
    }
    for (const project of org.projects) {
      project.teamSlugs = project.teamSlugs.map((slug) => (slug === old ? team.wire.slug : slug));
    }
  }
  for (const project of org.projects)
    if (project.teamSlugs.includes(team.wire.slug)) syncProjectTeams(org, project);
  for (const issue of org.issues) {
    if (issue.wire.assignedTo?.type === 'team' && issue.wire.assignedTo.id === team.wire.id) {
      issue.wire.assignedTo = teamActor(team);
    }
  }
  return team;
}

export function deleteTeam(org: OrgData, team: TeamRecord): void {
  storeChanged();
  const slug = team.wire.slug;
  org.teams = org.teams.filter((t) => t !== team);
  org.teamsBySlug.delete(slug);
  org.teamsById.delete(team.wire.id);
  for (const member of org.members) member.teamSlugs = member.teamSlugs.filter((s) => s !== slug);
  for (const project of org.projects) {
    if (!project.teamSlugs.includes(slug)) continue;
    project.teamSlugs = project.teamSlugs.filter((s) => s !== slug);
    syncProjectTeams(org, project);
  }
  for (const issue of org.issues) {
    if (issue.wire.assignedTo?.type === 'team' && issue.wire.assignedTo.id === team.wire.id) {
      setAssignee(issue, null);
    }
  }
}

export function addProjectTeam(org: OrgData, project: ProjectRecord, team: TeamRecord): void {
  storeChanged();
  if (!project.teamSlugs.includes(team.wire.slug)) project.teamSlugs.push(team.wire.slug);
  syncProjectTeams(org, project);
}

export function removeProjectTeam(org: OrgData, project: ProjectRecord, team: TeamRecord): void {
  storeChanged();
  project.teamSlugs = project.teamSlugs.filter((slug) => slug !== team.wire.slug);
  syncProjectTeams(org, project);
}

/** Recomputes `team`/`teams` of a project body from its team slugs. */
export function syncProjectTeams(org: OrgData, project: ProjectRecord): void {
  const refs = teamsOf(org, project.teamSlugs).map((team) => teamRef(team.wire));
  project.wire.teams = refs;
  project.wire.team = refs[0] ?? null;
}

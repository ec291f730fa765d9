/** Team lookups and mutations; renames and deletions reach the projects, members and issues that name the team. */
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { slugify } from '../../data/wire.ts';
import { setAssignee, teamActor } from '../issues/assignees.ts';
import { syncProjectTeams } from '../projects/store.ts';
import { buildTeam } from './build.ts';
import type { TeamRecord } from './record.ts';

/** By slug or numeric id. */
export function findTeam(org: OrgData, idOrSlug: string): TeamRecord | undefined {
  return org.teamsBySlug.get(idOrSlug) ?? org.teamsById.get(idOrSlug);
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
  org.teams.push(team);
  org.teamsBySlug.set(slug, team);
  org.teamsById.set(team.wire.id, team);
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

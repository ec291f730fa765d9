/** Seeded teams, a day apart after their organization was created. */
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId } from '../../data/store.ts';
import { DAY, iso } from '../../data/time.ts';
import type { OrgSpec } from '../../data/world.ts';
import { buildTeam } from './build.ts';
import { indexTeam } from './store.ts';

export function generateTeams(
  data: LocalData,
  org: OrgData,
  teams: OrgSpec['teams'],
  created: number,
): void {
  for (const [t, teamSpec] of teams.entries()) {
    indexTeam(org, {
      org: org.slug,
      wire: buildTeam({
        id: nextId(data, 'team'),
        slug: teamSpec.slug,
        name: teamSpec.name,
        dateCreated: iso(created + (t + 1) * DAY),
      }),
    });
  }
}

/** Each team's `memberCount`: its members with a user account. */
export function countTeamMembers(org: OrgData): void {
  for (const team of org.teams) {
    team.wire.memberCount = org.members.filter(
      (member) => member.userId !== null && member.teamSlugs.includes(team.wire.slug),
    ).length;
  }
}

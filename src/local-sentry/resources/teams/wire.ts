/** Team bodies (with or without their projects), and a team's projects and members. */
import type { SentryTeam, SentryTeamMember } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { MemberRecord } from '../members/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { TeamRecord } from './record.ts';

/** A team body; `detailed` (Sentry's default for lists) embeds the team's projects. */
export function teamBody(
  org: OrgData,
  team: TeamRecord,
  {
    detailed = true,
    withOrganization = false,
  }: { detailed?: boolean; withOrganization?: boolean } = {},
): SentryTeam {
  const body: SentryTeam = { ...team.wire };
  if (detailed) body.projects = teamProjects(org, team).map((project) => project.wire);
  if (withOrganization) body.organization = org.wire;
  return body;
}

export const teamProjects = (org: OrgData, team: TeamRecord): ProjectRecord[] =>
  org.projects.filter((project) => project.teamSlugs.includes(team.wire.slug));

export const teamMembers = (org: OrgData, team: TeamRecord): MemberRecord[] =>
  org.members.filter((member) => member.teamSlugs.includes(team.wire.slug));

/** `GET /teams/{org}/{team}/members/` rows. */
export function teamMemberBody(member: MemberRecord, team: TeamRecord): SentryTeamMember {
  return {
    ...member.wire,
    teamRole: member.wire.orgRole === 'member' ? 'contributor' : 'admin',
    teamSlug: team.wire.slug,
  };
}

/** The member detail body. */
import type { SentryMemberDetail } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { hash32 } from '../../data/random.ts';
import type { MemberRecord } from './record.ts';
import { orgRoleList, teamRoleList } from './roles.ts';

/** `GET /organizations/{org}/members/{member_id}/`. */
export function memberDetail(org: OrgData, member: MemberRecord): SentryMemberDetail {
  const owners = org.members.filter((m) => m.wire.orgRole === 'owner' && m.userId !== null);
  return {
    ...member.wire,
    teams: [...member.teamSlugs],
    teamRoles: member.teamSlugs.map((teamSlug) => ({ teamSlug, role: null })),
    invite_link: member.wire.pending
      ? `https://sentry.io/accept/${member.wire.id}/${hash32(member.wire.id).toString(16)}/`
      : null,
    isOnlyOwner: member.wire.orgRole === 'owner' && owners.length === 1,
    orgRoleList: orgRoleList(),
    teamRoleList: teamRoleList(),
  };
}

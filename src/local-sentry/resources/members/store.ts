/** Member lookups. */
import type { OrgData } from '../../data/model.ts';
import type { MemberRecord } from './record.ts';

export function findMember(org: OrgData, memberId: string): MemberRecord | undefined {
  return org.membersById.get(memberId);
}

/** By user id, email or username. */
export function findMemberByUser(org: OrgData, userIdOrEmail: string): MemberRecord | undefined {
  const needle = userIdOrEmail.toLowerCase();
  return org.members.find(
    (member) =>
      member.userId === userIdOrEmail ||
      member.wire.email.toLowerCase() === needle ||
      member.wire.user?.username.toLowerCase() === needle,
  );
}

/** Members with a user account (not pending invites). */
export const activeMembers = (org: OrgData): MemberRecord[] =>
  org.members.filter((member) => member.userId !== null);

/** The member a token acts as: the organization's first owner (for `me` lookups). */
export const viewerMember = (org: OrgData): MemberRecord | undefined =>
  org.members.find((member) => member.wire.orgRole === 'owner' && member.userId !== null);

/** The Sentry user a token acts as (for `assigned:me`, `bookmarks:me`, `my_teams`). */
export const viewerUserId = (org: OrgData): string | null => viewerMember(org)?.userId ?? null;

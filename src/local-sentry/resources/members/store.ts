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

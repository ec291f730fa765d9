/**
 * Member writes: an invite created by SCIM provisioning, and removal (the member route's DELETE,
 * SCIM deprovisioning). A removed member leaves the member list, its teams' counts and the
 * issues assigned to its user.
 */
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { setAssignee } from '../issues/assignees.ts';
import { countTeamMembers } from '../teams/generate.ts';
import { buildMember } from './build.ts';
import type { MemberRecord } from './record.ts';

/** An invited member (no user account yet), approved, marked as provisioned by the IdP. */
export function addInvitedMember(
  data: LocalData,
  org: OrgData,
  input: { email: string; role: string; provisioned: boolean },
): MemberRecord {
  storeChanged();
  const email = input.email.toLowerCase();
  if (org.members.some((member) => member.wire.email.toLowerCase() === email)) {
    throw new StoreError('User already exists in the database.', 'userName');
  }
  const wire = buildMember({
    id: nextId(data, 'member'),
    email: input.email,
    name: input.email,
    user: null,
    role: input.role,
    dateCreated: nowIso(data),
  });
  // SCIM's invites are approved at once (Sentry skips the invite request step for them).
  wire.inviteStatus = 'approved';
  wire.flags['idp:provisioned'] = input.provisioned;
  const member: MemberRecord = { org: org.slug, wire, userId: null, teamSlugs: [] };
  org.members.push(member);
  org.membersById.set(wire.id, member);
  return member;
}

/** True when it is the organization's one owner with an account (Sentry refuses to remove it). */
export const isOnlyOwner = (org: OrgData, member: MemberRecord): boolean =>
  member.wire.orgRole === 'owner' &&
  org.members.filter((m) => m.wire.orgRole === 'owner' && m.userId !== null).length === 1;

export function removeMember(org: OrgData, member: MemberRecord): void {
  storeChanged();
  org.members = org.members.filter((m) => m !== member);
  org.membersById.delete(member.wire.id);
  if (member.userId !== null) {
    for (const issue of org.issues) {
      if (issue.wire.assignedTo?.type === 'user' && issue.wire.assignedTo.id === member.userId) {
        setAssignee(issue, null);
      }
    }
  }
  countTeamMembers(org);
}

/** Sets a member's teams (SCIM group membership); counts follow. */
export function setMemberTeams(org: OrgData, member: MemberRecord, teamSlugs: string[]): void {
  storeChanged();
  member.teamSlugs = [...new Set(teamSlugs)];
  countTeamMembers(org);
}

/** SCIM Users: the organization's approved members. */
import { StoreError } from '../../data/errors.ts';
import type { OrgData } from '../../data/model.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { MEMBER_READ } from '../../http/scopes.ts';
import type { MemberRecord } from '../members/record.ts';
import { findMember } from '../members/store.ts';
import { addInvitedMember, isOnlyOwner, removeMember } from '../members/write.ts';
import { orgOf } from '../organizations/request.ts';
import { filterValue, patchOperations, scimList } from './list.ts';
import { scimError, scimHandler, scimReply, scimUser } from './wire.ts';

const USERS = '/api/0/organizations/{org}/scim/v2/Users';
const MEMBER_WRITE = ['member:write', 'member:admin'] as const;
const MEMBER_ADMIN = ['member:admin'] as const;
/** The roles SCIM may give (`owner` is not one). */
const SCIM_ROLES = ['billing', 'member', 'manager', 'admin'];

/** What SCIM lists: approved members (seeded accounts and SCIM invites), by email then id. */
const scimMembers = (org: OrgData): MemberRecord[] =>
  org.members
    .filter((member) => member.wire.inviteStatus === 'approved')
    .sort(
      (a, b) => a.wire.email.localeCompare(b.wire.email) || Number(a.wire.id) - Number(b.wire.id),
    );

function memberOf(context: RequestContext, org: OrgData): MemberRecord {
  const id = context.params['member_id'] ?? '';
  const member = /^\d+$/.test(id) ? findMember(org, id) : undefined;
  if (member?.wire.inviteStatus !== 'approved') {
    throw scimError(404, 'User not found.');
  }
  return member;
}

function deprovision(org: OrgData, member: MemberRecord): void {
  if (isOnlyOwner(org, member)) {
    throw scimError(403, 'You cannot remove the only remaining owner of the organization.');
  }
  removeMember(org, member);
}

/** `active: false` in any of PatchOp's spellings (with or without `path`). */
function deactivates(operation: { op: string; path?: string; value?: unknown }): boolean {
  if (operation.op !== 'replace') throw scimError(400, 'Invalid Patch Operation.');
  const value =
    operation.path === undefined
      ? (operation.value as { active?: unknown } | null | undefined)?.active
      : operation.path === 'active'
        ? operation.value
        : Symbol.for('invalid');
  if (value === false || value === 'False' || value === 'false') return true;
  if (value === true || value === 'True' || value === 'true') return false;
  throw scimError(400, 'Invalid Patch Operation.');
}

export const scimUserRoutes = (): RouteDef[] => [
  route(
    `GET ${USERS}`,
    MEMBER_READ,
    scimHandler((context) => {
      const org = orgOf(context);
      const userName = filterValue(context, 'userName')?.toLowerCase();
      const rows = scimMembers(org).filter(
        (member) => userName === undefined || member.wire.email.toLowerCase() === userName,
      );
      return scimList(context, rows, scimUser);
    }),
  ),

  route(
    `POST ${USERS}`,
    MEMBER_WRITE,
    scimHandler((context) => {
      const org = orgOf(context);
      const body = (context.body ?? {}) as Record<string, unknown>;
      const userName = body['userName'];
      if (typeof userName !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(userName)) {
        throw scimError(400, 'userName: Enter a valid email address.');
      }
      const role = body['sentryOrgRole'] ?? 'member';
      if (typeof role !== 'string' || !SCIM_ROLES.includes(role)) {
        throw scimError(400, 'Invalid role');
      }
      if (body['active'] === false) throw scimError(400, 'Cannot provision an inactive user.');
      try {
        const member = addInvitedMember(context.data, org, {
          email: userName,
          role,
          provisioned: true,
        });
        return scimReply(201, scimUser(member));
      } catch (error) {
        if (error instanceof StoreError) throw scimError(409, error.message);
        throw error;
      }
    }),
  ),

  route(
    `GET ${USERS}/{member_id}`,
    MEMBER_READ,
    scimHandler((context) => {
      const org = orgOf(context);
      return scimReply(200, scimUser(memberOf(context, org)));
    }),
  ),

  route(
    `PATCH ${USERS}/{member_id}`,
    MEMBER_WRITE,
    scimHandler((context) => {
      const org = orgOf(context);
      const member = memberOf(context, org);
      // Sentry's one supported change: `active` false deletes the member.
      const remove = patchOperations(context.body).map(deactivates).some(Boolean);
      if (remove) deprovision(org, member);
      return scimReply(204);
    }),
  ),

  route(
    `DELETE ${USERS}/{member_id}`,
    MEMBER_ADMIN,
    scimHandler((context) => {
      const org = orgOf(context);
      deprovision(org, memberOf(context, org));
      return scimReply(204);
    }),
  ),
];

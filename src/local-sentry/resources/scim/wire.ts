/**
 * SCIM 2.0 bodies (RFC 7643/7644) as Sentry's SCIM endpoints write them: a member as a SCIM
 * User, a team as a SCIM Group, the ListResponse envelope and the SCIM error body, all sent as
 * `application/scim+json`.
 */
import type { OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { HttpError, type Reply } from '../../http/reply.ts';
import type { MemberRecord } from '../members/record.ts';
import type { TeamRecord } from '../teams/record.ts';
import { teamMembers } from '../teams/wire.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const HEADERS = { 'Content-Type': SCIM_CONTENT_TYPE };

export const scimReply = (status: number, body?: unknown): Reply =>
  body === undefined ? { status } : { status, body, headers: HEADERS };

/** A SCIM error (`{"schemas": [Error], "detail": ...}`, RFC 7644 §3.12). */
export const scimError = (status: number, detail: string): HttpError =>
  new HttpError(status, { schemas: [ERROR_SCHEMA], detail }, HEADERS);

/**
 * Runs a SCIM handler, turning the shared helpers' errors (Sentry's `{"detail"}` 404s and
 * field-error 400s) into SCIM error bodies. Auth and scope errors happen before and keep
 * Sentry's own bodies, as Sentry's permission classes answer them.
 */
export function scimHandler(
  handle: (context: RequestContext) => Reply,
): (context: RequestContext) => Reply {
  return (context) => {
    try {
      return handle(context);
    } catch (error) {
      if (!(error instanceof HttpError) || error.headers['Content-Type'] === SCIM_CONTENT_TYPE) {
        throw error;
      }
      const body = error.body as Record<string, unknown>;
      const detail =
        typeof body['detail'] === 'string'
          ? body['detail']
          : Object.entries(body)
              .map(([field, messages]) => `${field}: ${String(messages)}`)
              .join('; ');
      throw scimError(error.status, detail);
    }
  };
}

export function scimUser(member: MemberRecord) {
  return {
    schemas: [USER_SCHEMA],
    id: member.wire.id,
    userName: member.wire.email,
    emails: [{ primary: true, value: member.wire.email, type: 'work' }],
    // Sentry does not keep these; it answers N/A for compatibility.
    name: { givenName: 'N/A', familyName: 'N/A' },
    active: true,
    meta: { resourceType: 'User' },
    sentryOrgRole: member.wire.orgRole,
  };
}

export function scimGroup(org: OrgData, team: TeamRecord, { members = true } = {}) {
  return {
    schemas: [GROUP_SCHEMA],
    id: team.wire.id,
    displayName: team.wire.slug,
    ...(members
      ? {
          members: teamMembers(org, team)
            .filter((member) => member.wire.inviteStatus === 'approved')
            .slice(0, 10_000)
            .map((member) => ({ value: member.wire.id, display: member.wire.email })),
        }
      : {}),
    meta: { resourceType: 'Group' },
  };
}

/**
 * Organization members: `sentry.members.list(org)`, `.get(org, id)`, a team's members, and the
 * member and role wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryUser } from './users.ts';

export class Members extends Resource {
  readonly list = this.http.lister<SentryMember, [], PageParams & { query?: string }>(
    (org) => apiPath`/api/0/organizations/${org}/members/`,
    (p) => ({ query: p.query }),
  );

  readonly get = this.http.getter<SentryMemberDetail, [memberId: string]>(
    (org, memberId) => apiPath`/api/0/organizations/${org}/members/${memberId}/`,
  );

  readonly listForTeam = this.http.lister<SentryTeamMember, [team: string]>(
    (org, team) => apiPath`/api/0/teams/${org}/${team}/members/`,
  );

  /** `DELETE /organizations/{org}/members/{member_id}/`: removes the member or invite. */
  readonly remove = this.http.deleter<[memberId: string]>(
    (org, memberId) => apiPath`/api/0/organizations/${org}/members/${memberId}/`,
  );
}

export interface SentryMemberFlags {
  'idp:provisioned': boolean;
  'idp:role-restricted': boolean;
  'sso:linked': boolean;
  'sso:invalid': boolean;
  'member-limit:restricted': boolean;
  'partnership:restricted': boolean;
}

export interface SentryExternalActor {
  id: string;
  provider: string;
  externalName: string;
  integrationId: string;
  externalId?: string;
  userId?: string;
  teamId?: string;
}

/** `GET /organizations/{org}/members/` rows. */
export interface SentryMember {
  id: string;
  email: string;
  name: string;
  /** Null for a pending invite. */
  user: SentryUser | null;
  orgRole: string;
  pending: boolean;
  expired: boolean;
  flags: SentryMemberFlags;
  dateCreated: SentryDateTime;
  inviteStatus: string;
  inviterName: string | null;
  role?: string;
  roleName?: string;
  externalUsers?: SentryExternalActor[];
}

export interface SentryRole {
  id: string;
  name: string;
  desc: string;
  scopes: string[];
  allowed?: boolean;
  isAllowed?: boolean;
  isRetired?: boolean;
  isTeamRolesAllowed?: boolean;
  isGlobal?: boolean;
  is_global?: boolean;
  minimumTeamRole?: string;
  isMinimumRoleFor?: string | null;
}

/** `GET /organizations/{org}/members/{member_id}/`. */
export interface SentryMemberDetail extends SentryMember {
  /** Team slugs. */
  teams: string[];
  teamRoles: { teamSlug: string; role: string | null }[];
  invite_link: string | null;
  isOnlyOwner: boolean;
  orgRoleList: SentryRole[];
  teamRoleList: SentryRole[];
}

/** `GET /teams/{org}/{team}/members/` rows. */
export interface SentryTeamMember extends SentryMember {
  teamRole: string | null;
  teamSlug: string;
}

/**
 * Organization members: `sentry.members.list(org)`, `.get(org, id)`, a team's members, and the
 * member and role wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryUser } from './users.ts';

export class Members extends Resource {
  async list(
    org: string,
    p: PageParams & { query?: string } = {},
  ): Promise<Page<OrgScoped<SentryMember>>> {
    return this.http.page(
      org,
      apiPath`/api/0/organizations/${org}/members/`,
      pageQuery(p, { query: p.query }),
    );
  }

  async get(org: string, memberId: string): Promise<OrgScoped<SentryMemberDetail>> {
    return this.http.one(org, apiPath`/api/0/organizations/${org}/members/${memberId}/`);
  }

  async listForTeam(
    org: string,
    team: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryTeamMember>>> {
    return this.http.page(org, apiPath`/api/0/teams/${org}/${team}/members/`, pageQuery(p));
  }
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

/**
 * SCIM v2 provisioning: `sentry.scim.users(org, …)`, `.createUser`, `.patchUser`, `.deleteUser`
 * and the same for groups (teams), with the SCIM wire types. SCIM pages by `startIndex` (1-based)
 * and `count`, not by Link cursors: a `Page` here carries the next `startIndex` as its cursor
 * and `totalResults` as its hits, so the graph pages it like any other list. The paths have no
 * trailing slash, as Sentry serves them.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { asObject, type OrgScoped, Resource, stamp, unexpectedShape } from './http/requester.ts';

export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimListParams extends PageParams {
  /** `userName eq "…"` / `displayName eq "…"`, the one operator Sentry supports. */
  filter?: string | undefined;
  /** `members`, the one attribute Sentry lets a group list leave out. */
  excludedAttributes?: string | undefined;
}

export class Scim extends Resource {
  readonly users = (org: string, p: ScimListParams = {}) =>
    this.#list<SentryScimUser>(org, apiPath`/api/0/organizations/${org}/scim/v2/Users`, p);

  readonly user = (org: string, memberId: string) =>
    this.http.one<SentryScimUser>(
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Users/${memberId}`,
    );

  readonly createUser = (org: string, body: SentryScimUserCreate) =>
    this.http.write<SentryScimUser>(
      'POST',
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Users`,
      body,
    );

  /** 204 on success: Sentry answers PatchOp without a body. */
  readonly patchUser = async (org: string, memberId: string, operations: ScimOperation[]) => {
    await this.http.send(
      'PATCH',
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Users/${memberId}`,
      undefined,
      { schemas: [SCIM_PATCH_SCHEMA], Operations: operations },
    );
  };

  readonly deleteUser = (org: string, memberId: string) =>
    this.http.delete(org, apiPath`/api/0/organizations/${org}/scim/v2/Users/${memberId}`);

  readonly groups = (org: string, p: ScimListParams = {}) =>
    this.#list<SentryScimGroup>(org, apiPath`/api/0/organizations/${org}/scim/v2/Groups`, p);

  readonly group = (org: string, teamId: string) =>
    this.http.one<SentryScimGroup>(
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Groups/${teamId}`,
    );

  readonly createGroup = (org: string, body: { displayName: string }) =>
    this.http.write<SentryScimGroup>(
      'POST',
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Groups`,
      body,
    );

  readonly patchGroup = async (org: string, teamId: string, operations: ScimOperation[]) => {
    await this.http.send(
      'PATCH',
      org,
      apiPath`/api/0/organizations/${org}/scim/v2/Groups/${teamId}`,
      undefined,
      { schemas: [SCIM_PATCH_SCHEMA], Operations: operations },
    );
  };

  readonly deleteGroup = (org: string, teamId: string) =>
    this.http.delete(org, apiPath`/api/0/organizations/${org}/scim/v2/Groups/${teamId}`);

  async #list<T>(
    org: string,
    path: ReturnType<typeof apiPath>,
    p: ScimListParams,
  ): Promise<Page<OrgScoped<T>>> {
    const startIndex = p.cursor === undefined ? 1 : Number(p.cursor);
    const response = await this.http.send('GET', org, path, {
      startIndex: Number.isSafeInteger(startIndex) && startIndex >= 1 ? startIndex : 1,
      count: p.perPage,
      filter: p.filter,
      excludedAttributes: p.excludedAttributes,
    });
    const body = asObject<SentryScimList<T>>(response, path);
    if (!Array.isArray(body.Resources)) throw unexpectedShape(path);
    const next = body.startIndex + body.Resources.length;
    return {
      items: stamp(body.Resources, org),
      hits: body.totalResults,
      ...(body.Resources.length > 0 && next <= body.totalResults ? { next: String(next) } : {}),
      ...(body.startIndex > 1 ? { previous: String(Math.max(1, body.startIndex - 1)) } : {}),
    };
  }
}

/** A PatchOp operation (RFC 7644 §3.5.2). */
export interface ScimOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

/** SCIM's ListResponse. */
export interface SentryScimList<T> {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** A member as a SCIM User. */
export interface SentryScimUser {
  schemas: string[];
  /** The member id. */
  id: string;
  /** The member's email. */
  userName: string;
  emails: { primary: boolean; value: string; type: string }[];
  /** Always `N/A`: Sentry keeps no SCIM names. */
  name: { givenName: string; familyName: string };
  active?: boolean;
  meta: { resourceType: string };
  sentryOrgRole: string;
}

export interface SentryScimUserCreate {
  userName: string;
  sentryOrgRole?: 'billing' | 'member' | 'manager' | 'admin';
}

/** A team as a SCIM Group. */
export interface SentryScimGroup {
  schemas: string[];
  /** The team id. */
  id: string;
  /** The team slug. */
  displayName: string;
  /** Absent when `excludedAttributes=members`. */
  members?: { value: string; display: string }[];
  meta: { resourceType: string };
}

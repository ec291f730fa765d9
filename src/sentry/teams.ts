/** Teams: `sentry.teams.list(org)`, `.get(org, team)`, their writes, and the team wire types. */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime, SentryJsonObject } from './http/wire.ts';
import type { SentryExternalActor } from './members.ts';
import type { SentryOrganization } from './organizations.ts';
import type { SentryProjectBase } from './projects.ts';
import type { SentryAvatar } from './users.ts';

export class Teams extends Resource {
  readonly list = this.http.lister<
    SentryTeam,
    [],
    PageParams & { query?: string; detailed?: boolean }
  >(
    (org) => apiPath`/api/0/organizations/${org}/teams/`,
    (p) => ({
      query: p.query,
      detailed: p.detailed === undefined ? undefined : p.detailed ? '1' : '0',
    }),
  );

  readonly get = this.http.getter<SentryTeam, [team: string]>(
    (org, team) => apiPath`/api/0/teams/${org}/${team}/`,
  );

  readonly create = this.http.writer<SentryTeam, [], SentryTeamCreate>(
    'POST',
    (org) => apiPath`/api/0/organizations/${org}/teams/`,
  );

  readonly update = this.http.writer<SentryTeam, [team: string], SentryTeamUpdate>(
    'PUT',
    (org, team) => apiPath`/api/0/teams/${org}/${team}/`,
  );

  readonly delete = this.http.deleter<[team: string]>(
    (org, team) => apiPath`/api/0/teams/${org}/${team}/`,
  );
}

/** A team as embedded in a project (`team`, `teams`). */
export interface SentryTeamRef {
  id: string;
  name: string;
  slug: string;
}

/** `GET /organizations/{org}/teams/` rows, `GET /teams/{org}/{team}/`. */
export interface SentryTeam {
  id: string;
  slug: string;
  name: string;
  dateCreated: SentryDateTime | null;
  isMember: boolean;
  teamRole: string | null;
  flags: SentryJsonObject;
  access: string[];
  hasAccess: boolean;
  isPending: boolean;
  memberCount: number;
  avatar: SentryAvatar;
  externalTeams?: SentryExternalActor[];
  organization?: SentryOrganization;
  /** Present unless `detailed=0`. */
  projects?: SentryProjectBase[];
}

export interface SentryTeamCreate {
  slug?: string | null;
  name?: string | null;
}

export interface SentryTeamUpdate {
  slug: string;
  name?: string;
}

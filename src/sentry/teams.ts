/** Teams: `sentry.teams.list(org)`, `.get(org, team)`, their writes, and the team wire types. */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime, SentryJsonObject } from './http/wire.ts';
import type { SentryExternalActor } from './members.ts';
import type { SentryOrganization } from './organizations.ts';
import type { SentryProjectBase } from './projects.ts';
import type { SentryAvatar } from './users.ts';

export class Teams extends Resource {
  async list(
    org: string,
    p: PageParams & { query?: string; detailed?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryTeam>>> {
    return this.http.page(
      org,
      apiPath`/api/0/organizations/${org}/teams/`,
      pageQuery(p, {
        query: p.query,
        detailed: p.detailed === undefined ? undefined : p.detailed ? '1' : '0',
      }),
    );
  }

  async get(org: string, team: string): Promise<OrgScoped<SentryTeam>> {
    return this.http.one(org, apiPath`/api/0/teams/${org}/${team}/`);
  }

  async create(org: string, body: SentryTeamCreate): Promise<OrgScoped<SentryTeam>> {
    return this.http.write('POST', org, apiPath`/api/0/organizations/${org}/teams/`, body);
  }

  async update(org: string, team: string, body: SentryTeamUpdate): Promise<OrgScoped<SentryTeam>> {
    return this.http.write('PUT', org, apiPath`/api/0/teams/${org}/${team}/`, body);
  }

  async delete(org: string, team: string): Promise<void> {
    await this.http.delete(org, apiPath`/api/0/teams/${org}/${team}/`);
  }
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

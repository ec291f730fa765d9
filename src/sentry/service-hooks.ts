/**
 * A project's service hooks (webhooks): `sentry.serviceHooks.list(org, project)`, one hook and
 * the hook writes, with their wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export class ServiceHooks extends Resource {
  async list(
    org: string,
    project: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryServiceHook>>> {
    return this.http.page(org, apiPath`/api/0/projects/${org}/${project}/hooks/`, pageQuery(p));
  }

  async get(org: string, project: string, hookId: string): Promise<OrgScoped<SentryServiceHook>> {
    return this.http.one(org, apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`);
  }

  async create(
    org: string,
    project: string,
    body: SentryServiceHookInput,
  ): Promise<OrgScoped<SentryServiceHook>> {
    return this.http.write('POST', org, apiPath`/api/0/projects/${org}/${project}/hooks/`, body);
  }

  async update(
    org: string,
    project: string,
    hookId: string,
    body: SentryServiceHookInput,
  ): Promise<OrgScoped<SentryServiceHook>> {
    return this.http.write(
      'PUT',
      org,
      apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`,
      body,
    );
  }

  async delete(org: string, project: string, hookId: string): Promise<void> {
    await this.http.delete(org, apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`);
  }
}

/** `GET /projects/{org}/{project}/hooks/` rows. */
export interface SentryServiceHook {
  id: string;
  url: string;
  /** e.g. `event.alert`, `event.created`. */
  events: string[];
  secret: string;
  status: string;
  dateCreated: SentryDateTime;
}

/** Body of creating or updating a service hook. */
export interface SentryServiceHookInput {
  url: string;
  events: string[];
}

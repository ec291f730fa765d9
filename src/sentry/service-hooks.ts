/**
 * A project's service hooks (webhooks): `sentry.serviceHooks.list(org, project)`, one hook and
 * the hook writes, with their wire types.
 */
import { apiPath } from './http/api-path.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export class ServiceHooks extends Resource {
  readonly list = this.http.lister<SentryServiceHook, [project: string]>(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/hooks/`,
  );

  readonly get = this.http.getter<SentryServiceHook, [project: string, hookId: string]>(
    (org, project, hookId) => apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`,
  );

  readonly create = this.http.writer<SentryServiceHook, [project: string], SentryServiceHookInput>(
    'POST',
    (org, project) => apiPath`/api/0/projects/${org}/${project}/hooks/`,
  );

  readonly update = this.http.writer<
    SentryServiceHook,
    [project: string, hookId: string],
    SentryServiceHookInput
  >('PUT', (org, project, hookId) => apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`);

  readonly delete = this.http.deleter<[project: string, hookId: string]>(
    (org, project, hookId) => apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`,
  );
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

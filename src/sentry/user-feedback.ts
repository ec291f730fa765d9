/**
 * A project's user feedback: `sentry.userFeedback.list(org, project)`, `.submit(org, project,
 * body)`, and the feedback wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryIssueBase } from './issue.ts';

export class UserFeedback extends Resource {
  async list(
    org: string,
    project: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryUserFeedback>>> {
    return this.http.page(
      org,
      apiPath`/api/0/projects/${org}/${project}/user-feedback/`,
      pageQuery(p),
    );
  }

  async submit(
    org: string,
    project: string,
    body: SentryUserFeedbackCreate,
  ): Promise<OrgScoped<SentryUserFeedback>> {
    return this.http.write(
      'POST',
      org,
      apiPath`/api/0/projects/${org}/${project}/user-feedback/`,
      body,
    );
  }
}

/** `GET /projects/{org}/{project}/user-feedback/` rows. */
export interface SentryUserFeedback {
  id: string;
  eventID: string;
  name: string;
  email: string;
  comments: string;
  dateCreated: SentryDateTime;
  event: { id?: string | null; eventID?: string };
  issue: SentryIssueBase | null;
  user: SentryFeedbackUser | null;
}

/** The event user a feedback (and an event's `userReport`) refers to. */
export interface SentryFeedbackUser {
  id: string;
  username: string | null;
  email: string | null;
  name: string | null;
  ipAddress: string | null;
  avatarUrl: string | null;
}

/** `POST /projects/{org}/{project}/user-feedback/`. */
export interface SentryUserFeedbackCreate {
  event_id: string;
  name: string;
  email: string;
  comments: string;
}

/**
 * A project's user feedback: `sentry.userFeedback.list(org, project)`, `.submit(org, project,
 * body)`, and the feedback wire types.
 */
import { apiPath } from './http/api-path.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryIssueBase } from './issue.ts';

export class UserFeedback extends Resource {
  readonly list = this.http.lister<SentryUserFeedback, [project: string]>(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/user-feedback/`,
  );

  readonly submit = this.http.writer<
    SentryUserFeedback,
    [project: string],
    SentryUserFeedbackCreate
  >('POST', (org, project) => apiPath`/api/0/projects/${org}/${project}/user-feedback/`);
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

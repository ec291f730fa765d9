/**
 * Sentry App installations (the integration platform): `sentry.appInstallations.list(org)`, the
 * external issues an installation links to Sentry issues, and an issue's external issues.
 */
import { apiPath } from './http/api-path.ts';
import type { OrgScoped } from './http/requester.ts';
import { Resource } from './http/requester.ts';
import type { SentrySentryAppIssue } from './issue.ts';

export class AppInstallations extends Resource {
  readonly list = this.http.lister<SentryAppInstallation>(
    (org) => apiPath`/api/0/organizations/${org}/sentry-app-installations/`,
  );

  /** `POST /sentry-app-installations/{uuid}/external-issues/`: create, or update the app's link. */
  createExternalIssue = (
    org: string,
    uuid: string,
    body: SentryExternalIssueCreate,
  ): Promise<OrgScoped<SentrySentryAppIssue>> =>
    this.http.write<SentrySentryAppIssue>(
      'POST',
      org,
      apiPath`/api/0/sentry-app-installations/${uuid}/external-issues/`,
      body,
    );

  deleteExternalIssue = (org: string, uuid: string, externalIssueId: string): Promise<void> =>
    this.http.delete(
      org,
      apiPath`/api/0/sentry-app-installations/${uuid}/external-issues/${externalIssueId}/`,
    );

  /** `GET /organizations/{org}/issues/{id}/external-issues/` (unpaginated). */
  issueExternalIssues = (org: string, issueId: string) =>
    this.http.all<SentrySentryAppIssue>(
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/external-issues/`,
      'external issues',
    );
}

/** `GET /organizations/{org}/sentry-app-installations/` rows. */
export interface SentryAppInstallation {
  uuid: string;
  status: string;
  app: { uuid: string; slug: string; sentryAppId: number };
  organization: { slug: string };
}

export interface SentryExternalIssueCreate {
  issueId: number;
  webUrl: string;
  /** The external service's project. */
  project: string;
  /** The issue's identifier there; Sentry shows `project#identifier`. */
  identifier: string;
}

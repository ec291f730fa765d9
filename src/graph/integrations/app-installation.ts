/**
 * integrations/: Sentry App installations (`Organization.appInstallations`) and the external
 * issues they link (`Issue.externalIssues`, reusing `SentryAppIssue`).
 */
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryAppInstallation as SentryAppInstallationBody } from '../../sentry/types.ts';
import { Issue } from '../issues/issue.ts';
import { SentryAppIssue } from '../issues/issue-triage-types.ts';
import { Organization } from '../organizations/organization.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';

export const SentryAppInstallation = builder
  .objectRef<OrgScoped<SentryAppInstallationBody>>('SentryAppInstallation')
  .implement({
    description:
      'A Sentry App (integration platform app, e.g. Linear) installed in an organization. Not a `Node`: Sentry has no read of one installation.',
    fields: (t) => ({
      uuid: t.exposeString('uuid', {
        description: 'The installation id: what `createExternalIssue` takes.',
      }),
      status: t.exposeString('status', { description: 'e.g. "installed" or "pending".' }),
      appSlug: t.string({
        description: 'The app, e.g. "linear" (the `serviceType` of its external issues).',
        resolve: (installation) => installation.app.slug,
      }),
      appUuid: t.string({
        description: "The app's own id.",
        resolve: (installation) => installation.app.uuid,
      }),
      sentryAppId: t.string({
        description: "Sentry's numeric id of the app.",
        resolve: (installation) => String(installation.app.sentryAppId),
      }),
    }),
  });

export const SentryAppInstallationConnection = builder.connectionObject(
  {
    type: SentryAppInstallation,
    name: 'SentryAppInstallationConnection',
    description: 'A page of Sentry App installations.',
  },
  {
    name: 'SentryAppInstallationEdge',
    description: 'A SentryAppInstallation and the cursor after it.',
  },
);

builder.objectFields(Organization, (t) => ({
  appInstallations: t.connection(
    {
      type: SentryAppInstallation,
      nullable: true,
      description:
        'Sentry Apps installed in the organization. One call: `GET /organizations/{org}/sentry-app-installations/` (scope `org:read` or `org:integrations`).',
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.appInstallations.list(org.slug, request.params);
        return pageToConnection(page, request);
      },
    },
    SentryAppInstallationConnection,
  ),
}));

builder.objectFields(Issue, (t) => ({
  externalIssues: t.field({
    type: [SentryAppIssue],
    nullable: true,
    description:
      'Issues linked to it by Sentry Apps, read fresh: one call, `GET /organizations/{org}/issues/{id}/external-issues/` (`sentryAppIssues` is the same list when the issue body carries it).',
    resolve: (issue, _args, context) =>
      context.sentry.appInstallations.issueExternalIssues(issue.organizationSlug, issue.id),
  }),
}));

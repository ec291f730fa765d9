/**
 * Sentry App installations (Sentry's "integration platform"): the organization's installations
 * and the external issues an installation links to Sentry issues. An external issue shows on its
 * issue (`sentryAppIssues`, `annotations`, `GET .../issues/{id}/external-issues/`). This folder
 * owns the installations and those routes.
 */
import { canAccessOrganization } from '../../http/auth.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, stringField } from '../../http/params.ts';
import { badRequest, forbidden, noContent, notFound, ok } from '../../http/reply.ts';
import { EVENT_ADMIN } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import type { AppInstallation } from './record.ts';
import {
  findInstallation,
  installations,
  linkExternalIssue,
  unlinkExternalIssue,
} from './store.ts';

const installationBody = (row: AppInstallation) => ({
  app: { uuid: row.app.uuid, slug: row.app.slug, sentryAppId: row.app.sentryAppId },
  organization: { slug: row.org },
  uuid: row.uuid,
  status: row.status,
});

/** The installation of `{uuid}`, in an organization the token may use. */
function installationOf(context: RequestContext): AppInstallation {
  const installation = findInstallation(context.data, context.params['uuid'] ?? '');
  if (!installation) throw notFound();
  if (!canAccessOrganization(context.token, installation.org)) throw forbidden();
  return installation;
}

export const appInstallationRoutes = (): RouteDef[] => [
  route(
    'GET /api/0/organizations/{org}/sentry-app-installations/',
    ['org:read', 'org:write', 'org:admin', 'org:integrations'],
    (context) => {
      const org = orgOf(context);
      return paginateMapped(installations(context.data, org), context.page, installationBody);
    },
  ),

  route(
    'POST /api/0/sentry-app-installations/{uuid}/external-issues/',
    ['event:write', 'event:admin'],
    (context) => {
      const installation = installationOf(context);
      const body = bodyObject(context);
      const rawId = body['issueId'];
      if (rawId === undefined || rawId === null) {
        throw badRequest({ issueId: ['This field is required.'] });
      }
      const issueId = String(rawId);
      if (!/^\d+$/.test(issueId)) throw badRequest({ issueId: ['A valid integer is required.'] });
      const webUrl = stringField(body, 'webUrl', { required: true }) as string;
      if (!/^https?:\/\/\S+$/.test(webUrl)) throw badRequest({ webUrl: ['Enter a valid URL.'] });
      const project = stringField(body, 'project', { required: true }) as string;
      const identifier = stringField(body, 'identifier', { required: true }) as string;
      const issue = context.data.issuesById.get(issueId);
      if (!issue || issue.org !== installation.org) throw notFound();
      return ok(linkExternalIssue(installation, issue, { webUrl, project, identifier }));
    },
  ),

  route(
    'DELETE /api/0/sentry-app-installations/{uuid}/external-issues/{external_issue_id}/',
    EVENT_ADMIN,
    (context) => {
      const installation = installationOf(context);
      const id = context.params['external_issue_id'] ?? '';
      if (!unlinkExternalIssue(context.data, installation, id)) throw notFound();
      return noContent();
    },
  ),
];

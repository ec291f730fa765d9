/**
 * The issue a request's path names: `{issue_id}` in an organization, or the legacy org-less path.
 */
import { canAccessOrganization } from '../../http/auth.ts';
import type { RequestContext } from '../../http/context.ts';
import { forbidden, found, notFound } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import type { IssueRecord } from './record.ts';
import { findIssueOrRedirect } from './store.ts';

/** The issue of `{issue_id}`; the id of a merged issue finds the one it was merged into. */
export const issueOf = (context: RequestContext, org = orgOf(context)): IssueRecord =>
  found(findIssueOrRedirect(context.data, org, context.params['issue_id'] ?? ''));

/** The legacy `/api/0/issues/{issue_id}/`: numeric ids only, any organization the token may use. */
export function legacyIssueOf(context: RequestContext): IssueRecord {
  const id = context.params['issue_id'] ?? '';
  const { issuesById, issueRedirects } = context.data;
  const issue = /^\d+$/.test(id)
    ? (issuesById.get(id) ?? issuesById.get(issueRedirects.get(id) ?? ''))
    : undefined;
  if (!issue) throw notFound();
  if (!canAccessOrganization(context.token, issue.org)) throw forbidden();
  return issue;
}

/**
 * Issues: records, their generation, search and sort, merge, the stream rows and detail bodies,
 * and the routes (the organization's and a project's issue stream with `group=` lookups and
 * short-id or event-id direct hits, bulk update/delete with Sentry's guard rails, detail by
 * numeric or short id and the legacy org-less path, hashes, short-id lookups). This folder owns
 * them.
 */
import { orgOfRecord } from '../../data/store.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginate, paginateMapped } from '../../http/pagination.ts';
import { found, ok, type Reply } from '../../http/reply.ts';
import { EVENT_ADMIN, EVENT_READ, EVENT_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf, selectedProjects } from '../projects/request.ts';
import { bulkDelete, bulkUpdate, updateInput } from './bulk.ts';
import type { IssueRecord } from './record.ts';
import { issueOf, legacyIssueOf } from './request.ts';
import { applyIssueUpdate, deleteIssue, findIssue } from './store.ts';
import { groupLookup, issueStream, seriesChoice, streamRow } from './stream.ts';
import { issueDetail, issueHashes, shortIdLookup } from './wire.ts';

/** `expand=` of the detail (repeated or comma-separated). */
function expandOf(context: RequestContext): Set<string> {
  return new Set(context.query.getAll('expand').flatMap((value) => value.split(',')));
}

function updateIssue(context: RequestContext, issue: IssueRecord): Reply {
  const body = updateInput(context);
  applyIssueUpdate(context.data, orgOfRecord(context.data, issue), [issue], body);
  return ok(issueDetail(context.data, issue));
}

function removeIssue(context: RequestContext, issue: IssueRecord): Reply {
  deleteIssue(context.data, issue);
  return { status: 202 };
}

export const issueRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/issues/', EVENT_READ, (context) => {
    const org = orgOf(context);
    if (context.query.has('group')) return groupLookup(context, org);
    const choice = seriesChoice(context, 'groupStatsPeriod');
    return issueStream(context, org, selectedProjects(context, org), choice);
  }),

  route('PUT /api/0/organizations/{org}/issues/', EVENT_WRITE, (context) => {
    const org = orgOf(context);
    return bulkUpdate(context, org, selectedProjects(context, org));
  }),

  route('DELETE /api/0/organizations/{org}/issues/', EVENT_ADMIN, (context) => {
    const org = orgOf(context);
    return bulkDelete(context, org, selectedProjects(context, org));
  }),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/', EVENT_READ, (context) =>
    ok(issueDetail(context.data, issueOf(context), expandOf(context))),
  ),
  route('PUT /api/0/organizations/{org}/issues/{issue_id}/', EVENT_WRITE, (context) =>
    updateIssue(context, issueOf(context)),
  ),
  route('DELETE /api/0/organizations/{org}/issues/{issue_id}/', EVENT_ADMIN, (context) =>
    removeIssue(context, issueOf(context)),
  ),

  route('GET /api/0/issues/{issue_id}/', EVENT_READ, (context) =>
    ok(issueDetail(context.data, legacyIssueOf(context), expandOf(context))),
  ),
  route('PUT /api/0/issues/{issue_id}/', EVENT_WRITE, (context) =>
    updateIssue(context, legacyIssueOf(context)),
  ),
  route('DELETE /api/0/issues/{issue_id}/', EVENT_ADMIN, (context) =>
    removeIssue(context, legacyIssueOf(context)),
  ),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/hashes/', EVENT_READ, (context) =>
    paginate(issueHashes(context.data, issueOf(context)), context.page),
  ),

  route('GET /api/0/organizations/{org}/shortids/{short_id}/', EVENT_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['short_id'] ?? '';
    const issue = /^\d+$/.test(id) ? undefined : findIssue(context.data, org, id);
    return ok(shortIdLookup(context.data, found(issue)));
  }),

  route('GET /api/0/projects/{org}/{project}/issues/', ['event:read'], (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const hashes = context.query
      .getAll('hashes')
      .flatMap((h) => h.split(','))
      .filter(Boolean);
    const choice = seriesChoice(context, 'statsPeriod');
    // The project stream defaults to `is:unresolved`, and its `statsPeriod` picks the embedded
    // series rather than a time filter. Links keep the request's own parameters.
    const stream = new URLSearchParams(context.query);
    if (!stream.has('query')) stream.set('query', 'is:unresolved');
    stream.delete('statsPeriod');
    const scoped: RequestContext = { ...context, query: stream };
    if (hashes.length > 0) {
      const wanted = new Set(hashes.slice(0, 100));
      const issues = project.issues.filter((issue) => issue.hashes.some((h) => wanted.has(h)));
      return paginateMapped(issues, scoped.page, (issue) => streamRow(scoped, issue, choice), {
        param: 'limit',
      });
    }
    return issueStream(scoped, org, [project], choice);
  }),

  route('PUT /api/0/projects/{org}/{project}/issues/', ['event:write'], (context) => {
    const org = orgOf(context);
    return bulkUpdate(context, org, [projectOf(context, org)]);
  }),

  route('DELETE /api/0/projects/{org}/{project}/issues/', EVENT_ADMIN, (context) => {
    const org = orgOf(context);
    return bulkDelete(context, org, [projectOf(context, org)]);
  }),
];

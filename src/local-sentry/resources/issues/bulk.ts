/**
 * Issue updates and deletes: the PUT body's validation and the bulk endpoints' targets and guard
 * rails.
 */
import type { SentryIssueBulkUpdateResult, SentryIssueUpdate } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { bodyObject } from '../../http/params.ts';
import { badRequest, noContent, ok, type Reply } from '../../http/reply.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { mergeIssues } from './merge.ts';
import type { IssueRecord } from './record.ts';
import { searchIssues } from './search.ts';
import { applyIssueUpdate, deleteIssue, findIssue } from './store.ts';
import { searchOptions } from './stream.ts';

/** Sentry's BULK_MUTATION_LIMIT: a query-based bulk change touches at most this many issues. */
const BULK_MUTATION_LIMIT = 1000;
const STATUSES = ['resolved', 'unresolved', 'ignored', 'resolvedInNextRelease', 'muted'];
const SUBSTATUSES = [
  'archived_until_escalating',
  'archived_until_condition_met',
  'archived_forever',
  'escalating',
  'ongoing',
  'regressed',
  'new',
];
const PRIORITIES = ['low', 'medium', 'high'];

/** The inputs Django REST framework's `BooleanField` (Sentry's validators) reads as booleans. */
const TRUE_INPUTS = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_INPUTS = new Set(['false', 'f', 'no', 'n', 'off', '0']);

function booleanInput(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const text = String(value).toLowerCase();
  return TRUE_INPUTS.has(text) ? true : FALSE_INPUTS.has(text) ? false : undefined;
}

/** Validates a PUT body into the store's update shape (400 on unknown choices). */
export function updateInput(context: RequestContext): SentryIssueUpdate {
  const body = { ...bodyObject(context) };
  const choice = (name: string, allowed: string[]) => {
    const value = body[name];
    if (value !== undefined && value !== null && !allowed.includes(String(value))) {
      throw badRequest({ [name]: [`"${String(value)}" is not a valid choice.`] });
    }
  };
  choice('status', STATUSES);
  choice('substatus', SUBSTATUSES);
  choice('priority', PRIORITIES);
  for (const flag of ['hasSeen', 'isBookmarked', 'isPublic', 'isSubscribed', 'merge', 'discard']) {
    if (body[flag] === undefined) continue;
    const value = booleanInput(body[flag]);
    if (value === undefined) throw badRequest({ [flag]: ['Must be a valid boolean.'] });
    body[flag] = value;
  }
  if (body['assignedTo'] !== undefined && body['assignedTo'] !== null) {
    if (typeof body['assignedTo'] !== 'string') {
      throw badRequest({ assignedTo: ['Not a valid string.'] });
    }
  }
  const details = body['statusDetails'];
  if (
    details !== undefined &&
    (typeof details !== 'object' || details === null || Array.isArray(details))
  ) {
    throw badRequest({ statusDetails: ['Expected a dictionary of items.'] });
  }
  if (body['discard'] === true) {
    throw badRequest('Discarding is not supported by the local Sentry.');
  }
  return body as SentryIssueUpdate;
}

/**
 * The issues a bulk PUT/DELETE acts on. With `id=` (numeric or short ids): those among the
 * selected projects, and when a `query` comes too, only those it also matches (newer Sentry
 * ignores the query when ids are given; a fallback to the query would reach no others, so the
 * intersection is the safe reading). Without ids but with `query`: the first 1000 matches
 * (Sentry's bulk mutation). With neither: refused, never "everything".
 */
function bulkTargets(
  context: RequestContext,
  org: OrgData,
  projects: ProjectRecord[],
): IssueRecord[] {
  const ids = context.query.getAll('id').filter((id) => id !== '');
  if (ids.length > 0) {
    const projectIds = new Set(projects.map((project) => project.wire.id));
    const targets = new Set<IssueRecord>();
    for (const id of ids) {
      const issue = findIssue(context.data, org, id.trim());
      if (issue && projectIds.has(issue.projectId)) targets.add(issue);
    }
    if (!context.query.has('query') || targets.size === 0) return [...targets];
    const matching = new Set(
      searchIssues(context.data, org, searchOptions(context, org, projects)),
    );
    return [...targets].filter((issue) => matching.has(issue));
  }
  if (!context.query.has('query')) {
    throw badRequest(
      'Refusing to change every issue: pass id= for the issues to change, or an explicit query.',
    );
  }
  return searchIssues(context.data, org, searchOptions(context, org, projects)).slice(
    0,
    BULK_MUTATION_LIMIT,
  );
}

export function bulkUpdate(
  context: RequestContext,
  org: OrgData,
  projects: ProjectRecord[],
): Reply {
  const body = updateInput(context);
  const targets = bulkTargets(context, org, projects);
  if (targets.length === 0) return { status: 204, body: { detail: 'No groups found' } };
  const releaseBound =
    body.status === 'resolved' &&
    (body.statusDetails?.inRelease !== undefined || body.statusDetails?.inCommit !== undefined);
  const projectCount = new Set(targets.map((issue) => issue.projectId)).size;
  if (releaseBound && projectCount > 1) {
    throw badRequest('Cannot set resolved for multiple projects.');
  }
  const merging = body.merge === true && targets.length > 1;
  if (merging && projectCount > 1) {
    throw badRequest('Merging across multiple projects is not supported');
  }
  const result: SentryIssueBulkUpdateResult = applyIssueUpdate(context.data, org, targets, body);
  // As Sentry: the other changes apply to every issue first, then the merge; with one issue
  // there is nothing to merge and the flag is echoed as sent.
  if (body.merge !== undefined) {
    result.merge = merging ? mergeIssues(context.data, targets) : body.merge;
  }
  return ok(result);
}

export function bulkDelete(
  context: RequestContext,
  org: OrgData,
  projects: ProjectRecord[],
): Reply {
  for (const issue of bulkTargets(context, org, projects)) deleteIssue(context.data, issue);
  return noContent();
}

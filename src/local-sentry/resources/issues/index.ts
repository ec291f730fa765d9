/**
 * Issues: the organization's issue stream (search, `group=` batch lookups, short-id and event-id
 * direct hits), bulk update/delete by id with Sentry's guard rails, issue detail by numeric or
 * short id (and the legacy org-less path), events of an issue, tags, hashes, short-id and
 * event-id resolution, and the project-scoped issue and event lists.
 */
import type {
  SentryIssue,
  SentryIssueBulkUpdateResult,
  SentryIssueUpdate,
} from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { orgOfRecord } from '../../data/store.ts';
import { canAccessOrganization } from '../../http/auth.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginate, paginateMapped } from '../../http/pagination.ts';
import {
  bodyObject,
  EVENT_ADMIN,
  EVENT_READ,
  EVENT_WRITE,
  hashUnit,
  ORG_READ,
  optionalTimeRange,
  orgOf,
  PROJECT_READ,
  projectOf,
  selectedProjects,
  viewerUserId,
} from '../../http/params.ts';
import {
  badRequest,
  forbidden,
  found,
  HttpError,
  noContent,
  notFound,
  ok,
  type Reply,
} from '../../http/reply.ts';
import type { EventRecord } from '../events/record.ts';
import { searchIssueEvents, searchProjectEvents } from '../events/search.ts';
import { findEvent, findIssueEvent } from '../events/store.ts';
import { eventDetail, eventIdLookup, eventSummary } from '../events/wire.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { issueTag, issueTags, issueTagValues } from '../tags/aggregate.ts';
import { mergeIssues } from './merge.ts';
import type { IssueRecord } from './record.ts';
import { DEFAULT_ISSUE_QUERY, directHit, searchIssues } from './search.ts';
import type { StatsPeriod } from './stats.ts';
import { applyIssueUpdate, deleteIssue, findIssue, findIssueOrRedirect } from './store.ts';
import { issueDetail, issueHashes, issueRow, shortIdLookup } from './wire.ts';

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

/** `groupStatsPeriod` (org stream) or `statsPeriod` (project stream) → the series to embed. */
function statsPeriodOf(raw: string | null, fallback: StatsPeriod): StatsPeriod | '' {
  if (raw === null) return fallback;
  if (raw === '' || raw === '24h' || raw === '14d') return raw;
  if (raw === 'auto') return fallback;
  throw badRequest('Invalid groupStatsPeriod');
}

/** An issue row as the stream serializes it, honouring `collapse=`. */
function streamRow(
  context: RequestContext,
  issue: IssueRecord,
  period: StatsPeriod | '',
  extra: Partial<SentryIssue> = {},
): SentryIssue {
  const collapse = new Set(context.query.getAll('collapse'));
  const row: Partial<SentryIssue> = {
    ...issueRow(context.data, issue, collapse.has('stats') ? '' : period),
    ...extra,
  };
  if (collapse.has('lifetime')) delete row.lifetime;
  if (collapse.has('filtered')) delete row.filtered;
  if (collapse.has('unhandled')) delete row.isUnhandled;
  return row as SentryIssue;
}

function searchOptions(context: RequestContext, org: OrgData, projects: ProjectRecord[]) {
  const { query } = context;
  const range = optionalTimeRange(context);
  return {
    query: query.has('query') ? (query.get('query') ?? '') : DEFAULT_ISSUE_QUERY,
    projectIds: projects.map((project) => project.wire.id),
    environments: query.getAll('environment'),
    ...(range ?? {}),
    sort: query.get('sort') || 'date',
    viewerUserId: viewerUserId(org),
  };
}

/** The issue stream of an organization or (with `project`) of one project. */
function issueStream(
  context: RequestContext,
  org: OrgData,
  projects: ProjectRecord[],
  period: StatsPeriod | '',
): Reply {
  const { query, data } = context;
  const raw = query.get('query') ?? '';
  if (raw.trim() !== '') {
    const hit = directHit(data, org, raw, query.get('shortIdLookup') === '1');
    if (hit) {
      const extra: Partial<SentryIssue> = hit.eventId ? { matchingEventId: hit.eventId } : {};
      return ok([streamRow(context, hit.issue, period, extra)], { 'X-Sentry-Direct-Hit': '1' });
    }
  }
  const issues = searchIssues(data, org, searchOptions(context, org, projects));
  return paginateMapped(issues, context.page, (issue) => streamRow(context, issue, period), {
    param: 'limit',
    countHits: true,
  });
}

/** `group=1&group=2`: the issues among the selected projects, unpaginated; misses left out. */
function groupLookup(context: RequestContext, org: OrgData): Reply {
  const raw = context.query.getAll('group');
  if (raw.some((id) => !/^\s*\d+\s*$/.test(id))) throw badRequest('Group ids must be integers');
  const projectIds = new Set(selectedProjects(context, org).map((project) => project.wire.id));
  const period = statsPeriodOf(context.query.get('groupStatsPeriod'), '24h');
  const seen = new Set<string>();
  const rows: SentryIssue[] = [];
  for (const id of raw.map((value) => value.trim())) {
    if (seen.has(id)) continue;
    seen.add(id);
    const issue = context.data.issuesById.get(id);
    if (issue && issue.org === org.slug && projectIds.has(issue.projectId)) {
      rows.push(streamRow(context, issue, period));
    }
  }
  return ok(rows);
}

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
function updateInput(context: RequestContext): SentryIssueUpdate {
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

function bulkUpdate(context: RequestContext, org: OrgData, projects: ProjectRecord[]): Reply {
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

function bulkDelete(context: RequestContext, org: OrgData, projects: ProjectRecord[]): Reply {
  for (const issue of bulkTargets(context, org, projects)) deleteIssue(context.data, issue);
  return noContent();
}

/** The issue of `{issue_id}`; the id of a merged issue finds the one it was merged into. */
const issueOf = (context: RequestContext, org = orgOf(context)): IssueRecord =>
  found(findIssueOrRedirect(context.data, org, context.params['issue_id'] ?? ''));

/** The legacy `/api/0/issues/{issue_id}/`: numeric ids only, any organization the token may use. */
function legacyIssueOf(context: RequestContext): IssueRecord {
  const id = context.params['issue_id'] ?? '';
  const { issuesById, issueRedirects } = context.data;
  const issue = /^\d+$/.test(id)
    ? (issuesById.get(id) ?? issuesById.get(issueRedirects.get(id) ?? ''))
    : undefined;
  if (!issue) throw notFound();
  if (!canAccessOrganization(context.token, issue.org)) throw forbidden();
  return issue;
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

/** A list of events as summaries, or full bodies with `full=true`; `sample` shuffles stably. */
function eventList(context: RequestContext, events: EventRecord[]): Reply {
  const full = ['1', 'true'].includes(context.query.get('full') ?? '');
  const ordered = ['1', 'true'].includes(context.query.get('sample') ?? '')
    ? [...events].sort((a, b) => hashUnit(a.id) - hashUnit(b.id))
    : events;
  return paginateMapped(
    ordered,
    context.page,
    (event) => (full ? eventDetail(context.data, event) : eventSummary(context.data, event)),
    { countHits: true },
  );
}

function eventSearch(context: RequestContext) {
  const range = optionalTimeRange(context);
  return {
    query: context.query.get('query') ?? '',
    environments: context.query.getAll('environment'),
    ...(range ?? {}),
  };
}

export const issueRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/issues/', EVENT_READ, (context) => {
    const org = orgOf(context);
    if (context.query.has('group')) return groupLookup(context, org);
    const period = statsPeriodOf(context.query.get('groupStatsPeriod'), '24h');
    return issueStream(context, org, selectedProjects(context, org), period);
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
    ok(issueDetail(context.data, issueOf(context))),
  ),
  route('PUT /api/0/organizations/{org}/issues/{issue_id}/', EVENT_WRITE, (context) =>
    updateIssue(context, issueOf(context)),
  ),
  route('DELETE /api/0/organizations/{org}/issues/{issue_id}/', EVENT_ADMIN, (context) =>
    removeIssue(context, issueOf(context)),
  ),

  route('GET /api/0/issues/{issue_id}/', EVENT_READ, (context) =>
    ok(issueDetail(context.data, legacyIssueOf(context))),
  ),
  route('PUT /api/0/issues/{issue_id}/', EVENT_WRITE, (context) =>
    updateIssue(context, legacyIssueOf(context)),
  ),
  route('DELETE /api/0/issues/{issue_id}/', EVENT_ADMIN, (context) =>
    removeIssue(context, legacyIssueOf(context)),
  ),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/events/', EVENT_READ, (context) => {
    const issue = issueOf(context);
    return eventList(context, searchIssueEvents(context.data, issue, eventSearch(context)));
  }),

  ...(['latest', 'oldest', 'recommended'] as const).map((which) =>
    route(
      `GET /api/0/organizations/{org}/issues/{issue_id}/events/${which}/`,
      EVENT_READ,
      (context) => ok(eventDetail(context.data, found(findIssueEvent(issueOf(context), which)))),
    ),
  ),

  route(
    'GET /api/0/organizations/{org}/issues/{issue_id}/events/{event_id}/',
    EVENT_READ,
    (context) => {
      const issue = issueOf(context);
      return ok(
        eventDetail(context.data, found(findIssueEvent(issue, context.params['event_id'] ?? ''))),
      );
    },
  ),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/tags/', EVENT_READ, (context) =>
    ok(issueTags(context.data, issueOf(context))),
  ),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/tags/{key}/', EVENT_READ, (context) =>
    ok(found(issueTag(context.data, issueOf(context), context.params['key'] ?? ''))),
  ),

  route(
    'GET /api/0/organizations/{org}/issues/{issue_id}/tags/{key}/values/',
    EVENT_READ,
    (context) => {
      const issue = issueOf(context);
      const key = context.params['key'] ?? '';
      const values = issueTagValues(context.data, issue, key);
      if (values.length === 0 && !issueTag(context.data, issue, key)) throw notFound();
      return paginate(values, context.page);
    },
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

  route('GET /api/0/organizations/{org}/eventids/{event_id}/', ORG_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['event_id'] ?? '';
    if (!/^[0-9a-f]{32}$/i.test(id.replaceAll('-', ''))) {
      throw new HttpError(400, { detail: 'Event ID must be a valid UUID hex (32 characters)' });
    }
    return ok(eventIdLookup(context.data, found(findEvent(context.data, org, id))));
  }),

  route('GET /api/0/projects/{org}/{project}/issues/', ['event:read'], (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const hashes = context.query
      .getAll('hashes')
      .flatMap((h) => h.split(','))
      .filter(Boolean);
    const period = statsPeriodOf(context.query.get('statsPeriod'), '24h');
    // The project stream defaults to `is:unresolved`, and its `statsPeriod` picks the embedded
    // series rather than a time filter. Links keep the request's own parameters.
    const stream = new URLSearchParams(context.query);
    if (!stream.has('query')) stream.set('query', 'is:unresolved');
    stream.delete('statsPeriod');
    const scoped: RequestContext = { ...context, query: stream };
    if (hashes.length > 0) {
      const wanted = new Set(hashes.slice(0, 100));
      const issues = project.issues.filter((issue) => issue.hashes.some((h) => wanted.has(h)));
      return paginateMapped(issues, scoped.page, (issue) => streamRow(scoped, issue, period), {
        param: 'limit',
      });
    }
    return issueStream(scoped, org, [project], period);
  }),

  route('PUT /api/0/projects/{org}/{project}/issues/', ['event:write'], (context) => {
    const org = orgOf(context);
    return bulkUpdate(context, org, [projectOf(context, org)]);
  }),

  route('DELETE /api/0/projects/{org}/{project}/issues/', EVENT_ADMIN, (context) => {
    const org = orgOf(context);
    return bulkDelete(context, org, [projectOf(context, org)]);
  }),

  route('GET /api/0/projects/{org}/{project}/events/', PROJECT_READ, (context) => {
    const project = projectOf(context);
    return eventList(context, searchProjectEvents(context.data, project, eventSearch(context)));
  }),

  route('GET /api/0/projects/{org}/{project}/events/{event_id}/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const event = findEvent(context.data, org, context.params['event_id'] ?? '');
    if (!event || event.projectId !== project.wire.id) throw notFound();
    return ok(eventDetail(context.data, event));
  }),
];

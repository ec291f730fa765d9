/**
 * The issue stream: search options from the request, rows as the stream serializes them, `group=`
 * lookups.
 */
import type { SentryIssue } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { optionalTimeRange, timeRange } from '../../http/params.ts';
import { badRequest, ok, type Reply } from '../../http/reply.ts';
import { viewerUserId } from '../members/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { selectedProjects } from '../projects/request.ts';
import { filteredCounter } from './filtered.ts';
import type { IssueRecord } from './record.ts';
import { DEFAULT_ISSUE_QUERY, directHit, searchIssues } from './search.ts';
import { autoSeries, periodSeries, type SeriesChoice } from './stats.ts';
import { issueRow } from './wire.ts';

/**
 * The series rows embed: `groupStatsPeriod` on the org stream (`''` none, `24h` the default,
 * `14d`, or `auto`: the list's own time range, 14 days unless it names one), `statsPeriod` on a
 * project's stream (no `auto` there, as in Sentry). 400 for anything else.
 */
export function seriesChoice(
  context: RequestContext,
  param: 'groupStatsPeriod' | 'statsPeriod',
): SeriesChoice | null {
  const raw = context.query.get(param);
  const { now } = context.data;
  if (raw === null || raw === '24h') return periodSeries('24h', now);
  if (raw === '14d') return periodSeries('14d', now);
  if (raw === '') return null;
  if (raw === 'auto' && param === 'groupStatsPeriod') return autoSeries(timeRange(context, '14d'));
  throw badRequest(`Invalid ${param}`);
}

/** An issue row as the stream serializes it, honouring `collapse=`. */
export function streamRow(
  context: RequestContext,
  issue: IssueRecord,
  choice: SeriesChoice | null,
  extra: Partial<SentryIssue> = {},
): SentryIssue {
  const collapse = new Set(context.query.getAll('collapse'));
  const row: Partial<SentryIssue> = {
    ...issueRow(issue, collapse.has('stats') ? null : choice),
    ...extra,
  };
  if (collapse.has('lifetime')) delete row.lifetime;
  if (collapse.has('filtered')) delete row.filtered;
  if (collapse.has('unhandled')) delete row.isUnhandled;
  // The project stream's spec types `annotations` as strings (the org stream's as objects).
  if (context.params['project'] !== undefined && row.annotations) {
    (row as { annotations: unknown }).annotations = row.annotations.map((a) => a.displayName);
  }
  return row as SentryIssue;
}

export function searchOptions(context: RequestContext, org: OrgData, projects: ProjectRecord[]) {
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
export function issueStream(
  context: RequestContext,
  org: OrgData,
  projects: ProjectRecord[],
  choice: SeriesChoice | null,
): Reply {
  const { query, data } = context;
  const raw = query.get('query') ?? '';
  if (raw.trim() !== '') {
    const hit = directHit(data, org, raw, query.get('shortIdLookup') === '1');
    if (hit) {
      const extra: Partial<SentryIssue> = hit.eventId ? { matchingEventId: hit.eventId } : {};
      return ok([streamRow(context, hit.issue, choice, extra)], { 'X-Sentry-Direct-Hit': '1' });
    }
  }
  const options = searchOptions(context, org, projects);
  const issues = searchIssues(data, org, options);
  const filtered = filteredCounter(data, org, options);
  const statsOf = new Set(query.getAll('collapse')).has('stats') ? null : choice;
  return paginateMapped(
    issues,
    context.page,
    (issue) => streamRow(context, issue, choice, { filtered: filtered(issue, statsOf) }),
    { param: 'limit', countHits: true },
  );
}

/** `group=1&group=2`: the issues among the selected projects, unpaginated; misses left out. */
export function groupLookup(context: RequestContext, org: OrgData): Reply {
  const raw = context.query.getAll('group');
  if (raw.some((id) => !/^\s*\d+\s*$/.test(id))) throw badRequest('Group ids must be integers');
  const projectIds = new Set(selectedProjects(context, org).map((project) => project.wire.id));
  const choice = seriesChoice(context, 'groupStatsPeriod');
  const seen = new Set<string>();
  const rows: SentryIssue[] = [];
  for (const id of raw.map((value) => value.trim())) {
    if (seen.has(id)) continue;
    seen.add(id);
    const issue = context.data.issuesById.get(id);
    if (issue && issue.org === org.slug && projectIds.has(issue.projectId)) {
      rows.push(streamRow(context, issue, choice));
    }
  }
  return ok(rows);
}

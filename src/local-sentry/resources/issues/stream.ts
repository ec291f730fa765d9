/**
 * The issue stream: search options from the request, rows as the stream serializes them, `group=`
 * lookups.
 */
import type { SentryIssue } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { optionalTimeRange } from '../../http/params.ts';
import { badRequest, ok, type Reply } from '../../http/reply.ts';
import { viewerUserId } from '../members/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { selectedProjects } from '../projects/request.ts';
import { filteredCounter } from './filtered.ts';
import type { IssueRecord } from './record.ts';
import { DEFAULT_ISSUE_QUERY, directHit, searchIssues } from './search.ts';
import type { StatsPeriod } from './stats.ts';
import { issueRow } from './wire.ts';

/** `groupStatsPeriod` (org stream) or `statsPeriod` (project stream) → the series to embed. */
export function statsPeriodOf(raw: string | null, fallback: StatsPeriod): StatsPeriod | '' {
  if (raw === null) return fallback;
  if (raw === '' || raw === '24h' || raw === '14d') return raw;
  if (raw === 'auto') return fallback;
  throw badRequest('Invalid groupStatsPeriod');
}

/** An issue row as the stream serializes it, honouring `collapse=`. */
export function streamRow(
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
  const options = searchOptions(context, org, projects);
  const issues = searchIssues(data, org, options);
  const filtered = filteredCounter(data, org, options);
  const statsOf = new Set(query.getAll('collapse')).has('stats') ? '' : period;
  return paginateMapped(
    issues,
    context.page,
    (issue) => streamRow(context, issue, period, { filtered: filtered(issue, statsOf) }),
    { param: 'limit', countHits: true },
  );
}

/** `group=1&group=2`: the issues among the selected projects, unpaginated; misses left out. */
export function groupLookup(context: RequestContext, org: OrgData): Reply {
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

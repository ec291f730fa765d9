/**
 * `GET /organizations/{org}/stats_v2/`: Sentry's outcomes query (`sentry.snuba.outcomes`
 * `QueryDefinition` and `get_constrained_date_range`) over the derived outcomes — its fields,
 * groupings, filters, hour-aligned range and 400s, worded as Sentry words them.
 */
import type { SentryOrgStats, SentryOrgStatsGroup } from '../../../sentry/types.ts';
import { DAY, HOUR, iso, parseDuration } from '../../data/time.ts';
import type { RequestContext } from '../../http/context.ts';
import { optionalTimeRange } from '../../http/params.ts';
import { badRequest } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import { type OutcomeRow, outcomesOf } from './outcomes.ts';

const FIELDS = {
  'sum(quantity)': (row: OutcomeRow) => row.quantity,
  'sum(times_seen)': (row: OutcomeRow) => row.timesSeen,
} as const;
type Field = keyof typeof FIELDS;

const GROUP_BY = ['outcome', 'category', 'reason', 'project'] as const;
type GroupBy = (typeof GROUP_BY)[number];

const CATEGORIES = [
  'error',
  'transaction',
  'attachment',
  'replay',
  'profile',
  'profile_duration',
  'profile_duration_ui',
  'profile_chunk',
  'profile_chunk_ui',
  'monitor',
  // Sentry rolls these into `error` when filtering by it.
  'default',
  'security',
];
const OUTCOMES = [
  'accepted',
  'filtered',
  'rate_limited',
  'invalid',
  'abuse',
  'client_discard',
  'cardinality_limited',
];
/** `sentry.snuba.outcomes`: a query may not return more points per series. */
const MAX_POINTS = 1000;
/** With neither `statsPeriod` nor `start`/`end`, Sentry reads `MAX_STATS_PERIOD`. */
const DEFAULT_PERIOD = 90 * DAY;

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

function parsed(context: RequestContext) {
  const { query } = context;
  const fields = query.getAll('field');
  if (fields.length === 0) throw badRequest('At least one "field" is required.');
  for (const field of fields) {
    if (!(field in FIELDS)) throw badRequest(`Invalid field: "${field}"`);
  }
  const groupBy = query.getAll('groupBy');
  for (const key of groupBy) {
    if (!isOneOf(GROUP_BY, key)) throw badRequest(`Invalid groupBy: "${key}"`);
  }
  const categories = query.getAll('category');
  for (const category of categories) {
    if (!isOneOf(CATEGORIES, category)) throw badRequest(`Invalid category: "${category}"`);
  }
  if (categories.includes('attachment') && categories.length > 1) {
    throw badRequest('if filtering by attachment no other category may be present');
  }
  const outcomes = query.getAll('outcome');
  for (const outcome of outcomes) {
    if (!isOneOf(OUTCOMES, outcome)) throw badRequest(`Invalid outcome: "${outcome}"`);
  }
  return {
    fields: [...new Set(fields)] as Field[],
    groupBy: [...new Set(groupBy)] as GroupBy[],
    categories: categories.includes('error') ? [...categories, 'default', 'security'] : categories,
    outcomes,
    reasons: query.getAll('reason'),
  };
}

/** Sentry's `get_constrained_date_range` at an allowed resolution of one hour. */
function constrainedRange(context: RequestContext) {
  const raw = context.query.get('interval') ?? '1h';
  // Sentry's parse_stats_period: a malformed interval reads as the default, one hour.
  // A bare number is seconds.
  const interval = /^\d+[smhdw]?$/.test(raw)
    ? (parseDuration(raw.replace(/\d$/, '$&s')) ?? HOUR)
    : HOUR;
  if (interval > DAY) throw badRequest('The interval has to be less than one day.');
  if (interval <= 0 || DAY % interval !== 0) {
    throw badRequest('The interval should divide one day without a remainder.');
  }
  if (interval % HOUR !== 0) {
    throw badRequest('The interval has to be a multiple of the minimum interval of one hour.');
  }
  const range = optionalTimeRange(context) ?? {
    start: context.data.now - DEFAULT_PERIOD,
    end: context.data.now,
  };
  // An explicit `end` is inclusive: Sentry adds a second before rounding.
  const end =
    range.end + (context.query.get('end') && !context.query.get('statsPeriod') ? 1000 : 0);
  // Sentry rounds the range up to whole intervals, and its end up to the next interval.
  const span = Math.ceil((end - range.start) / interval) * interval;
  if (span / interval > MAX_POINTS) {
    throw badRequest(
      'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    );
  }
  const roundedEnd = Math.ceil(end / interval) * interval;
  return { start: roundedEnd - span, end: roundedEnd, interval };
}

export function orgStatsV2(context: RequestContext): SentryOrgStats {
  const org = orgOf(context);
  const query = parsed(context);
  const { start, end, interval } = constrainedRange(context);
  const projects = new Set(selectedProjects(context, org).map((p) => p.wire.id));
  const intervals: string[] = [];
  for (let t = start; t < end; t += interval) intervals.push(iso(t).replace('.000Z', 'Z'));
  // Grouped by project, Sentry answers totals only ("does not support timeseries").
  const withSeries = !query.groupBy.includes('project');
  const groups = new Map<string, SentryOrgStatsGroup>();
  for (const row of outcomesOf(org, start, end)) {
    if (!projects.has(row.projectId)) continue;
    if (query.categories.length > 0 && !query.categories.includes(row.category)) continue;
    if (query.outcomes.length > 0 && !query.outcomes.includes(row.outcome)) continue;
    if (query.reasons.length > 0 && !query.reasons.includes(row.reason ?? '')) continue;
    const by: SentryOrgStatsGroup['by'] = {};
    for (const key of query.groupBy) {
      if (key === 'project') by.project = Number(row.projectId);
      else if (key === 'reason') by.reason = row.reason ?? 'none';
      else by[key] = row[key];
    }
    const groupKey = JSON.stringify(by);
    let group = groups.get(groupKey);
    if (!group) {
      group = { by, totals: {}, series: {} };
      for (const field of query.fields) {
        group.totals[field] = 0;
        if (withSeries) group.series[field] = intervals.map(() => 0);
      }
      groups.set(groupKey, group);
    }
    const index = Math.floor((row.timestamp - start) / interval);
    for (const field of query.fields) {
      const value = FIELDS[field](row);
      group.totals[field] = (group.totals[field] ?? 0) + value;
      const points = group.series[field];
      if (points) points[index] = (points[index] ?? 0) + value;
    }
  }
  return {
    start: iso(start).replace('.000Z', 'Z'),
    end: iso(end).replace('.000Z', 'Z'),
    intervals,
    // Sentry's order is Snuba's; sorted by the grouped values here, so it is stable.
    groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g),
  };
}

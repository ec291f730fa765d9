/**
 * Session arguments → Sentry's query parameters, checked against Sentry's own rules (interval,
 * range, points, groupings) so that what Sentry would refuse fails with BAD_USER_INPUT and no
 * request.
 */
import { checkVersion, splitKey } from '../../loaders/keys.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import type { SentrySessionField, SessionGroupBy } from './session-stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Sentry's sessions endpoint refuses longer series (`sessions_v2.MAX_POINTS`). */
const MAX_POINTS = 1000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: HOUR, d: DAY, w: 7 * DAY };

type GroupBy = (typeof SessionGroupBy)['$inferType'];

export interface SessionArgs {
  fields?: readonly SentrySessionField[] | null | undefined;
  groupBy?: readonly GroupBy[] | null | undefined;
  interval?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
  environments?: readonly string[] | null | undefined;
  projects?: readonly { id: string }[] | null | undefined;
  releases?: readonly string[] | null | undefined;
  orderBy?: { field: SentrySessionField; descending: boolean } | null | undefined;
}

const toMs = (period: string) => Number(period.slice(0, -1)) * (UNIT_MS[period.slice(-1)] ?? 0);

/** Sentry's query parameters for `args` and the points of each series. */
interface SessionRequest {
  params: Record<string, string | string[]>;
  points: number;
}

/** Plans the sessions call for `args`, or throws BAD_USER_INPUT where Sentry would answer 400. */
export function sessionRequest(
  org: string,
  args: SessionArgs,
  defaultFields: readonly SentrySessionField[] = [],
): SessionRequest {
  const fields = [...new Set(args.fields?.length ? args.fields : defaultFields)];
  if (fields.length === 0)
    throw badUserInput('Ask for at least one field.', { argument: 'fields' });
  const groupBy = [...new Set(args.groupBy ?? [])];
  if (groupBy.includes('session.status') && fields.some((field) => field.includes('crash'))) {
    throw badUserInput('Sentry cannot group crash rates by session status.', {
      argument: 'groupBy',
    });
  }
  const range = timeRange(args);
  // Hourly points up to a week, daily beyond: what a chart of that range wants.
  const intervalText = args.interval ?? (range.ms <= 7 * DAY ? '1h' : '1d');
  const interval = toMs(intervalText);
  if (interval < HOUR || interval > DAY || interval % HOUR !== 0 || DAY % interval !== 0) {
    throw badUserInput(
      'The interval must be whole hours from 1h to 1d that divide a day: 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d.',
      { argument: 'interval' },
    );
  }
  const points = range.points(interval);
  if (points > MAX_POINTS) {
    throw badUserInput(
      `That range at that interval has more than ${MAX_POINTS} points: use a larger interval or a shorter range.`,
      { argument: 'interval' },
    );
  }
  const projects = (args.projects ?? []).map(({ id }) => {
    const [projectOrg, projectId] = splitKey(id);
    if (projectOrg !== org) throw badUserInput(`Project ${id} is not in organization ${org}.`);
    return projectId;
  });
  const releases = (args.releases ?? []).map(
    (version) => `release:${JSON.stringify(checkVersion(version))}`,
  );
  if (args.orderBy && !fields.includes(args.orderBy.field)) {
    throw badUserInput('`orderBy.field` must be one of `fields`.', { argument: 'orderBy' });
  }
  const params = {
    field: fields,
    project: projects.length > 0 ? projects : ['-1'],
    interval: intervalText,
    ...range.params,
    ...(groupBy.length > 0 ? { groupBy } : {}),
    ...(args.environments?.length ? { environment: [...args.environments] } : {}),
    ...(releases.length > 0 ? { query: releases.join(' OR ') } : {}),
    ...(args.orderBy
      ? { orderBy: `${args.orderBy.descending ? '-' : ''}${args.orderBy.field}` }
      : {}),
  };
  return { params, points };
}

interface TimeRange {
  ms: number;
  params: Record<string, string>;
  /** Points of a series at `interval`: Sentry widens the range to whole intervals first. */
  points: (interval: number) => number;
}

function timeRange(args: SessionArgs): TimeRange {
  if (args.start != null || args.end != null) {
    if (args.statsPeriod != null) {
      throw badUserInput('Pass either `statsPeriod` or `start` and `end`, not both.', {
        argument: 'statsPeriod',
      });
    }
    if (args.start == null || args.end == null || args.start >= args.end) {
      throw badUserInput('Pass both `start` and `end`, with `start` before `end`.', {
        argument: args.start == null ? 'start' : 'end',
      });
    }
    const start = Date.parse(args.start);
    const end = Date.parse(args.end);
    return {
      ms: end - start,
      params: { start: args.start, end: args.end },
      points: (interval) =>
        (Math.ceil(end / interval) * interval - Math.floor(start / interval) * interval) / interval,
    };
  }
  const period = args.statsPeriod ?? '90d';
  const ms = toMs(period);
  // Counted back from Sentry's "now", which is rarely on an interval boundary: one more point.
  return {
    ms,
    params: { statsPeriod: period },
    points: (interval) => Math.ceil(ms / interval) + 1,
  };
}

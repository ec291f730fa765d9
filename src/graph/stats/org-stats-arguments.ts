/**
 * `Organization.stats` arguments → `stats_v2` parameters, checked against Sentry's own rules
 * (one-hour minimum interval dividing a day, at most 1000 points, one range) so that what
 * Sentry would refuse fails with BAD_USER_INPUT and no request.
 */
import { splitKey } from '../../loaders/keys.ts';
import type { OrgStatsParams, SentryStatsField, SentryStatsGroupBy } from '../../sentry/types.ts';
import { badUserInput } from '../schema-kit/errors.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** `sentry.snuba.outcomes`: the most points a series may have. */
const MAX_POINTS = 1000;
const UNIT_MS: Record<string, number> = { h: HOUR, d: DAY, w: 7 * DAY, m: 60_000, s: 1000 };
const toMs = (period: string) => Number(period.slice(0, -1)) * (UNIT_MS[period.slice(-1)] ?? 0);

export interface OrgStatsArgs {
  field: SentryStatsField;
  groupBy: readonly SentryStatsGroupBy[];
  category?: string | null | undefined;
  outcome?: string | null | undefined;
  reason?: string | null | undefined;
  interval?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
  projects?: readonly { id: string }[] | null | undefined;
}

/** The `stats_v2` parameters of `args`, or BAD_USER_INPUT where Sentry would answer 400. */
export function orgStatsParams(org: string, args: OrgStatsArgs): OrgStatsParams {
  const groupBy = [...new Set(args.groupBy)];
  if (groupBy.length === 0) {
    throw badUserInput('Group by at least one of OUTCOME, CATEGORY, REASON or PROJECT.', {
      argument: 'groupBy',
    });
  }
  const interval = args.interval ?? '1h';
  const intervalMs = /^[1-9][0-9]{0,3}[hd]$/.test(interval) ? toMs(interval) : 0;
  if (intervalMs < HOUR || intervalMs > DAY || DAY % intervalMs !== 0) {
    throw badUserInput(
      'The interval must be whole hours from 1h to 1d that divide a day: 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d.',
      { argument: 'interval' },
    );
  }
  let span: number;
  let range: Pick<OrgStatsParams, 'statsPeriod' | 'start' | 'end'>;
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
    span = Date.parse(args.end) - Date.parse(args.start);
    range = { start: args.start, end: args.end };
  } else {
    const period = args.statsPeriod ?? '14d';
    span = toMs(period);
    range = { statsPeriod: period };
  }
  // Sentry rounds the range up to whole intervals (an explicit `end` gains a second first).
  if (Math.ceil((span + (range.end ? 1000 : 0)) / intervalMs) > MAX_POINTS) {
    throw badUserInput(
      `That range at that interval has more than ${MAX_POINTS} points: use a larger interval or a shorter range.`,
      { argument: 'interval' },
    );
  }
  const project = (args.projects ?? []).map(({ id }) => {
    const [projectOrg, projectId] = splitKey(id);
    if (projectOrg !== org) {
      throw badUserInput(`Project ${id} is not in organization ${org}.`, { argument: 'projects' });
    }
    return projectId;
  });
  return {
    field: args.field,
    groupBy,
    interval,
    ...range,
    project: project.length > 0 ? project : ['-1'],
    ...(args.category ? { category: args.category } : {}),
    ...(args.outcome ? { outcome: args.outcome } : {}),
    ...(args.reason != null ? { reason: args.reason } : {}),
  };
}

/**
 * The legacy event-count series (`GET /organizations/{org}/stats/`, `/projects/…/stats/`,
 * `/teams/…/stats/`): `[[epochSeconds, count], …]` over Sentry's TSDB rollups, read as Sentry's
 * `StatsMixin._parse_args` reads `since`, `until` and `resolution`, counted from the outcomes
 * as Sentry's outcome-backed TSDB models count them.
 */
import type { RequestContext } from '../../http/context.ts';
import { badRequest } from '../../http/reply.ts';
import { FILTER_REASONS, type OutcomeRow } from './outcomes.ts';

const ROLLUPS: Record<string, number> = { '10s': 10, '1h': 3600, '1d': 86400 };
/** Sentry's TSDB rollups and how many samples each keeps (`SENTRY_TSDB_ROLLUPS`). */
const RETENTION: [rollup: number, samples: number][] = [
  [10, 360],
  [3600, 24 * 7],
  [86400, 90],
];
/**
 * Sentry's TSDB keeps only `samples` points per rollup and answers zeros before; here every
 * point is computed, so the series is capped instead of growing without bound.
 */
const MAX_POINTS = 10_000;

/** What a `stat` counts: received is everything but invalid (`outcome != INVALID`). */
const STATS: Record<string, (row: OutcomeRow) => boolean> = {
  received: (row) => row.outcome !== 'invalid',
  rejected: (row) => row.outcome === 'rate_limited',
  blacklisted: (row) => row.outcome === 'filtered',
  // TSDBModel.project: the events stored.
  generated: (row) => row.outcome === 'accepted',
};

/** The `stat` parameter among `allowed`; Sentry's own default is `received`. */
export function statOf(
  context: RequestContext,
  allowed: readonly string[],
  { filters = false } = {},
): (row: OutcomeRow) => boolean {
  const stat = context.query.get('stat') ?? 'received';
  const count = allowed.includes(stat) ? STATS[stat] : undefined;
  if (count) return count;
  // The project route also counts one inbound filter (`stat=browser-extensions`).
  if (filters && (FILTER_REASONS as readonly string[]).includes(stat)) {
    return (row) => row.outcome === 'filtered' && row.reason === stat;
  }
  // Sentry raises a bare ValueError here (a 500); a 400 says the same more usefully.
  throw badRequest(`Invalid stat: ${stat}`);
}

export interface SeriesWindow {
  /** Epoch seconds of the first bucket. */
  first: number;
  /** Epoch seconds of the last bucket (the one holding `until`). */
  last: number;
  rollup: number;
}

function seconds(context: RequestContext, name: string): number | undefined {
  const raw = context.query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw badRequest(`Invalid ${name}: ${raw}`);
  return value;
}

/** `since` (default: a day before `until`), `until` (default: now) and the rollup. */
export function seriesWindow(context: RequestContext): SeriesWindow {
  const now = context.data.now / 1000;
  const resolution = context.query.get('resolution');
  let rollup: number | undefined;
  if (resolution) {
    rollup = ROLLUPS[resolution];
    if (rollup === undefined) throw badRequest('Invalid resolution');
  }
  const until = seconds(context, 'until') ?? now;
  const since = seconds(context, 'since') ?? until - 86400 + 1;
  if (since > until) throw badRequest('start must be before or equal to end');
  // Sentry's get_optimal_rollup: the finest rollup whose retention reaches back to `since`.
  rollup ??= RETENTION.find(([step, samples]) => step * samples >= now - since)?.[0] ?? 86400;
  const first = Math.floor(since / rollup) * rollup;
  const last = Math.floor(until / rollup) * rollup;
  if ((last - first) / rollup + 1 > MAX_POINTS) {
    throw badRequest('Too many data points: use a coarser resolution or a shorter range');
  }
  return { first, last, rollup };
}

/** `[[ts, count], …]` of the rows `count` accepts, one point per bucket of the window. */
export function series(
  rows: readonly OutcomeRow[],
  window: SeriesWindow,
  count: (row: OutcomeRow) => boolean,
): [number, number][] {
  const { first, last, rollup } = window;
  const points: [number, number][] = [];
  for (let ts = first; ts <= last; ts += rollup) points.push([ts, 0]);
  for (const row of rows) {
    if (!count(row)) continue;
    const index = Math.floor((row.timestamp / 1000 - first) / rollup);
    const point = points[index];
    if (point) point[1] += row.quantity;
  }
  return points;
}

/** The window's ms bounds for `outcomesOf`: whole buckets. */
export const windowRange = (window: SeriesWindow): [start: number, end: number] => [
  window.first * 1000,
  (window.last + window.rollup) * 1000,
];

/** Issue stats series (`stats: {"24h": [[ts, count], ...]}`) counted from stored events. */
import type { SentryStatsSeries } from '../../../sentry/types.ts';
import { DAY, HOUR } from '../../data/time.ts';

/** Bucket count and width of each period Sentry's `groupStatsPeriod`/`statsPeriod` accepts. */
export const STATS_PERIODS = {
  '24h': { buckets: 24, rollup: HOUR },
  '14d': { buckets: 14, rollup: DAY },
  '30d': { buckets: 30, rollup: DAY },
} as const;

export type StatsPeriod = keyof typeof STATS_PERIODS;

/**
 * `[unix seconds of bucket start, events in bucket]`, oldest first, ending at `now` (or after
 * the newest event, when it is later).
 */
export function statsSeries(
  events: readonly { timestamp: number }[],
  now: number,
  period: StatsPeriod,
): SentryStatsSeries {
  const { buckets, rollup } = STATS_PERIODS[period];
  // Events SDKs sent are dated by the real clock, after the data's "now": then the series ends
  // with the bucket of the newest one, as Sentry's ends at the present. Seeded issues never are.
  let newest = Number.NEGATIVE_INFINITY;
  for (const { timestamp } of events) if (timestamp > newest) newest = timestamp;
  const end = newest > now ? Math.ceil((newest + 1) / rollup) * rollup : now;
  const start = end - buckets * rollup;
  const counts = new Array<number>(buckets).fill(0);
  for (const { timestamp } of events) {
    if (timestamp < start || timestamp >= end) continue;
    const bucket = Math.floor((timestamp - start) / rollup);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return counts.map((count, i): [number, number] => [(start + i * rollup) / 1000, count]);
}

/**
 * The series a stream row embeds, resolved once per request from `groupStatsPeriod`: its key in
 * `stats` and how to count it.
 */
export interface SeriesChoice {
  key: StatsPeriod | 'auto';
  series(events: readonly { timestamp: number }[]): SentryStatsSeries;
}

export function periodSeries(period: StatsPeriod, now: number): SeriesChoice {
  return { key: period, series: (events) => statsSeries(events, now, period) };
}

const SEGMENTS = 29;
const SEGMENTS_12H = 35;

/**
 * Sentry's bucket width for `groupStatsPeriod=auto` over a range of `total` ms (GroupStatsMixin):
 * about 30 buckets, in whole hours (1, 2, 3, 6, 12) or days once the range is long.
 */
export function autoRollup(total: number): number {
  if (total < DAY) return Math.max(1000, Math.floor(total / SEGMENTS / 1000) * 1000);
  for (const hours of [1, 2, 3, 6]) if (total < SEGMENTS * hours * HOUR) return hours * HOUR;
  if (total < SEGMENTS_12H * 12 * HOUR) return 12 * HOUR;
  if (total < SEGMENTS * DAY) return DAY;
  return Math.max(1, Math.round(total / (SEGMENTS * DAY))) * DAY;
}

/**
 * `groupStatsPeriod=auto`: the list's own time range (`statsPeriod` or `start`/`end`), in buckets
 * of {@link autoRollup} aligned to the rollup as Sentry's time series are, oldest first, keyed
 * `auto`.
 */
export function autoSeries(range: { start: number; end: number }): SeriesChoice {
  const rollup = autoRollup(range.end - range.start);
  const first = Math.floor(range.start / rollup) * rollup;
  const buckets = Math.max(1, Math.ceil((range.end - first) / rollup));
  return {
    key: 'auto',
    series(events) {
      const counts = new Array<number>(buckets).fill(0);
      for (const { timestamp } of events) {
        if (timestamp < range.start || timestamp > range.end) continue;
        const bucket = Math.min(buckets - 1, Math.floor((timestamp - first) / rollup));
        counts[bucket] = (counts[bucket] ?? 0) + 1;
      }
      return counts.map((count, i): [number, number] => [(first + i * rollup) / 1000, count]);
    },
  };
}

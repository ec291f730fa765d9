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

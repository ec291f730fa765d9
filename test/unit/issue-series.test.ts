/**
 * Issue series: Sentry's bucket widths for `groupStatsPeriod=auto` (GroupStatsMixin), and which
 * series a list asks for and which ones then cost the detail body.
 */
import { describe, expect, it } from 'vitest';
import {
  type IssueSeriesKey,
  planIssueSeries,
  seriesKeyOf,
  seriesNeedsDetail,
} from '../../src/graph/schema-kit/issue-series.ts';
import { autoRollup, autoSeries } from '../../src/local-sentry/resources/issues/stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('groupStatsPeriod=auto', () => {
  it('picks whole hours, then days, for about 30 buckets, as Sentry does', () => {
    expect(autoRollup(12 * HOUR)).toBe(Math.floor((12 * HOUR) / 29 / 1000) * 1000);
    expect(autoRollup(DAY)).toBe(HOUR);
    expect(autoRollup(28 * HOUR)).toBe(HOUR);
    expect(autoRollup(29 * HOUR)).toBe(2 * HOUR);
    expect(autoRollup(3 * DAY)).toBe(3 * HOUR);
    expect(autoRollup(7 * DAY)).toBe(6 * HOUR);
    expect(autoRollup(14 * DAY)).toBe(12 * HOUR);
    expect(autoRollup(28 * DAY)).toBe(DAY);
    expect(autoRollup(90 * DAY)).toBe(3 * DAY);
  });

  it('counts the events of the range into aligned buckets, oldest first', () => {
    const end = Date.UTC(2026, 0, 8);
    const choice = autoSeries({ start: end - 7 * DAY, end });
    const series = choice.series([
      { timestamp: end - 1 },
      { timestamp: end - 2 * HOUR },
      { timestamp: end - 7 * DAY },
      { timestamp: end - 8 * DAY },
    ]);
    expect(choice.key).toBe('auto');
    expect(series).toHaveLength(28);
    expect(series[0]?.[0]).toBe((end - 7 * DAY) / 1000);
    expect(series[1]?.[0] ?? 0).toBe((end - 7 * DAY + 6 * HOUR) / 1000);
    expect(series.map(([, count]) => count).reduce((a, b) => a + b)).toBe(3);
    expect(series.at(-1)?.[1]).toBe(2);
  });
});

describe('which series a list carries', () => {
  const set = (...keys: IssueSeriesKey[]) => new Set(keys);

  it('asks for AUTO, else TWO_WEEKS, else DAY; lookups never for AUTO', () => {
    expect(planIssueSeries(set())).toEqual({ list: '24h', lookup: '24h' });
    expect(planIssueSeries(set('24h', '30d'))).toEqual({ list: '24h', lookup: '24h' });
    expect(planIssueSeries(set('14d', '24h'))).toEqual({ list: '14d', lookup: '14d' });
    expect(planIssueSeries(set('auto', '14d'))).toEqual({ list: 'auto', lookup: '14d' });
  });

  it('prices from the detail MONTH and whatever the rows do not carry', () => {
    expect(seriesNeedsDetail('30d', set('30d'))).toBe(true);
    expect(seriesNeedsDetail('24h', set('24h', '30d'))).toBe(false);
    expect(seriesNeedsDetail('24h', set('24h', '14d'))).toBe(true);
    expect(seriesNeedsDetail('14d', set('24h', '14d'))).toBe(false);
    expect(seriesNeedsDetail('14d', set('14d', 'auto'))).toBe(true);
    expect(seriesNeedsDetail('auto', set('auto', '24h'))).toBe(false);
  });

  it('reads enum names and values alike', () => {
    expect(seriesKeyOf('TWO_WEEKS')).toBe('14d');
    expect(seriesKeyOf('14d')).toBe('14d');
    expect(seriesKeyOf('AUTO')).toBe('auto');
    expect(seriesKeyOf(undefined)).toBe('24h');
  });
});

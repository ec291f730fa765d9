/**
 * Monitor schedules: Sentry's validation of crontab and interval schedules, and the next
 * expected check-in after a moment. Crontabs are matched in UTC (the monitor's `timezone` is
 * stored and echoed but does not shift the local Sentry's expectations).
 */
import type { SentryIntervalUnit } from '../../../sentry/types.ts';

export const INTERVAL_UNITS: Record<SentryIntervalUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

// Sentry accepts the non-standard nicknames and stores their crontab form.
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const NAMES: Record<number, string[]> = {
  3: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  4: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/** A parsed crontab: the allowed values of minute, hour, day of month, month, day of week. */
export type Crontab = [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

function value(raw: string, field: number): number | undefined {
  const names = NAMES[field];
  const named = names?.indexOf(raw.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field === 3 ? 1 : 0);
  return /^\d{1,2}$/.test(raw) ? Number(raw) : undefined;
}

function parseField(raw: string, field: number): Set<number> | undefined {
  const [min, max] = RANGES[field] as [number, number];
  const values = new Set<number>();
  for (const part of raw.split(',')) {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(part);
    if (!match) return undefined;
    const [, span = '', stepRaw] = match;
    const step = stepRaw === undefined ? 1 : Number(stepRaw);
    let from = min;
    let to = max;
    if (span !== '*') {
      const [a = '', b] = span.split('-');
      const first = value(a, field);
      const last = b === undefined ? (stepRaw === undefined ? first : max) : value(b, field);
      if (first === undefined || last === undefined) return undefined;
      from = first;
      to = last;
    }
    if (step < 1 || from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(field === 4 && v === 7 ? 0 : v);
  }
  return values;
}

/** The crontab's canonical text (nicknames expanded), or undefined when Sentry would refuse it. */
export function normalizeCrontab(raw: string): string | undefined {
  const text = NICKNAMES[raw.trim().toLowerCase()] ?? raw.trim().replace(/\s+/g, ' ');
  return parseCrontab(text) ? text : undefined;
}

export function parseCrontab(text: string): Crontab | undefined {
  const parts = text.split(' ');
  if (parts.length !== 5) return undefined;
  const fields = parts.map((part, i) => parseField(part, i));
  if (fields.some((field) => field === undefined)) return undefined;
  return fields as Crontab;
}

/** Cron's rule: with both day fields restricted, either may match. */
function dayMatches(days: Set<number>, weekdays: Set<number>, date: Date): boolean {
  const dom = days.has(date.getUTCDate());
  const dow = weekdays.has(date.getUTCDay());
  return days.size < 31 && weekdays.size < 7 ? dom || dow : dom && dow;
}

/** The first minute strictly after `after` (ms) that the crontab matches (UTC). */
export function nextCronRun(crontab: Crontab, after: number): number {
  const [minutes, hours, days, months, weekdays] = crontab;
  const date = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // A year of days bounds the search; every valid crontab matches within four.
  for (let guard = 0; guard < 4 * 366 * 24 * 60; guard++) {
    if (!months.has(date.getUTCMonth() + 1)) {
      date.setUTCMonth(date.getUTCMonth() + 1, 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(days, weekdays, date)) {
      date.setUTCDate(date.getUTCDate() + 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!hours.has(date.getUTCHours())) {
      date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
    } else if (!minutes.has(date.getUTCMinutes())) {
      date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
    } else {
      return date.getTime();
    }
  }
  return after + INTERVAL_UNITS.day;
}

/** When a check-in is next expected after one at `after` (ms). */
export function nextExpected(
  schedule: string | [number, SentryIntervalUnit],
  after: number,
): number {
  if (typeof schedule !== 'string') return after + schedule[0] * INTERVAL_UNITS[schedule[1]];
  const crontab = parseCrontab(schedule);
  return crontab ? nextCronRun(crontab, after) : after + INTERVAL_UNITS.day;
}

export const TIME_ZONES: ReadonlySet<string> = new Set([
  'UTC',
  'Etc/UTC',
  'GMT',
  ...Intl.supportedValuesOf('timeZone'),
]);

/** Time helpers shared by the generator, the wire bodies, the searches and the routes. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** ISO string of a ms timestamp. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Milliseconds per unit of Sentry's durations (`90s`, `30m`, `24h`, `14d`, `2w`). */
export const DURATION_UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: HOUR,
  d: DAY,
  w: 7 * DAY,
};

/** Parses `24h`, `14d`, `30m`, `2w`, `90s` to milliseconds; undefined when malformed. */
export function parseDuration(raw: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(raw.trim());
  if (!match) return undefined;
  return Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? 0);
}

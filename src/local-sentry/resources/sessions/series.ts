/**
 * The synthetic release-health numbers: each (project, release, environment) cell has a session
 * rate from a hash of the data's seed, shaped by a daily curve, and split into healthy / errored /
 * crashed / abnormal by fixed per-cell shares.
 */
import type { OrgData } from '../../data/model.ts';
import { hashUnit } from '../../data/random.ts';
import { DAY, HOUR } from '../../data/time.ts';
import type { ProjectRecord } from '../projects/record.ts';

/** Sentry refuses longer series (`sessions_v2.MAX_POINTS`, counted on the aligned range). */
export const MAX_POINTS = 1000;
export const STATUSES = ['healthy', 'abnormal', 'crashed', 'errored'] as const;
export type Status = (typeof STATUSES)[number];
export const GROUP_BYS = ['project', 'release', 'environment', 'session.status'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** One (project, release, environment) combination with its synthetic shape. */
export interface Cell {
  project: ProjectRecord;
  release: string;
  environment: string;
  /** Sessions per hour at the daily peak. */
  rate: number;
  /** First hour with sessions (the release's creation). */
  since: number;
  share: Record<Status, number>;
  usersPerSession: number;
  /** Median session duration in seconds. */
  duration: number;
}

export interface Accumulator {
  sessions: Record<Status, number>;
  users: Record<Status, number>;
  /** Session-weighted sum of per-cell median durations. */
  durationWeighted: number;
  durationMax: number;
}

export const emptyAccumulator = (): Accumulator => ({
  sessions: { healthy: 0, abnormal: 0, crashed: 0, errored: 0 },
  users: { healthy: 0, abnormal: 0, crashed: 0, errored: 0 },
  durationWeighted: 0,
  durationMax: 0,
});

export function cellsOf(org: OrgData, projects: ProjectRecord[], seed: number): Cell[] {
  const cells: Cell[] = [];
  const environments = org.environments.length > 0 ? org.environments : ['production'];
  for (const project of projects) {
    const releases = org.releases.filter((r) => r.projectIds.includes(project.wire.id));
    for (const release of releases) {
      const created = Date.parse(release.wire.dateReleased ?? release.wire.dateCreated ?? '');
      for (const environment of environments) {
        const h = (salt: string) =>
          hashUnit(seed, project.wire.id, release.wire.version, environment, salt);
        const crashed = 0.002 + h('crashed') * 0.02;
        const errored = 0.01 + h('errored') * 0.05;
        const abnormal = h('abnormal') * 0.002;
        cells.push({
          project,
          release: release.wire.version,
          environment,
          rate: Math.round(5 + h('rate') * (environment === 'production' ? 400 : 40)),
          since: Number.isNaN(created) ? 0 : Math.floor(created / HOUR) * HOUR,
          share: { healthy: 1 - crashed - errored - abnormal, abnormal, crashed, errored },
          usersPerSession: 0.2 + h('users') * 0.5,
          duration: 30 + h('duration') * 600,
        });
      }
    }
  }
  return cells;
}

/** The daily curve: share of the peak rate in each hour of the day (UTC). */
export const CURVE = Array.from(
  { length: 24 },
  (_, hourOfDay) => 0.55 + 0.45 * Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI),
);

/** Per-cell day factors (days differ by up to ±25%), memoized: hashing is the costly part. */
export const dayFactors = new WeakMap<Cell, Map<number, number>>();

/** Sessions of a cell in the hour starting at `hour` (a daily curve, deterministic). */
export function hourly(cell: Cell, hour: number): number {
  if (hour < cell.since) return 0;
  const day = Math.floor(hour / DAY);
  let factors = dayFactors.get(cell);
  if (!factors) {
    factors = new Map();
    dayFactors.set(cell, factors);
  }
  let factor = factors.get(day);
  if (factor === undefined) {
    factor = 0.75 + 0.5 * hashUnit(cell.rate, cell.release, day);
    factors.set(day, factor);
  }
  return Math.round(cell.rate * (CURVE[(hour / HOUR) % 24] ?? 1) * factor);
}

export const FIELD_RE =
  /^(?:sum\(session\)|count_unique\(user\)|(?:avg|p50|p75|p90|p95|p99|max)\(session\.duration\)|(?:crash_rate|crash_free_rate)\((?:session|user)\))$/;

export function fieldValue(
  field: string,
  acc: Accumulator,
  statuses: readonly Status[],
): number | null {
  const sum = (rec: Record<Status, number>) => statuses.reduce((n, s) => n + rec[s], 0);
  if (field === 'sum(session)') return sum(acc.sessions);
  if (field === 'count_unique(user)') return sum(acc.users);
  const rate = /^(crash_rate|crash_free_rate)\((session|user)\)$/.exec(field);
  if (rate) {
    const record = rate[2] === 'user' ? acc.users : acc.sessions;
    const total = sum(record);
    if (total === 0) return null;
    const crashRate = record.crashed / total;
    return Number((rate[1] === 'crash_rate' ? crashRate : 1 - crashRate).toFixed(6));
  }
  const fn = /^(\w+)\(session\.duration\)$/.exec(field)?.[1];
  const sessions = sum(acc.sessions);
  if (!fn || sessions === 0) return null;
  const median = acc.durationWeighted / sessions;
  const factor: Record<string, number> = {
    avg: 1.15,
    p50: 1,
    p75: 1.6,
    p90: 2.4,
    p95: 3.1,
    p99: 5.2,
  };
  if (fn === 'max') return Number((acc.durationMax * 12).toFixed(3));
  return Number((median * (factor[fn] ?? 1)).toFixed(3));
}

/** `release:"a" OR release:b environment:x` → allowed values per key. */
export function parseSessionQuery(raw: string): { releases: string[]; environments: string[] } {
  const releases: string[] = [];
  const environments: string[] = [];
  for (const match of raw.matchAll(/(release|environment):(?:"([^"]*)"|(\S+))/g)) {
    const value = match[2] ?? match[3] ?? '';
    (match[1] === 'release' ? releases : environments).push(value);
  }
  return { releases, environments };
}

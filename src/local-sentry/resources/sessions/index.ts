/**
 * `GET /api/0/organizations/{org}/sessions/`: release-health time series (seed 000). The
 * numbers are synthetic but deterministic: each (project, release, environment) cell has a
 * session rate from a hash of the data's seed, shaped by a daily curve, and split into
 * healthy / errored / crashed / abnormal by fixed per-cell shares.
 */
import type { OrgData } from '../../data/model.ts';
import { DAY, HOUR, iso, parseDuration } from '../../data/time.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { hashUnit, ORG_READ, orgOf, selectedProjects } from '../../http/params.ts';
import { badRequest, ok, type Reply } from '../../http/reply.ts';
import type { ProjectRecord } from '../projects/record.ts';

/** Sentry refuses longer series (`sessions_v2.MAX_POINTS`, counted on the aligned range). */
const MAX_POINTS = 1000;
const STATUSES = ['healthy', 'abnormal', 'crashed', 'errored'] as const;
type Status = (typeof STATUSES)[number];
const GROUP_BYS = ['project', 'release', 'environment', 'session.status'] as const;
type GroupBy = (typeof GROUP_BYS)[number];

/** One (project, release, environment) combination with its synthetic shape. */
interface Cell {
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

interface Accumulator {
  sessions: Record<Status, number>;
  users: Record<Status, number>;
  /** Session-weighted sum of per-cell median durations. */
  durationWeighted: number;
  durationMax: number;
}

const emptyAccumulator = (): Accumulator => ({
  sessions: { healthy: 0, abnormal: 0, crashed: 0, errored: 0 },
  users: { healthy: 0, abnormal: 0, crashed: 0, errored: 0 },
  durationWeighted: 0,
  durationMax: 0,
});

function cellsOf(org: OrgData, projects: ProjectRecord[], seed: number): Cell[] {
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
const CURVE = Array.from(
  { length: 24 },
  (_, hourOfDay) => 0.55 + 0.45 * Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI),
);

/** Per-cell day factors (days differ by up to ±25%), memoized: hashing is the costly part. */
const dayFactors = new WeakMap<Cell, Map<number, number>>();

/** Sessions of a cell in the hour starting at `hour` (a daily curve, deterministic). */
function hourly(cell: Cell, hour: number): number {
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

const FIELD_RE =
  /^(?:sum\(session\)|count_unique\(user\)|(?:avg|p50|p75|p90|p95|p99|max)\(session\.duration\)|(?:crash_rate|crash_free_rate)\((?:session|user)\))$/;

function fieldValue(field: string, acc: Accumulator, statuses: readonly Status[]): number | null {
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
function parseSessionQuery(raw: string): { releases: string[]; environments: string[] } {
  const releases: string[] = [];
  const environments: string[] = [];
  for (const match of raw.matchAll(/(release|environment):(?:"([^"]*)"|(\S+))/g)) {
    const value = match[2] ?? match[3] ?? '';
    (match[1] === 'release' ? releases : environments).push(value);
  }
  return { releases, environments };
}

function sessions(context: RequestContext): Reply {
  const { query, data } = context;
  const org = orgOf(context);
  const fields = query.getAll('field');
  if (fields.length === 0) throw badRequest('Request is missing a "field"');
  for (const field of fields) {
    if (!FIELD_RE.test(field)) throw badRequest(`Invalid field: "${field}"`);
  }
  const groupBy = query.getAll('groupBy');
  for (const key of groupBy) {
    if (!GROUP_BYS.includes(key as GroupBy)) throw badRequest(`Invalid groupBy: "${key}"`);
  }
  if (groupBy.includes('session.status') && fields.some((f) => f.includes('crash'))) {
    throw badRequest('Cannot group field crash_rate by session.status');
  }
  const interval = parseDuration(query.get('interval') || '1h');
  if (interval === undefined) throw badRequest('Invalid interval');
  if (interval > DAY) throw badRequest('The interval has to be less than one day.');
  if (interval % HOUR !== 0) {
    throw badRequest('The interval has to be a multiple of the minimum interval of one hour.');
  }
  if (DAY % interval !== 0) {
    throw badRequest('The interval should divide one day without a remainder.');
  }

  let rangeStart: number;
  let rangeEnd: number;
  const start = query.get('start');
  const end = query.get('end');
  if (start !== null || end !== null) {
    rangeStart = Date.parse(start ?? '');
    rangeEnd = Date.parse(end ?? '');
    if (Number.isNaN(rangeStart) || Number.isNaN(rangeEnd) || rangeStart > rangeEnd) {
      throw badRequest('start and end must be ISO-8601 datetimes, start before end');
    }
  } else {
    const period = parseDuration(query.get('statsPeriod') || '90d');
    if (period === undefined) throw badRequest('Invalid statsPeriod');
    rangeEnd = data.now;
    rangeStart = data.now - period;
  }
  // Sentry rounds the range out to whole intervals.
  const alignedEnd = Math.ceil(rangeEnd / interval) * interval;
  const alignedStart = Math.floor(rangeStart / interval) * interval;
  const points = Math.max(1, (alignedEnd - alignedStart) / interval);
  if (points > MAX_POINTS) {
    throw badRequest(
      'Your interval and date range would create too many results. Use a larger interval, or a smaller date range.',
    );
  }
  const intervals = Array.from({ length: points }, (_, i) => alignedStart + i * interval);

  const filter = parseSessionQuery(query.get('query') ?? '');
  const environments = new Set([...query.getAll('environment'), ...filter.environments]);
  const cells = cellsOf(org, selectedProjects(context, org), data.seed).filter(
    (cell) =>
      (environments.size === 0 || environments.has(cell.environment)) &&
      (filter.releases.length === 0 || filter.releases.includes(cell.release)),
  );

  const groupsByKey = new Map<string, { by: Record<string, string | number>; cells: Cell[] }>();
  const statusGroups: readonly (readonly Status[])[] = groupBy.includes('session.status')
    ? STATUSES.map((s) => [s])
    : [STATUSES];
  for (const cell of cells) {
    const by: Record<string, string | number> = {};
    for (const key of groupBy) {
      if (key === 'project') by['project'] = Number(cell.project.wire.id);
      if (key === 'release') by['release'] = cell.release;
      if (key === 'environment') by['environment'] = cell.environment;
    }
    const key = JSON.stringify(by);
    const group = groupsByKey.get(key) ?? { by, cells: [] };
    group.cells.push(cell);
    groupsByKey.set(key, group);
  }
  if (groupBy.filter((g) => g !== 'session.status').length === 0 && groupsByKey.size === 0) {
    groupsByKey.set('{}', { by: {}, cells: [] });
  }

  const groups = [...groupsByKey.values()].flatMap(({ by, cells: groupCells }) => {
    const perInterval = intervals.map(() => emptyAccumulator());
    const total = emptyAccumulator();
    for (const cell of groupCells) {
      intervals.forEach((intervalStart, index) => {
        const acc = perInterval[index];
        if (!acc) return;
        let count = 0;
        for (let hour = intervalStart; hour < intervalStart + interval; hour += HOUR) {
          if (hour <= data.now) count += hourly(cell, hour);
        }
        if (count === 0) return;
        for (const status of STATUSES) {
          const n = Math.round(count * cell.share[status]);
          const users = Math.round(n * cell.usersPerSession);
          acc.sessions[status] += n;
          acc.users[status] += users;
          total.sessions[status] += n;
          total.users[status] += users;
        }
        acc.durationWeighted += count * cell.duration;
        acc.durationMax = Math.max(acc.durationMax, cell.duration);
        total.durationWeighted += count * cell.duration;
        total.durationMax = Math.max(total.durationMax, cell.duration);
      });
    }
    return statusGroups.map((statuses) => ({
      by:
        statuses.length === 1 && statuses[0] !== undefined
          ? { ...by, 'session.status': statuses[0] }
          : by,
      totals: Object.fromEntries(fields.map((f) => [f, fieldValue(f, total, statuses)])),
      series: Object.fromEntries(
        fields.map((f) => [f, perInterval.map((acc) => fieldValue(f, acc, statuses) ?? 0)]),
      ),
    }));
  });

  const orderBy = query.get('orderBy');
  if (orderBy) {
    const field = orderBy.replace(/^-/, '');
    if (!fields.includes(field)) {
      throw badRequest('"orderBy" needs to be one of the fields in "field"');
    }
    const sign = orderBy.startsWith('-') ? -1 : 1;
    groups.sort((a, b) => sign * ((a.totals[field] ?? 0) - (b.totals[field] ?? 0)));
  }

  return ok({
    start: iso(alignedStart),
    end: iso(alignedEnd),
    intervals: intervals.map(iso),
    groups,
    query: query.get('query') ?? '',
  });
}

export const sessionRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/sessions/', ORG_READ, sessions),
];

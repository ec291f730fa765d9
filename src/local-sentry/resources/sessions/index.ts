/**
 * Sessions: `GET /api/0/organizations/{org}/sessions/`, the release-health time series. The
 * numbers are synthetic but deterministic (`series.ts`). This folder owns them.
 */
import { DAY, HOUR, iso, parseDuration } from '../../data/time.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { badRequest, ok, type Reply } from '../../http/reply.ts';
import { ORG_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import { type IngestedSessions, ingestedSessions, latestIngestedSession } from './ingested.ts';
import {
  type Accumulator,
  type Cell,
  cellsOf,
  emptyAccumulator,
  FIELD_RE,
  fieldValue,
  GROUP_BYS,
  type GroupBy,
  hourly,
  MAX_POINTS,
  parseSessionQuery,
  STATUSES,
  type Status,
} from './series.ts';

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
    // Counted back from the data's "now", or from the newest session an SDK sent when later.
    rangeEnd = Math.max(data.now, latestIngestedSession(org) + 1);
    rangeStart = rangeEnd - period;
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
  const projects = selectedProjects(context, org);
  const wanted = (release: string, environment: string) =>
    (environments.size === 0 || environments.has(environment)) &&
    (filter.releases.length === 0 || filter.releases.includes(release));
  const cells = cellsOf(org, projects, data.seed).filter((cell) =>
    wanted(cell.release, cell.environment),
  );
  const projectIds = new Set(projects.map((project) => project.wire.id));
  const sent = ingestedSessions(org).filter(
    (session) => projectIds.has(session.projectId) && wanted(session.release, session.environment),
  );

  const groupsByKey = new Map<
    string,
    { by: Record<string, string | number>; cells: Cell[]; sent: IngestedSessions[] }
  >();
  const statusGroups: readonly (readonly Status[])[] = groupBy.includes('session.status')
    ? STATUSES.map((s) => [s])
    : [STATUSES];
  const groupOf = (projectId: string, release: string, environment: string) => {
    const by: Record<string, string | number> = {};
    for (const key of groupBy) {
      if (key === 'project') by['project'] = Number(projectId);
      if (key === 'release') by['release'] = release;
      if (key === 'environment') by['environment'] = environment;
    }
    const key = JSON.stringify(by);
    const group = groupsByKey.get(key) ?? { by, cells: [], sent: [] };
    groupsByKey.set(key, group);
    return group;
  };
  for (const cell of cells) {
    groupOf(cell.project.wire.id, cell.release, cell.environment).cells.push(cell);
  }
  for (const session of sent) {
    groupOf(session.projectId, session.release, session.environment).sent.push(session);
  }
  if (groupBy.filter((g) => g !== 'session.status').length === 0 && groupsByKey.size === 0) {
    groupsByKey.set('{}', { by: {}, cells: [], sent: [] });
  }

  const groups = [...groupsByKey.values()].flatMap(({ by, cells: groupCells, sent: groupSent }) => {
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
    addIngested(groupSent, intervals, interval, perInterval, total);
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

/**
 * Adds the sessions SDKs sent to a group's accumulators: their counts in the interval they
 * started in, one user per distinct id and status, durations weighted by count.
 */
function addIngested(
  sessions: readonly IngestedSessions[],
  intervals: readonly number[],
  interval: number,
  perInterval: Accumulator[],
  total: Accumulator,
): void {
  const seenUsers = new Map<Accumulator, Set<string>>();
  const add = (acc: Accumulator, session: IngestedSessions) => {
    let seen = seenUsers.get(acc);
    if (!seen) {
      seen = new Set();
      seenUsers.set(acc, seen);
    }
    let count = 0;
    for (const status of STATUSES) {
      const n = session.counts[status];
      if (n === 0) continue;
      count += n;
      acc.sessions[status] += n;
      if (session.did !== null && !seen.has(`${status}:${session.did}`)) {
        seen.add(`${status}:${session.did}`);
        acc.users[status] += 1;
      }
    }
    if (session.duration !== null) {
      acc.durationWeighted += count * session.duration;
      acc.durationMax = Math.max(acc.durationMax, session.duration);
    }
  };
  const first = intervals[0] ?? 0;
  for (const session of sessions) {
    const index = Math.floor((session.started - first) / interval);
    const acc = perInterval[index];
    if (!acc) continue;
    add(acc, session);
    add(total, session);
  }
}

export const sessionRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/sessions/', ORG_READ, sessions),
];

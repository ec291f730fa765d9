/**
 * Monitor bodies as Sentry serializes them: the stored fields, the project's base serializer,
 * and each environment's health as its check-in history implies.
 */
import type {
  SentryCheckIn,
  SentryMonitor,
  SentryMonitorEnvironment,
  SentryProjectBase,
} from '../../../sentry/types.ts';
import type { LocalData } from '../../data/model.ts';
import { projectOfRecord } from '../../data/store.ts';
import { iso } from '../../data/time.ts';
import type { MonitorEnvironmentRecord, MonitorRecord } from './record.ts';
import { nextExpected } from './schedule.ts';

const FINISHED_STATUS: Record<string, string> = {
  ok: 'ok',
  error: 'error',
  missed: 'missed_checkin',
  timeout: 'timeout',
};

/** The environment's status: that of its newest finished check-in (`active` before any). */
export function environmentStatus(checkIns: readonly SentryCheckIn[]): string {
  const finished = checkIns.find((checkIn) => checkIn.status in FINISHED_STATUS);
  return finished ? (FINISHED_STATUS[finished.status] ?? 'active') : 'active';
}

function environmentBody(
  monitor: MonitorRecord,
  environment: MonitorEnvironmentRecord,
): SentryMonitorEnvironment {
  const checkIns = monitor.checkIns.filter((checkIn) => checkIn.environment === environment.name);
  const last = checkIns[0];
  const lastAt = last ? Date.parse(last.dateCreated) : undefined;
  const next =
    lastAt === undefined ? undefined : nextExpected(monitor.wire.config.schedule, lastAt);
  const margin = (monitor.wire.config.checkin_margin ?? 1) * 60_000;
  const status = environmentStatus(checkIns);
  const failing = status !== 'ok' && status !== 'active';
  return {
    name: environment.name,
    status,
    isMuted: environment.isMuted || monitor.wire.isMuted,
    dateCreated: environment.dateCreated,
    lastCheckIn: last ? last.dateCreated : null,
    nextCheckIn: next === undefined ? null : iso(next),
    nextCheckInLatest: next === undefined ? null : iso(next + margin),
    activeIncident:
      failing && last
        ? {
            startingTimestamp: last.dateCreated,
            resolvingTimestamp: last.dateCreated,
            brokenNotice: null,
          }
        : null,
  };
}

/** Sentry's base project serializer: the list row without its list-only fields. */
function projectBase(data: LocalData, monitor: MonitorRecord): SentryProjectBase {
  const {
    team: _team,
    teams: _teams,
    platforms: _platforms,
    hasUserReports: _hasUserReports,
    environments: _environments,
    latestRelease: _latestRelease,
    latestDeploys: _latestDeploys,
    options: _options,
    ...base
  } = projectOfRecord(data, monitor).wire;
  return { ...base, hasMonitors: true };
}

/**
 * The monitor body; `environments` (the `environment=` filter) limits which environments it
 * shows. A list, as Sentry sends it (the spec's serializer hint types it as one object).
 */
export function monitorBody(
  data: LocalData,
  monitor: MonitorRecord,
  environments: readonly string[] = [],
): SentryMonitor {
  const shown = monitor.environments.filter(
    (environment) => environments.length === 0 || environments.includes(environment.name),
  );
  return {
    ...monitor.wire,
    config: { ...monitor.wire.config },
    project: projectBase(data, monitor),
    environments: shown.map((environment) => environmentBody(monitor, environment)),
  };
}

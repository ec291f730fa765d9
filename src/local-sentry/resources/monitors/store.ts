/** Monitors and check-ins: creating, changing and deleting them, keeping lists consistent. */
import type { SentryCheckIn, SentryMonitorConfig } from '../../../sentry/types.ts';
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { nowIso } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { MonitorRecord } from './record.ts';
import type { CheckInInput, ConfigInput, MonitorInput } from './request.ts';

/** A UUID drawn from the seed and `parts`: stable across runs, distinct per record. */
export function uuidOf(seed: number, ...parts: (string | number)[]): string {
  const hex = new Random(hash32(seed, 'uuid', ...parts)).hex(32);
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${'89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4]}${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

export function fullConfig(config: ConfigInput): SentryMonitorConfig {
  return {
    schedule_type: config.schedule_type ?? 'crontab',
    schedule: config.schedule ?? '0 0 * * *',
    checkin_margin: config.checkin_margin ?? null,
    max_runtime: config.max_runtime ?? null,
    timezone: config.timezone ?? 'UTC',
    failure_issue_threshold: config.failure_issue_threshold ?? null,
    recovery_threshold: config.recovery_threshold ?? null,
    alert_rule_id: null,
  };
}

/** Sentry's `slugify` of a monitor name. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-')
    .slice(0, 50);
  return slug === '' || /^\d+$/.test(slug) ? `monitor-${slug}` : slug;
}

/**
 * The owner a new monitor gets: the project's first team. The spec types `owner` as a required
 * object; Sentry itself leaves it null until one is set.
 */
function defaultOwner(org: OrgData, project: ProjectRecord): MonitorRecord['wire']['owner'] {
  const team = org.teamsBySlug.get(project.teamSlugs[0] ?? '') ?? org.teams[0];
  return team ? { type: 'team', id: team.wire.id, name: team.wire.slug } : null;
}

function checkSlugFree(org: OrgData, slug: string, except?: MonitorRecord): void {
  if (org.monitors.some((m) => m !== except && m.wire.slug === slug)) {
    throw new StoreError(`The slug "${slug}" is already in use.`, 'slug');
  }
}

export function createMonitor(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: MonitorInput & { name: string; config: ConfigInput },
): MonitorRecord {
  const slug = input.slug ?? slugOf(input.name);
  checkSlugFree(org, slug);
  storeChanged();
  const monitor: MonitorRecord = {
    org: org.slug,
    projectId: project.wire.id,
    wire: {
      id: uuidOf(data.seed, 'monitor', org.slug, slug, org.monitors.length, nowIso(data)),
      name: input.name,
      slug,
      status: input.status ?? 'active',
      isMuted: input.isMuted ?? false,
      isUpserting: false,
      config: fullConfig(input.config),
      dateCreated: nowIso(data),
      owner: defaultOwner(org, project),
    },
    environments: [],
    checkIns: [],
  };
  org.monitors.push(monitor);
  org.monitors.sort((a, b) => a.wire.name.localeCompare(b.wire.name));
  // Sentry's `first_cron_monitor_created` signal: the flag stays once set.
  project.wire.hasMonitors = true;
  return monitor;
}

export function updateMonitor(
  org: OrgData,
  monitor: MonitorRecord,
  input: MonitorInput,
  project?: ProjectRecord,
): MonitorRecord {
  if (input.slug !== undefined) checkSlugFree(org, input.slug, monitor);
  storeChanged();
  if (project) {
    monitor.projectId = project.wire.id;
    project.wire.hasMonitors = true;
  }
  if (input.name !== undefined) monitor.wire.name = input.name;
  if (input.slug !== undefined) monitor.wire.slug = input.slug;
  if (input.status !== undefined) monitor.wire.status = input.status;
  if (input.isMuted !== undefined) monitor.wire.isMuted = input.isMuted;
  if (input.config) monitor.wire.config = { ...monitor.wire.config, ...input.config };
  org.monitors.sort((a, b) => a.wire.name.localeCompare(b.wire.name));
  return monitor;
}

/** Deletes the monitor, or only the named environments (and their check-ins) of it. */
export function deleteMonitor(
  org: OrgData,
  monitor: MonitorRecord,
  environments: readonly string[],
): void {
  storeChanged();
  if (environments.length === 0) {
    org.monitors = org.monitors.filter((m) => m !== monitor);
    return;
  }
  monitor.environments = monitor.environments.filter((e) => !environments.includes(e.name));
  monitor.checkIns = monitor.checkIns.filter((c) => !environments.includes(c.environment));
}

export function addCheckIn(
  data: LocalData,
  monitor: MonitorRecord,
  input: CheckInInput,
): SentryCheckIn {
  storeChanged();
  const environment = input.environment ?? 'production';
  const now = nowIso(data);
  if (!monitor.environments.some((e) => e.name === environment)) {
    monitor.environments.push({ name: environment, isMuted: false, dateCreated: now });
  }
  const status = input.status ?? 'in_progress';
  const checkIn: SentryCheckIn = {
    id: uuidOf(data.seed, 'checkin', monitor.wire.id, monitor.checkIns.length, now),
    environment,
    status,
    duration: status === 'in_progress' ? null : (input.duration ?? 0),
    dateCreated: now,
    dateAdded: now,
    dateUpdated: now,
    dateInProgress: status === 'in_progress' ? now : null,
    dateClock: now,
    expectedTime: now,
    monitorConfig: { ...monitor.wire.config },
  };
  monitor.checkIns.unshift(checkIn);
  return checkIn;
}

/** `latest` names the newest check-in still in progress. */
export function findCheckIn(monitor: MonitorRecord, id: string): SentryCheckIn | undefined {
  if (id === 'latest') return monitor.checkIns.find((c) => c.status === 'in_progress');
  return monitor.checkIns.find((c) => c.id === id);
}

/**
 * Moves an in-progress check-in on: `ok`/`error` finish it (its duration is the one given, or
 * the time since it started); an empty body only says it is still running.
 */
export function updateCheckIn(
  data: LocalData,
  checkIn: SentryCheckIn,
  input: CheckInInput,
): SentryCheckIn {
  if (checkIn.status !== 'in_progress') {
    throw new StoreError('Check-in has already been completed.');
  }
  storeChanged();
  const now = nowIso(data);
  checkIn.dateUpdated = now;
  if (input.status !== undefined && input.status !== 'in_progress') {
    checkIn.status = input.status;
    checkIn.duration =
      input.duration ?? Math.max(0, Date.parse(now) - Date.parse(checkIn.dateCreated));
  } else if (input.duration !== undefined) {
    checkIn.duration = input.duration;
  }
  return checkIn;
}

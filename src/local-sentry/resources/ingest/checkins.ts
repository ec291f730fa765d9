/**
 * `check_in` envelope items, as Sentry's monitor consumer handles them: the monitor is found by
 * slug in the organization, created or updated from `monitor_config` when the SDK sends one
 * (upsert); the check-in is created under the SDK's `check_in_id`, or, when that id exists,
 * updated (an in-progress check-in finished). Without a monitor and no config, or for an invalid
 * config or a finished check-in, the item is dropped, as Sentry drops it.
 */
import type { SentryCheckIn } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData } from '../../data/model.ts';
import { nowIso, orgOfRecord } from '../../data/store.ts';
import { HttpError } from '../../http/reply.ts';
import { monitorInput } from '../monitors/request.ts';
import { addCheckIn, createMonitor, updateMonitor } from '../monitors/store.ts';
import type { ProjectRecord } from '../projects/record.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A UUID with dashes (the form Sentry's API shows check-in ids in). */
function dashed(hex: string): string {
  const h = hex.replaceAll('-', '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The SDK's `monitor_config` as the monitors API's `config` body. */
function configBody(raw: Obj): Obj {
  const schedule = isObj(raw['schedule']) ? raw['schedule'] : {};
  const type = schedule['type'];
  const config: Obj = {
    schedule_type: type,
    schedule: type === 'interval' ? [schedule['value'], schedule['unit']] : schedule['value'],
  };
  for (const key of [
    'checkin_margin',
    'max_runtime',
    'timezone',
    'failure_issue_threshold',
    'recovery_threshold',
  ]) {
    if (raw[key] !== undefined) config[key] = raw[key];
  }
  return config;
}

/** Applies one check-in payload; returns the check-in, or undefined when it was dropped. */
export function applyCheckIn(
  data: LocalData,
  project: ProjectRecord,
  raw: Obj,
): SentryCheckIn | undefined {
  const org = orgOfRecord(data, project);
  const slug = typeof raw['monitor_slug'] === 'string' ? raw['monitor_slug'] : undefined;
  const id = typeof raw['check_in_id'] === 'string' ? raw['check_in_id'] : '';
  const status = raw['status'];
  if (!slug || !/^[0-9a-f]{32}$/i.test(id.replaceAll('-', ''))) return undefined;
  if (status !== 'ok' && status !== 'error' && status !== 'in_progress') return undefined;
  const environment =
    typeof raw['environment'] === 'string' && raw['environment'] !== ''
      ? raw['environment']
      : 'production';
  // The SDK sends seconds; the API shows milliseconds.
  const duration =
    typeof raw['duration'] === 'number' ? Math.round(raw['duration'] * 1000) : undefined;

  let monitor = org.monitors.find((candidate) => candidate.wire.slug === slug);
  if (isObj(raw['monitor_config'])) {
    try {
      const input = monitorInput(
        { config: configBody(raw['monitor_config']) },
        { required: false, ...(monitor ? { current: monitor.wire.config } : {}) },
      );
      if (monitor) updateMonitor(org, monitor, input);
      else
        monitor = createMonitor(data, org, project, {
          name: slug,
          slug,
          config: input.config ?? {},
        });
    } catch (error) {
      if (error instanceof HttpError) return undefined;
      throw error;
    }
  }
  if (!monitor || monitor.projectId !== project.wire.id) return undefined;

  const checkInId = dashed(id);
  const existing = monitor.checkIns.find((checkIn) => checkIn.id === checkInId);
  if (existing) {
    if (existing.status !== 'in_progress') return undefined;
    storeChanged();
    const now = nowIso(data);
    existing.dateUpdated = now;
    if (status !== 'in_progress') {
      existing.status = status;
      existing.duration =
        duration ?? Math.max(0, Date.parse(now) - Date.parse(existing.dateCreated));
    }
    return existing;
  }
  const checkIn = addCheckIn(data, monitor, {
    status,
    environment,
    ...(duration === undefined ? {} : { duration }),
  });
  checkIn.id = checkInId;
  return checkIn;
}

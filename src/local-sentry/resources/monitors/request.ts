/**
 * What a monitor or check-in write asks for, validated as Sentry's `MonitorValidator`,
 * `ConfigValidator` and `MonitorCheckInValidator` do, with their error bodies (config errors
 * nest under `config`, as DRF's nested serializers report them).
 */
import type {
  SentryIntervalUnit,
  SentryMonitorConfig,
  SentryScheduleType,
} from '../../../sentry/types.ts';
import type { RequestContext } from '../../http/context.ts';
import {
  booleanField,
  numberField,
  objectField,
  slugField,
  stringField,
} from '../../http/params.ts';
import { badRequest, found, notFound } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import type { MonitorRecord } from './record.ts';
import { INTERVAL_UNITS, normalizeCrontab, TIME_ZONES } from './schedule.ts';

/**
 * The `{monitor_slug}` of the request (slug or id); 404 when the organization has none, or,
 * on the project-scoped routes, when it belongs to another project.
 */
export function monitorOf(context: RequestContext): MonitorRecord {
  const org = orgOf(context);
  const wanted = context.params['monitor_slug'] ?? '';
  const monitor = found(org.monitors.find((m) => m.wire.slug === wanted || m.wire.id === wanted));
  if (
    context.params['project'] !== undefined &&
    projectOf(context, org).wire.id !== monitor.projectId
  ) {
    throw notFound();
  }
  return monitor;
}

export type ConfigInput = Partial<Omit<SentryMonitorConfig, 'alert_rule_id'>>;

export interface MonitorInput {
  project?: string;
  name?: string;
  slug?: string;
  status?: 'active' | 'disabled';
  isMuted?: boolean;
  config?: ConfigInput;
}

const configError = (field: string, message: string) =>
  badRequest({ config: { [field]: [message] } });

function minutes(config: Record<string, unknown>, name: string): number | null | undefined {
  const raw = config[name];
  if (raw === undefined || raw === null) return raw;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    throw configError(name, 'A valid integer is required.');
  }
  if (raw < 1) throw configError(name, 'Ensure this value is greater than or equal to 1.');
  if (raw > 40320) throw configError(name, 'Ensure this value is less than or equal to 40320.');
  return raw;
}

function schedule(type: SentryScheduleType, raw: unknown): string | [number, SentryIntervalUnit] {
  if (type === 'crontab') {
    const text = typeof raw === 'string' ? normalizeCrontab(raw) : undefined;
    if (text === undefined) throw configError('schedule', 'Schedule was not parseable');
    return text;
  }
  if (
    !Array.isArray(raw) ||
    raw.length !== 2 ||
    typeof raw[0] !== 'number' ||
    !Number.isInteger(raw[0]) ||
    raw[0] < 1 ||
    typeof raw[1] !== 'string' ||
    !(raw[1] in INTERVAL_UNITS)
  ) {
    throw configError('schedule', 'Invalid interval schedule');
  }
  return [raw[0], raw[1] as SentryIntervalUnit];
}

/** `config` merged over `current` (a PUT changes only the keys it sends). */
function configInput(raw: Record<string, unknown>, current?: ConfigInput): ConfigInput {
  const config: ConfigInput = {};
  const typeRaw = raw['schedule_type'] ?? current?.schedule_type;
  if (typeRaw === undefined) throw configError('schedule_type', 'This field is required.');
  if (typeRaw !== 'crontab' && typeRaw !== 'interval') {
    throw configError('schedule_type', `"${String(typeRaw)}" is not a valid choice.`);
  }
  config.schedule_type = typeRaw;
  const scheduleRaw = raw['schedule'] ?? current?.schedule;
  if (scheduleRaw === undefined) throw configError('schedule', 'This field is required.');
  config.schedule = schedule(typeRaw, scheduleRaw);
  for (const name of ['checkin_margin', 'max_runtime'] as const) {
    const value = minutes(raw, name);
    if (value !== undefined) config[name] = value;
  }
  for (const name of ['failure_issue_threshold', 'recovery_threshold'] as const) {
    const value = raw[name];
    if (value === undefined) continue;
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      throw configError(name, 'Ensure this value is greater than or equal to 1.');
    }
    config[name] = value as number | null;
  }
  const timezone = raw['timezone'];
  if (timezone !== undefined) {
    if (timezone !== null && (typeof timezone !== 'string' || !TIME_ZONES.has(timezone))) {
      throw configError('timezone', `"${String(timezone)}" is not a valid choice.`);
    }
    config.timezone = timezone as string | null;
  }
  return config;
}

/** The monitor fields of a POST (`required`) or PUT body. */
export function monitorInput(
  body: Record<string, unknown>,
  { required, current }: { required: boolean; current?: ConfigInput },
): MonitorInput {
  const input: MonitorInput = {};
  const project = body['project'];
  if (project !== undefined || required) {
    if (typeof project === 'number') input.project = String(project);
    else input.project = stringField(body, 'project', { required }) as string;
  }
  const name = stringField(body, 'name', { required, maxLength: 128 });
  if (name !== undefined) input.name = name;
  const slug = slugField(body, 'slug');
  if (slug !== undefined) input.slug = slug;
  const status = stringField(body, 'status');
  if (status !== undefined) {
    if (status !== 'active' && status !== 'disabled') {
      throw badRequest({ status: [`"${status}" is not a valid choice.`] });
    }
    input.status = status;
  }
  const isMuted = booleanField(body, 'is_muted') ?? booleanField(body, 'isMuted');
  if (isMuted !== undefined) input.isMuted = isMuted;
  const config = objectField(body, 'config', { required });
  if (config !== undefined) input.config = configInput(config, current);
  return input;
}

export interface CheckInInput {
  status?: 'ok' | 'error' | 'in_progress';
  duration?: number;
  environment?: string;
}

/** A check-in body: `status` (`ok`, `error`, `in_progress`), `duration` (ms), `environment`. */
export function checkInInput(body: Record<string, unknown>): CheckInInput {
  const input: CheckInInput = {};
  const status = stringField(body, 'status');
  if (status !== undefined) {
    if (status !== 'ok' && status !== 'error' && status !== 'in_progress') {
      throw badRequest({ status: [`"${status}" is not a valid choice.`] });
    }
    input.status = status;
  }
  const duration = numberField(body, 'duration');
  if (duration !== undefined) {
    if (!Number.isInteger(duration) || duration < 0 || duration > 2_147_483_647) {
      throw badRequest({ duration: ['Ensure this value is between 0 and 2147483647.'] });
    }
    input.duration = duration;
  }
  const environment = stringField(body, 'environment', { maxLength: 64 });
  if (environment !== undefined) {
    if (environment.trim() === '' || /[\n\r\f/]/.test(environment)) {
      throw badRequest({ environment: ['Environment is not valid'] });
    }
    input.environment = environment;
  }
  return input;
}

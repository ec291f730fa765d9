/**
 * The inputs shared by `createMonitor` and `updateMonitor` (schedule and its settings), checked
 * before any call as Sentry's `ConfigValidator` would check them, into Sentry's `config` body.
 */
import type { SentryMonitorInput } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import type { InputFields } from '../schema-kit/mutations/payloads.ts';
import type { FieldPath, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { IntervalUnit } from './monitor-schedule.ts';

export const MonitorScheduleInput = builder.inputType('MonitorScheduleInput', {
  description: 'A schedule: either `crontab`, or `every` with `unit`.',
  fields: (t) => ({
    crontab: t.string({
      required: false,
      description: 'Five-field crontab, e.g. "*/15 * * * *", or a nickname such as "@daily".',
    }),
    every: t.int({ required: false, description: 'For an interval: how many units.' }),
    unit: t.field({ type: IntervalUnit, required: false, description: 'For an interval.' }),
  }),
});

/** The config fields both mutations take. */
export function configFields(t: InputFields) {
  return {
    schedule: t.field({
      type: MonitorScheduleInput,
      required: false,
      description: 'When it runs.',
    }),
    timezone: t.string({
      required: false,
      description: 'IANA time zone a crontab is read in, e.g. "America/New_York". @default "UTC"',
    }),
    checkInMargin: t.int({
      required: false,
      description: 'Minutes (1–40320) after the expected time before a run counts as missed.',
    }),
    maxRuntime: t.int({
      required: false,
      description: 'Minutes (1–40320) a run may stay in progress before it times out.',
    }),
  };
}

type ScheduleInput = (typeof MonitorScheduleInput)['$inferInput'];

interface ConfigInput {
  schedule?: ScheduleInput | null | undefined;
  timezone?: string | null | undefined;
  checkInMargin?: number | null | undefined;
  maxRuntime?: number | null | undefined;
}

const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly']);
const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMED = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i;

function fieldValid(part: string, [min, max]: [number, number]): boolean {
  return part.split(',').every((item) => {
    const match = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(item);
    if (!match) return false;
    const [, span = '', step] = match;
    if (step !== undefined && Number(step) < 1) return false;
    if (span === '*') return true;
    const bounds = span.split('-');
    const values = bounds.map((b) =>
      NAMED.test(b) ? min : /^\d{1,2}$/.test(b) ? Number(b) : Number.NaN,
    );
    if (values.some((v) => Number.isNaN(v) || v < min || v > max)) return false;
    return values.length < 2 || (values[0] ?? 0) <= (values[1] ?? 0);
  });
}

/** A crontab Sentry accepts: a nickname, or five fields within their ranges. */
export function isValidCrontab(crontab: string): boolean {
  const text = crontab.trim();
  if (NICKNAMES.has(text.toLowerCase())) return true;
  const parts = text.split(/\s+/);
  return (
    parts.length === 5 &&
    parts.every((part, i) => fieldValid(part, FIELD_RANGES[i] as [number, number]))
  );
}

const TIME_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', ...Intl.supportedValuesOf('timeZone')]);

function minutes(errors: UserErrors, path: FieldPath, value: number): number {
  if (value < 1 || value > 40320) errors.add('INVALID_VALUE', 'Between 1 and 40320 minutes.', path);
  return value;
}

/** The `config` body for the input's config fields; `required` demands a schedule. */
export function configBody(
  errors: UserErrors,
  input: ConfigInput,
  { required }: { required: boolean },
): SentryMonitorInput['config'] | undefined {
  const config: SentryMonitorInput['config'] = {};
  const { schedule } = input;
  if (schedule) {
    const path = ['input', 'schedule'];
    const crontab = schedule.crontab ?? undefined;
    const every = schedule.every ?? undefined;
    const unit = schedule.unit ?? undefined;
    if (crontab !== undefined && (every !== undefined || unit !== undefined)) {
      errors.add(
        'CONFLICTING_FIELDS',
        'Give either `crontab` or `every` with `unit`, not both.',
        path,
      );
    } else if (crontab !== undefined) {
      if (!isValidCrontab(crontab)) {
        errors.add(
          'INVALID_VALUE',
          'Not a valid crontab (five fields, or a nickname such as "@daily").',
          [...path, 'crontab'],
        );
      }
      config.schedule_type = 'crontab';
      config.schedule = crontab.trim();
    } else if (every !== undefined && unit !== undefined) {
      if (every < 1) errors.add('INVALID_VALUE', 'At least 1.', [...path, 'every']);
      config.schedule_type = 'interval';
      config.schedule = [every, unit];
    } else {
      errors.add('MISSING_FIELD', 'Give `crontab`, or `every` with `unit`.', path);
    }
  } else if (required) {
    errors.add('MISSING_FIELD', 'A new monitor needs a schedule.', ['input', 'schedule']);
  }
  if (input.timezone != null) {
    if (!TIME_ZONES.has(input.timezone)) {
      errors.add('INVALID_VALUE', 'Not an IANA time zone.', ['input', 'timezone']);
    }
    config.timezone = input.timezone;
  }
  if (input.checkInMargin != null) {
    config.checkin_margin = minutes(errors, ['input', 'checkInMargin'], input.checkInMargin);
  }
  if (input.maxRuntime != null) {
    config.max_runtime = minutes(errors, ['input', 'maxRuntime'], input.maxRuntime);
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

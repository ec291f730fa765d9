/** A monitor's schedule as a typed union: a crontab in a time zone, or a fixed interval. */
import type { SentryIntervalUnit, SentryMonitorConfig } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const IntervalUnit = builder.enumType('IntervalUnit', {
  description: 'The unit of an interval schedule.',
  values: {
    MINUTE: { value: 'minute' },
    HOUR: { value: 'hour' },
    DAY: { value: 'day' },
    WEEK: { value: 'week' },
    MONTH: { value: 'month' },
    YEAR: { value: 'year' },
  } as const,
});

interface CrontabShape {
  kind: 'crontab';
  crontab: string;
  timezone: string | null;
}

interface IntervalShape {
  kind: 'interval';
  every: number;
  unit: SentryIntervalUnit;
}

export type ScheduleShape = CrontabShape | IntervalShape;

export const CrontabSchedule = builder.objectRef<CrontabShape>('CrontabSchedule').implement({
  description: 'Runs whenever a crontab matches, read in a time zone.',
  fields: (t) => ({
    crontab: t.exposeString('crontab', { description: 'e.g. "0 3 * * *".' }),
    timezone: t.exposeString('timezone', {
      nullable: true,
      description: 'IANA time zone the crontab is read in, e.g. "Europe/Berlin".',
    }),
  }),
});

export const IntervalSchedule = builder.objectRef<IntervalShape>('IntervalSchedule').implement({
  description: 'Runs every `every` `unit`s, counted from the last check-in.',
  fields: (t) => ({
    every: t.exposeInt('every', { description: 'How many units between runs.' }),
    unit: t.field({ type: IntervalUnit, resolve: (s) => s.unit }),
  }),
});

export const MonitorSchedule = builder.unionType('MonitorSchedule', {
  description: 'When a monitored job is expected to run.',
  types: [CrontabSchedule, IntervalSchedule],
  resolveType: (schedule) => (schedule.kind === 'crontab' ? 'CrontabSchedule' : 'IntervalSchedule'),
});

export function scheduleOf(config: SentryMonitorConfig): ScheduleShape {
  const { schedule } = config;
  if (typeof schedule === 'string') {
    return { kind: 'crontab', crontab: schedule, timezone: config.timezone };
  }
  return { kind: 'interval', every: Number(schedule[0]), unit: schedule[1] };
}

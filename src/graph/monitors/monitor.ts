/**
 * monitors/: cron monitors (`Monitor`, its schedule, environments and check-ins), the lists on
 * organizations and projects, and the monitor and check-in mutations.
 */
import type { Context } from '../../context.ts';
import { splitKey } from '../../loaders/keys.ts';
import { loadMonitors, type MonitorKey, monitorKey } from '../../loaders/monitors.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryMonitor, SentryMonitorEnvironment } from '../../sentry/types.ts';
import { Project, projectStub } from '../projects/project.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { CheckIn, CheckInConnection } from './check-in.ts';
import { MonitorSchedule, scheduleOf } from './monitor-schedule.ts';

export type MonitorShape = OrgScoped<SentryMonitor>;

export const Monitor = builder.loadableNodeRef('Monitor', {
  id: {
    resolve: (monitor) => monitorKey(monitor.organizationSlug, monitor.id),
    parse: (id) => monitorKey(...splitKey(id)),
  },
  load: loadWith<MonitorKey, MonitorShape>(loadMonitors),
});

export const MonitorConnection = builder.connectionObject(
  { type: Monitor, name: 'MonitorConnection', description: 'A page of cron monitors.' },
  { name: 'MonitorEdge', description: 'A Monitor and the cursor after it.' },
);

/** Lists answer later lookups of the same monitors, by id and by slug, without another call. */
export function primeMonitors(context: Context, monitors: readonly MonitorShape[]): void {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = Monitor.getDataloader(context);
  for (const monitor of monitors) {
    loader
      .clear(monitorKey(monitor.organizationSlug, monitor.id))
      .prime(monitorKey(monitor.organizationSlug, monitor.id), monitor);
    loader
      .clear(monitorKey(monitor.organizationSlug, monitor.slug))
      .prime(monitorKey(monitor.organizationSlug, monitor.slug), monitor);
  }
}

export const MonitorStatus = builder.enumType('MonitorStatus', {
  description: 'Whether Sentry watches a monitor.',
  values: {
    ACTIVE: { value: 'active', description: 'Check-ins are expected and tracked.' },
    DISABLED: { value: 'disabled', description: 'Check-ins are refused; nothing is tracked.' },
  } as const,
});

export const MonitorHealth = builder.enumType('MonitorHealth', {
  description: "A monitor's health in one environment, from its newest finished check-in.",
  values: {
    ACTIVE: { value: 'active', description: 'No check-in has finished yet.' },
    OK: { value: 'ok', description: 'The last run succeeded.' },
    ERROR: { value: 'error', description: 'The last run failed.' },
    MISSED_CHECKIN: {
      value: 'missed_checkin',
      description: 'The last expected run never checked in.',
    },
    TIMEOUT: { value: 'timeout', description: 'The last run exceeded the maximum runtime.' },
  } as const,
});

type Health = (typeof MonitorHealth)['$inferType'];
const HEALTH = new Set<string>(['active', 'ok', 'error', 'missed_checkin', 'timeout']);

export const MonitorEnvironment = builder
  .objectRef<SentryMonitorEnvironment>('MonitorEnvironment')
  .implement({
    description: 'An environment a monitor has checked in from, with its health there.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'e.g. "production".' }),
      status: t.field({
        type: MonitorHealth,
        resolve: (env) => (HEALTH.has(env.status) ? env.status : 'active') as Health,
      }),
      isMuted: t.exposeBoolean('isMuted', { description: 'Alerts for it are muted.' }),
      createdAt: t.field({ type: 'DateTime', resolve: (env) => env.dateCreated }),
      lastCheckInAt: t.field({
        type: 'DateTime',
        nullable: true,
        resolve: (env) => env.lastCheckIn,
      }),
      nextCheckInAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the next run is expected.',
        resolve: (env) => env.nextCheckIn,
      }),
      nextCheckInLatestAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'The latest the next run may check in before it counts as missed.',
        resolve: (env) => env.nextCheckInLatest,
      }),
    }),
  });

/** Sentry sends a list; the spec's serializer hint says one object: accept both. */
function environmentsOf(monitor: MonitorShape): SentryMonitorEnvironment[] {
  const { environments } = monitor;
  if (Array.isArray(environments)) return environments;
  return environments ? [environments] : [];
}

Monitor.implement({
  description: 'A cron monitor: a scheduled job that checks in with Sentry when it runs.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's id (a UUID)." }),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    status: t.field({
      type: MonitorStatus,
      resolve: (monitor) => (monitor.status === 'disabled' ? 'disabled' : 'active'),
    }),
    isMuted: t.exposeBoolean('isMuted', { description: 'Alerts for every environment are muted.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (monitor) => monitor.dateCreated }),
    schedule: t.field({
      type: MonitorSchedule,
      resolve: (monitor) => scheduleOf(monitor.config),
    }),
    checkInMargin: t.int({
      nullable: true,
      description: 'Minutes after the expected time before a run counts as missed.',
      resolve: (monitor) => monitor.config.checkin_margin,
    }),
    maxRuntime: t.int({
      nullable: true,
      description: 'Minutes a run may stay in progress before it times out.',
      resolve: (monitor) => monitor.config.max_runtime,
    }),
    failureIssueThreshold: t.int({
      nullable: true,
      description: 'Failed runs in a row before Sentry opens an issue.',
      resolve: (monitor) => monitor.config.failure_issue_threshold,
    }),
    recoveryThreshold: t.int({
      nullable: true,
      description: 'Good runs in a row before Sentry resolves that issue.',
      resolve: (monitor) => monitor.config.recovery_threshold,
    }),
    environments: t.field({
      type: [MonitorEnvironment],
      description: 'Where it has checked in from, with its health in each (from the monitor body).',
      resolve: environmentsOf,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description:
        'The project it belongs to: from the monitor body; other fields cost one batched call.',
      resolve: (monitor) => projectStub(monitor.organizationSlug, monitor.project),
    }),
    checkIns: t.connection(
      {
        type: CheckIn,
        nullable: true,
        description:
          'Its check-ins, newest first. One call: `GET /organizations/{org}/monitors/{monitor}/checkins/`.',
        args: {
          environment: t.arg.stringList({
            required: false,
            description: 'Only check-ins from these environments.',
          }),
        },
        resolve: async (monitor, args, context) => {
          const request = pageRequest(args);
          const page = await context.sentry.monitors.checkIns(
            monitor.organizationSlug,
            monitor.slug,
            {
              ...request.params,
              ...(args.environment ? { environment: args.environment } : {}),
            },
          );
          // `CheckIn.monitor` is keyed by the monitor's id: answer it with this monitor.
          primeMonitors(context, [monitor]);
          return pageToConnection(
            { ...page, items: page.items.map((c) => ({ ...c, monitorId: monitor.id })) },
            request,
          );
        },
      },
      CheckInConnection,
    ),
    lastCheckIn: t.field({
      type: CheckIn,
      nullable: true,
      description: 'Its newest check-in. One call (the first check-in of the list).',
      resolve: async (monitor, _args, context) => {
        const page = await context.sentry.monitors.checkIns(
          monitor.organizationSlug,
          monitor.slug,
          {
            perPage: 1,
          },
        );
        const first = page.items[0];
        return first ? { ...first, monitorId: monitor.id } : null;
      },
    }),
  }),
});

builder.objectFields(CheckIn, (t) => ({
  monitor: t.field({
    type: Monitor,
    nullable: true,
    description: 'The monitor it belongs to (one call unless a list already loaded it).',
    resolve: (checkIn) => monitorKey(checkIn.organizationSlug, checkIn.monitorId),
  }),
}));

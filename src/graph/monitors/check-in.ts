/** One check-in of a cron monitor: a run of the job (or a run Sentry saw missing). */
import { checkInKey } from '../../loaders/monitors.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryCheckIn } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';

/** Sentry's check-in body does not name its monitor; the list or mutation that got it does. */
export type CheckInShape = OrgScoped<SentryCheckIn> & { monitorId: string };

export const CheckInStatus = builder.enumType('CheckInStatus', {
  description: 'How a run of a monitored job went.',
  values: {
    OK: { value: 'ok', description: 'It finished successfully.' },
    ERROR: { value: 'error', description: 'It finished with a failure.' },
    IN_PROGRESS: { value: 'in_progress', description: 'It has started and not finished.' },
    MISSED: { value: 'missed', description: 'It did not check in by the expected time.' },
    TIMEOUT: { value: 'timeout', description: "It ran past the monitor's maximum runtime." },
    UNKNOWN: { value: 'unknown', description: 'Sentry could not tell.' },
  } as const,
});

const STATUSES = new Set(['ok', 'error', 'in_progress', 'missed', 'timeout', 'unknown']);

export const CheckIn = builder.objectRef<CheckInShape>('CheckIn').implement({
  description: 'One check-in of a cron monitor.',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque id for `updateCheckIn` (not loadable through `node`).',
      resolve: (checkIn) =>
        encodeGlobalId(
          'CheckIn',
          checkInKey(checkIn.organizationSlug, checkIn.monitorId, checkIn.id),
        ),
    }),
    sentryId: t.exposeString('id', { description: "Sentry's id (a UUID)." }),
    status: t.field({
      type: CheckInStatus,
      resolve: (checkIn) =>
        (STATUSES.has(checkIn.status) ? checkIn.status : 'unknown') as
          | 'ok'
          | 'error'
          | 'in_progress'
          | 'missed'
          | 'timeout'
          | 'unknown',
    }),
    duration: t.int({
      nullable: true,
      description: 'Run time in milliseconds; null while in progress or when missed.',
      resolve: (checkIn) => checkIn.duration,
    }),
    environment: t.exposeString('environment'),
    createdAt: t.field({
      type: 'DateTime',
      description: "When Sentry received the check-in (Sentry's `dateCreated`).",
      resolve: (checkIn) => checkIn.dateCreated,
    }),
    expectedAt: t.field({
      type: 'DateTime',
      description: 'When the schedule expected this run.',
      resolve: (checkIn) => checkIn.expectedTime,
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (checkIn) => checkIn.dateUpdated }),
  }),
});

export const CheckInConnection = builder.connectionObject(
  { type: CheckIn, name: 'CheckInConnection', description: 'A page of check-ins, newest first.' },
  { name: 'CheckInEdge', description: 'A CheckIn and the cursor after it.' },
);

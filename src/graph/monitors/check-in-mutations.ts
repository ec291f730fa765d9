/** Check-ins of cron monitors: report a run starting, finishing, or both at once. */
import { splitKey } from '../../loaders/keys.ts';
import { type MonitorKey, monitorKey, splitCheckInKey } from '../../loaders/monitors.ts';
import type { SentryCheckInInput } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { checkEnvironment } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, readIdOf, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { CheckIn, type CheckInShape } from './check-in.ts';
import { Monitor } from './monitor.ts';

type CheckInPayload = StoredPayload<'checkIn', CheckInShape>;

export const CheckInReport = builder.enumType('CheckInReport', {
  description: 'What a check-in reports about a run.',
  values: {
    IN_PROGRESS: { value: 'in_progress', description: 'It has started.' },
    OK: { value: 'ok', description: 'It finished successfully.' },
    ERROR: { value: 'error', description: 'It finished with a failure.' },
  } as const,
});

const FIELDS = {
  status: ['input', 'status'],
  duration: ['input', 'duration'],
  environment: ['input', 'environment'],
};

function checkDuration(errors: UserErrors, duration: number | null | undefined) {
  if (duration != null && duration < 0) {
    errors.add('INVALID_VALUE', 'Not negative.', ['input', 'duration']);
  }
}

builder.relayMutationField(
  'createCheckIn',
  {
    description: 'A new check-in of a monitor.',
    inputFields: (t) => ({
      monitorId: t.id({ description: 'The `Monitor`.' }),
      status: t.field({
        type: CheckInReport,
        required: false,
        description:
          'IN_PROGRESS (a run starts), or OK / ERROR for a finished run. @default IN_PROGRESS',
      }),
      duration: t.int({ required: false, description: 'Run time in milliseconds.' }),
      environment: t.string({ required: false, description: '@default "production"' }),
    }),
  },
  {
    description:
      'Reports a check-in. One REST call: `POST /organization/{org}/monitors/{monitor}/checkins/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<CheckInPayload> => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'monitorId'], input.monitorId, 'Monitor', (id) =>
        monitorKey(...splitKey(id)),
      );
      checkDuration(errors, input.duration);
      if (input.environment != null)
        checkEnvironment(errors, ['input', 'environment'], input.environment);
      if (errors.any || !key) return { checkIn: null, userErrors: errors.list };
      const [org, monitorId] = splitKey(key);
      const body: SentryCheckInInput = {
        ...(input.status != null ? { status: input.status } : {}),
        ...(input.duration != null ? { duration: input.duration } : {}),
        ...(input.environment != null ? { environment: input.environment } : {}),
      };
      const checkIn = await attempt(
        errors,
        { target: ['input', 'monitorId'], what: 'monitor', fields: FIELDS },
        () => context.sentry.monitors.createCheckIn(org, monitorId, body),
      );
      // The monitor's health and last check-in changed.
      Monitor.getDataloader(context).clear(key as MonitorKey);
      return { checkIn: checkIn ? { ...checkIn, monitorId } : null, userErrors: errors.list };
    },
  },
  storedPayload('createCheckIn', 'checkIn', CheckIn, 'check-in'),
);

builder.relayMutationField(
  'updateCheckIn',
  {
    description: 'Changes to a check-in that is still in progress.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `CheckIn` (its `id` field).' }),
      status: t.field({
        type: CheckInReport,
        required: false,
        description: 'OK or ERROR finish the run; left out, it is only reported still running.',
      }),
      duration: t.int({ required: false, description: 'Run time in milliseconds.' }),
    }),
  },
  {
    description:
      'Moves a check-in on (in progress → ok or error; a finished one is refused). One REST call: `PUT /organization/{org}/monitors/{monitor}/checkins/{checkin}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<CheckInPayload> => {
      const errors = new UserErrors();
      const target = readIdOf(errors, ['input', 'id'], input.id, 'CheckIn', splitCheckInKey);
      checkDuration(errors, input.duration);
      if (errors.any || !target) return { checkIn: null, userErrors: errors.list };
      const [org, monitorId, checkInId] = target;
      const body: SentryCheckInInput = {
        ...(input.status != null ? { status: input.status } : {}),
        ...(input.duration != null ? { duration: input.duration } : {}),
      };
      const checkIn = await attempt(
        errors,
        { target: ['input', 'id'], what: 'check-in', fields: FIELDS },
        () => context.sentry.monitors.updateCheckIn(org, monitorId, checkInId, body),
      );
      Monitor.getDataloader(context).clear(monitorKey(org, monitorId));
      return { checkIn: checkIn ? { ...checkIn, monitorId } : null, userErrors: errors.list };
    },
  },
  storedPayload('updateCheckIn', 'checkIn', CheckIn, 'check-in'),
);

/** Cron monitors: create, update and delete them. */
import { splitKey } from '../../loaders/keys.ts';
import { type MonitorKey, monitorKey } from '../../loaders/monitors.ts';
import type { SentryMonitorInput } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import { checkSlugValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  readIdOf,
  UserErrors,
  type WriteFailureOptions,
} from '../schema-kit/mutations/user-errors.ts';
import { Monitor, type MonitorShape, MonitorStatus, primeMonitors } from './monitor.ts';
import { configBody, configFields } from './monitor-inputs.ts';

type MonitorPayload = StoredPayload<'monitor', MonitorShape>;

const parseMonitorKey = (id: string): MonitorKey => monitorKey(...splitKey(id));

const FIELDS: WriteFailureOptions['fields'] = {
  project: ['input', 'projectSlug'],
  name: ['input', 'name'],
  slug: ['input', 'slug'],
  config: ['input', 'schedule'],
};

builder.relayMutationField(
  'createMonitor',
  {
    description: 'A new cron monitor.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization it belongs to.' }),
      projectSlug: t.string({ description: 'The project it belongs to.' }),
      name: t.string({ description: 'At most 128 characters; the slug is derived from it.' }),
      slug: t.string({ required: false, description: 'A slug of its own instead.' }),
      muted: t.boolean({ required: false, description: 'Mute its alerts. @default false' }),
      ...configFields(t),
    }),
  },
  {
    description: 'Creates a cron monitor. One REST call: `POST /organizations/{org}/monitors/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<MonitorPayload> => {
      const errors = new UserErrors();
      checkSlugValue(errors, ['input', 'organizationSlug'], input.organizationSlug, 'organization');
      checkSlugValue(errors, ['input', 'projectSlug'], input.projectSlug, 'project');
      checkText(errors, ['input', 'name'], input.name, { max: 128, required: true });
      if (input.slug != null) checkSlugValue(errors, ['input', 'slug'], input.slug, 'monitor');
      const config = configBody(errors, input, { required: true });
      if (errors.any || !config) return { monitor: null, userErrors: errors.list };
      const body: SentryMonitorInput = {
        project: input.projectSlug,
        name: input.name,
        config,
        ...(input.slug != null ? { slug: input.slug } : {}),
        ...(input.muted != null ? { is_muted: input.muted } : {}),
      };
      const monitor = await attempt(
        errors,
        { target: ['input', 'organizationSlug'], what: 'organization', fields: FIELDS },
        () => context.sentry.monitors.create(input.organizationSlug, body),
      );
      if (monitor) primeMonitors(context, [monitor]);
      return { monitor: monitor ?? null, userErrors: errors.list };
    },
  },
  storedPayload('createMonitor', 'monitor', Monitor, 'monitor'),
);

builder.relayMutationField(
  'updateMonitor',
  {
    description: 'Changes to a cron monitor. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Monitor`.' }),
      name: t.string({ required: false, description: 'A new name (at most 128 characters).' }),
      slug: t.string({ required: false, description: 'A new slug.' }),
      status: t.field({
        type: MonitorStatus,
        required: false,
        description: 'Disable or re-enable it.',
      }),
      muted: t.boolean({ required: false, description: 'Mute or unmute its alerts.' }),
      ...configFields(t),
    }),
  },
  {
    description:
      'Changes a cron monitor. One REST call: `PUT /organizations/{org}/monitors/{monitor}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<MonitorPayload> => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'id'], input.id, 'Monitor', parseMonitorKey);
      if (input.name != null)
        checkText(errors, ['input', 'name'], input.name, { max: 128, required: true });
      if (input.slug != null) checkSlugValue(errors, ['input', 'slug'], input.slug, 'monitor');
      const config = configBody(errors, input, { required: false });
      const body: Partial<SentryMonitorInput> = {
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.slug != null ? { slug: input.slug } : {}),
        ...(input.status != null ? { status: input.status } : {}),
        ...(input.muted != null ? { is_muted: input.muted } : {}),
        ...(config ? { config } : {}),
      };
      if (!errors.any && Object.keys(body).length === 0) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !key) return { monitor: null, userErrors: errors.list };
      const [org, monitorId] = splitKey(key);
      const monitor = await attempt(
        errors,
        { target: ['input', 'id'], what: 'monitor', fields: FIELDS },
        () => context.sentry.monitors.update(org, monitorId, body),
      );
      if (monitor) {
        Monitor.getDataloader(context).clear(key);
        primeMonitors(context, [monitor]);
      }
      return { monitor: monitor ?? null, userErrors: errors.list };
    },
  },
  storedPayload('updateMonitor', 'monitor', Monitor, 'monitor'),
);

deleteByIdMutation('deleteMonitor', {
  typename: 'Monitor',
  parse: parseMonitorKey,
  input: 'The cron monitor to delete.',
  id: 'The `Monitor` to delete.',
  description:
    'Deletes a cron monitor with its check-ins. One REST call: `DELETE /organizations/{org}/monitors/{monitor}/`.',
  what: 'monitor',
  field: 'deletedMonitorId',
  fieldDescription: 'The global id of the deleted monitor; null when `userErrors` says why.',
  remove: (context, key) => context.sentry.monitors.delete(...splitKey(key)),
  forget: (context, key) => {
    Monitor.getDataloader(context).clear(key);
  },
});

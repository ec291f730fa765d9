/** Service hooks of a project: create, update and delete them. */
import type { SentryServiceHookInput } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import { checkUrl } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  UserErrors,
  type WriteFailureOptions,
} from '../schema-kit/mutations/user-errors.ts';
import { splitProjectResourceKey } from './project-resource-keys.ts';
import { parseProjectResourceKey, readProjectId, readProjectResourceId } from './project-writes.ts';
import { ServiceHook, ServiceHookEvent, type ServiceHookShape } from './service-hook.ts';

type HookEvent = (typeof ServiceHookEvent)['$inferType'];

type ServiceHookPayload = StoredPayload<'serviceHook', ServiceHookShape>;

function checkHookEvents(errors: UserErrors, events: readonly HookEvent[]): string[] {
  if (events.length === 0)
    errors.add('EMPTY_LIST', 'Name at least one event.', ['input', 'events']);
  return [...new Set(events)];
}

builder.relayMutationField(
  'createServiceHook',
  {
    description: 'A new service hook.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project`.' }),
      url: t.string({ description: 'The http(s) URL Sentry will POST to.' }),
      events: t.field({
        type: [ServiceHookEvent],
        description: 'What to call it for (at least one).',
      }),
    }),
  },
  {
    description: 'Creates a service hook. One REST call: `POST /projects/{org}/{project}/hooks/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ServiceHookPayload> => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const body: SentryServiceHookInput = {
        url: checkUrl(errors, ['input', 'url'], input.url),
        events: checkHookEvents(errors, input.events),
      };
      if (errors.any || !target) return { serviceHook: null, userErrors: errors.list };
      const [org, projectId] = target;
      const hook = await attempt(
        errors,
        {
          target: ['input', 'projectId'],
          what: 'project',
          fields: { url: ['input', 'url'], events: ['input', 'events'] },
        },
        () => context.sentry.serviceHooks.create(org, projectId, body),
      );
      return { serviceHook: hook ? { ...hook, projectId } : null, userErrors: errors.list };
    },
  },
  storedPayload('createServiceHook', 'serviceHook', ServiceHook, 'hook'),
);

builder.relayMutationField(
  'updateServiceHook',
  {
    description: 'Changes to a service hook. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `ServiceHook` (its `id` field).' }),
      url: t.string({ required: false, description: 'A new http(s) URL to call.' }),
      events: t.field({
        type: [ServiceHookEvent],
        required: false,
        description: 'Replaces what it is called for.',
      }),
    }),
  },
  {
    description:
      "Changes a service hook. One REST call, `PUT /projects/{org}/{project}/hooks/{hook}/`, when both `url` and `events` are given; Sentry's documented body needs both, so with one of them the hook is read first (`GET` of the same path).",
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ServiceHookPayload> => {
      const errors = new UserErrors();
      const target = readProjectResourceId(errors, input.id, 'ServiceHook');
      const url = input.url == null ? undefined : checkUrl(errors, ['input', 'url'], input.url);
      const events = input.events == null ? undefined : checkHookEvents(errors, input.events);
      if (url === undefined && events === undefined && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !target) return { serviceHook: null, userErrors: errors.list };
      const [org, projectId, hookId] = target;
      const failure: WriteFailureOptions = {
        target: ['input', 'id'],
        what: 'service hook',
        fields: { url: ['input', 'url'], events: ['input', 'events'] },
      };
      const current =
        url === undefined || events === undefined
          ? await attempt(errors, failure, () =>
              context.sentry.serviceHooks.get(org, projectId, hookId),
            )
          : undefined;
      if (errors.any) return { serviceHook: null, userErrors: errors.list };
      const body: SentryServiceHookInput = {
        url: url ?? current?.url ?? '',
        events: events ?? current?.events ?? [],
      };
      const hook = await attempt(errors, failure, () =>
        context.sentry.serviceHooks.update(org, projectId, hookId, body),
      );
      return { serviceHook: hook ? { ...hook, projectId } : null, userErrors: errors.list };
    },
  },
  storedPayload('updateServiceHook', 'serviceHook', ServiceHook, 'hook'),
);

deleteByIdMutation('deleteServiceHook', {
  typename: 'ServiceHook',
  parse: parseProjectResourceKey,
  input: 'The service hook to delete.',
  id: 'The `ServiceHook` (its `id` field).',
  description:
    'Deletes a service hook. One REST call: `DELETE /projects/{org}/{project}/hooks/{hook}/`.',
  what: 'service hook',
  field: 'deletedServiceHookId',
  fieldDescription: 'The id of the deleted hook.',
  remove: (context, key) => context.sentry.serviceHooks.delete(...splitProjectResourceKey(key)),
});

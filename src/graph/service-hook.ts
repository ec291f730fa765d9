/** Service hooks of a project, and the `Project.serviceHooks` list. */

import type { Context } from '../context.ts';
import { projectKey } from '../loaders/keys.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryServiceHook } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from './connections.ts';
import { encodeGlobalId } from './global-id.ts';
import { type PrefetchParents, prefetchable } from './prefetch.ts';
import { Project } from './project.ts';
import { projectResourceKey } from './project-resource-keys.ts';

/** Sentry's hook body does not name its project; the list or mutation that got it does. */
export type ServiceHookShape = OrgScoped<SentryServiceHook> & { projectId: string };

export const ServiceHookEvent = builder.enumType('ServiceHookEvent', {
  description: 'What a service hook is called for.',
  values: {
    EVENT_ALERT: { value: 'event.alert', description: 'An alert rule fired.' },
    EVENT_CREATED: { value: 'event.created', description: 'Sentry stored a new event.' },
  } as const,
});

const EVENTS = new Set<string>(['event.alert', 'event.created']);

export const ServiceHook = builder.objectRef<ServiceHookShape>('ServiceHook').implement({
  description: 'A URL Sentry calls with a signed POST when something happens in a project.',
  fields: (t) => ({
    id: t.id({
      description:
        'Opaque id for `updateServiceHook` and `deleteServiceHook` (not loadable through `node`).',
      resolve: (hook) =>
        encodeGlobalId(
          'ServiceHook',
          projectResourceKey(hook.organizationSlug, hook.projectId, hook.id),
        ),
    }),
    sentryId: t.exposeString('id', { description: "Sentry's id." }),
    url: t.exposeString('url', { description: 'Where Sentry POSTs to.' }),
    events: t.field({
      type: [ServiceHookEvent],
      description: 'What it is called for.',
      resolve: (hook) =>
        hook.events.filter((event): event is 'event.alert' | 'event.created' => EVENTS.has(event)),
    }),
    secret: t.exposeString('secret', {
      description: 'The key Sentry signs its calls with (`X-ServiceHook-Signature`).',
    }),
    status: t.exposeString('status', { description: 'e.g. "active".' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the hook was created.',
      resolve: (hook) => hook.dateCreated,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project it belongs to (one batched call).',
      resolve: (hook) => projectKey(hook.organizationSlug, hook.projectId),
    }),
  }),
});

export const ServiceHookConnection = builder.connectionObject(
  { type: ServiceHook, name: 'ServiceHookConnection', description: 'A page of service hooks.' },
  { name: 'ServiceHookEdge', description: 'A ServiceHook and the cursor after it.' },
);

/** The call behind a project's `serviceHooks`: it needs only the project's slug. */
function readServiceHooks(
  context: Context,
  project: PrefetchParents['Project'],
  args: ConnectionArgs,
) {
  return context.sentry.serviceHooks.list(
    project.organizationSlug,
    project.slug,
    pageRequest(args).params,
  );
}

prefetchable('Project', 'serviceHooks', (context, project, { args }) =>
  readServiceHooks(context, project, args),
);

builder.objectFields(Project, (t) => ({
  serviceHooks: t.connection(
    {
      type: ServiceHook,
      nullable: true,
      description:
        'Service hooks of the project. One call: `GET /projects/{org}/{project}/hooks/`.',
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await readServiceHooks(context, project, args);
        return pageToConnection(
          { ...page, items: page.items.map((hook) => ({ ...hook, projectId: project.id })) },
          request,
        );
      },
    },
    ServiceHookConnection,
  ),
}));

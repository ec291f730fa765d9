/** Client keys (DSNs) of a project, and the `Project.keys` list. */

import type { Context } from '../context.ts';
import { projectKey } from '../loaders/keys.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryProjectKey } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from './connections.ts';
import { encodeGlobalId } from './global-id.ts';
import { type PrefetchParents, prefetchable } from './prefetch.ts';
import { Project } from './project.ts';
import { projectResourceKey } from './project-resource-keys.ts';

export type ProjectKeyShape = OrgScoped<SentryProjectKey>;

const ProjectKeyRateLimit = builder
  .objectRef<{ window: number; count: number }>('ProjectKeyRateLimit')
  .implement({
    description: 'How many events a client key may send.',
    fields: (t) => ({
      count: t.exposeInt('count', { description: 'Events allowed per window.' }),
      window: t.exposeInt('window', { description: 'Window length in seconds.' }),
    }),
  });

export const ProjectKeyStatus = builder.enumType('ProjectKeyStatus', {
  description: 'Whether a client key accepts events.',
  values: {
    ACTIVE: { value: 'active', description: 'Accepts events.' },
    INACTIVE: { value: 'inactive', description: 'Disabled: events sent with it are refused.' },
  } as const,
});

export const ProjectKey = builder.objectRef<ProjectKeyShape>('ProjectKey').implement({
  description: 'A client key (DSN) of a project: what SDKs use to send events.',
  fields: (t) => ({
    id: t.id({
      description:
        'Opaque id for `updateProjectKey` and `deleteProjectKey` (not loadable through `node`).',
      resolve: (key) =>
        encodeGlobalId(
          'ProjectKey',
          projectResourceKey(key.organizationSlug, key.projectId, key.id),
        ),
    }),
    sentryId: t.exposeString('id', { description: "Sentry's id: the public key." }),
    name: t.exposeString('name', { description: 'A label, e.g. "Default".' }),
    isActive: t.exposeBoolean('isActive', { description: 'Inactive keys are refused.' }),
    dsn: t.string({
      description: 'The DSN to configure SDKs with.',
      resolve: (key) => key.dsn.public,
    }),
    securityEndpoint: t.string({
      description: 'Where browsers send CSP and other security reports.',
      resolve: (key) => key.dsn.security,
    }),
    minidumpEndpoint: t.string({
      nullable: true,
      description: 'Where native crash reporters upload minidumps.',
      resolve: (key) => key.dsn.minidump || null,
    }),
    otlpTracesEndpoint: t.string({
      nullable: true,
      description:
        'The OpenTelemetry (OTLP/HTTP) traces endpoint of this key, when Sentry has one.',
      resolve: (key) => key.dsn.otlp_traces || null,
    }),
    cdnUrl: t.string({
      description: 'The JavaScript loader script URL.',
      resolve: (key) => key.dsn.cdn,
    }),
    browserSdkVersion: t.string({
      nullable: true,
      description: 'SDK version the loader script serves, e.g. "latest" or "7.x".',
      resolve: (key) => key.browserSdkVersion || null,
    }),
    rateLimit: t.field({
      type: ProjectKeyRateLimit,
      nullable: true,
      description: 'Null when unlimited.',
      resolve: (key) => key.rateLimit,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the key was created.',
      resolve: (key) => key.dateCreated,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project it belongs to (one batched call).',
      resolve: (key) => projectKey(key.organizationSlug, String(key.projectId)),
    }),
  }),
});

export const ProjectKeyConnection = builder.connectionObject(
  { type: ProjectKey, name: 'ProjectKeyConnection', description: 'A page of client keys.' },
  { name: 'ProjectKeyEdge', description: 'A ProjectKey and the cursor after it.' },
);

/** The call behind a project's `keys`: it needs only the project's slug. */
function readProjectKeys(
  context: Context,
  project: PrefetchParents['Project'],
  args: { status?: 'active' | 'inactive' | null | undefined } & ConnectionArgs,
) {
  return context.sentry.projectKeys.list(project.organizationSlug, project.slug, {
    ...pageRequest(args).params,
    ...(args.status ? { status: args.status } : {}),
  });
}

prefetchable('Project', 'keys', (context, project, { args }) =>
  readProjectKeys(context, project, args),
);

builder.objectFields(Project, (t) => ({
  keys: t.connection(
    {
      type: ProjectKey,
      nullable: true,
      description:
        'Client keys (DSNs) of the project. One call: `GET /projects/{org}/{project}/keys/`.',
      args: {
        status: t.arg({
          type: ProjectKeyStatus,
          required: false,
          description: 'Only active or only inactive keys. @default every key',
        }),
      },
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        return pageToConnection(await readProjectKeys(context, project, args), request);
      },
    },
    ProjectKeyConnection,
  ),
}));

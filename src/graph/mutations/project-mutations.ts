/**
 * Project administration: create (under a team), update and delete projects, their client keys
 * and service hooks, and submit user feedback. Sentry addresses projects by id or slug, so the
 * numeric id inside a `Project` global id is used as is: every mutation here costs one call.
 */
import type { Context } from '../../context.ts';
import {
  type ProjectKey as ProjectLoaderKey,
  projectKey,
  splitKey,
  teamKey,
} from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryProject,
  SentryProjectCreate,
  SentryProjectKeyCreate,
  SentryProjectKeyUpdate,
  SentryProjectUpdate,
  SentryServiceHookInput,
} from '../../sentry/types.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../global-id.ts';
import { forgetProject, Project, primeProjects } from '../project.ts';
import { ProjectKey, type ProjectKeyShape } from '../project-key.ts';
import {
  type ProjectResourceKey,
  projectResourceKey,
  splitProjectResourceKey,
} from '../project-resource-keys.ts';
import { ServiceHook, ServiceHookEvent, type ServiceHookShape } from '../service-hook.ts';
import { UserFeedback } from '../user-feedback.ts';
import {
  checkEmail,
  checkEventIdValue,
  checkSlugValue,
  checkText,
  checkUrl,
} from './input-checks.ts';
import {
  attempt,
  type BuilderTypes,
  type FieldPath,
  readIdOf,
  type UserErrorShape,
  UserErrors,
  userErrorsField,
  type WriteFailureOptions,
} from './user-errors.ts';

const SCOPES = { authenticated: true } as const;
/** Sentry's longest auto-resolve age: 720 hours. */
const MAX_RESOLVE_AGE_HOURS = 720;
/** Sentry's longest client-key rate-limit window: one day, in seconds. */
const MAX_RATE_WINDOW_SECONDS = 24 * 60 * 60;
const PLATFORM = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

const parseProjectKey = (id: string): ProjectLoaderKey => projectKey(...splitKey(id));

export function readProjectId(
  errors: UserErrors,
  path: FieldPath,
  id: string,
): [org: string, projectId: string] | undefined {
  const key = readIdOf(errors, path, id, 'Project', parseProjectKey);
  return key ? splitKey(key) : undefined;
}

function checkPlatform(errors: UserErrors, path: FieldPath, platform: string): string {
  if (platform.length > 64 || !PLATFORM.test(platform)) {
    errors.add('INVALID_VALUE', 'Not a platform id, e.g. "python" or "javascript-react".', path);
  }
  return platform;
}

/** Drops this request's cached copies of a project and caches the new body. */
export function refreshProject(context: Context, project: OrgScoped<SentryProject>): void {
  forgetProject(context, project.organizationSlug, project.id);
  primeProjects(context, [project]);
}

interface ProjectPayload {
  project: OrgScoped<SentryProject> | null;
  userErrors: UserErrorShape[];
}

const projectPayload = (name: string) => ({
  description: `The result of \`${name}\`.`,
  outputFields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, ProjectPayload>) => ({
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project as Sentry stored it; null when `userErrors` says why.',
      resolve: (payload) => payload.project,
    }),
    userErrors: userErrorsField(t),
  }),
});

builder.relayMutationField(
  'createProject',
  {
    description: 'A new project.',
    inputFields: (t) => ({
      teamId: t.id({
        description: 'The `Team` that owns it (Sentry creates projects under a team).',
      }),
      name: t.string({ description: 'At most 50 characters.' }),
      slug: t.string({ required: false, description: 'Derived from `name` when left out.' }),
      platform: t.string({ required: false, description: 'e.g. "python" or "javascript-react".' }),
      defaultRules: t.boolean({
        required: false,
        description: 'Create the default alert rule. @default true',
      }),
    }),
  },
  {
    description:
      'Creates a project under a team. One REST call: `POST /teams/{org}/{team}/projects/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectPayload> => {
      const errors = new UserErrors();
      const team = readIdOf(errors, ['input', 'teamId'], input.teamId, 'Team', (id) =>
        teamKey(...splitKey(id)),
      );
      const body: SentryProjectCreate = {
        name: checkText(errors, ['input', 'name'], input.name, { max: 50, required: true }),
      };
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'project');
      if (input.platform != null)
        body.platform = checkPlatform(errors, ['input', 'platform'], input.platform);
      if (input.defaultRules != null) body.default_rules = input.defaultRules;
      if (errors.any || !team) return { project: null, userErrors: errors.list };
      const [org, teamId] = splitKey(team);
      const project = await attempt(
        errors,
        {
          target: ['input', 'teamId'],
          what: 'team',
          fields: {
            name: ['input', 'name'],
            slug: ['input', 'slug'],
            platform: ['input', 'platform'],
          },
        },
        () => context.sentry.projects.create(org, teamId, body),
      );
      if (project) refreshProject(context, project);
      return { project: project ?? null, userErrors: errors.list };
    },
  },
  projectPayload('createProject'),
);

builder.relayMutationField(
  'updateProject',
  {
    description: 'Changes to a project. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Project` to change.' }),
      name: t.string({ required: false, description: 'A new display name.' }),
      slug: t.string({ required: false, description: 'A new slug: changes its URLs.' }),
      platform: t.string({ required: false, description: '`null` clears it.' }),
      isBookmarked: t.boolean({ required: false, description: "For the token's user." }),
      subjectPrefix: t.string({ required: false, description: 'Prefix of notification emails.' }),
      resolveAge: t.int({
        required: false,
        description: `Resolve issues not seen for this many hours (0 to ${MAX_RESOLVE_AGE_HOURS}, 0 = never); \`null\` turns it off.`,
      }),
    }),
  },
  {
    description: 'Changes a project. One REST call: `PUT /projects/{org}/{project}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectPayload> => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'id'], input.id);
      const body: SentryProjectUpdate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 200, required: true });
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'project');
      if (input.platform !== undefined) {
        body.platform =
          input.platform === null
            ? null
            : checkPlatform(errors, ['input', 'platform'], input.platform);
      }
      if (input.isBookmarked != null) body.isBookmarked = input.isBookmarked;
      if (input.subjectPrefix != null)
        body.subjectPrefix = checkText(errors, ['input', 'subjectPrefix'], input.subjectPrefix, {
          max: 200,
        });
      if (input.resolveAge !== undefined) {
        const age = input.resolveAge;
        if (age !== null && (age < 0 || age > MAX_RESOLVE_AGE_HOURS)) {
          errors.add('INVALID_VALUE', `Between 0 and ${MAX_RESOLVE_AGE_HOURS} hours.`, [
            'input',
            'resolveAge',
          ]);
        }
        body.resolveAge = age;
      }
      if (Object.keys(body).length === 0 && !errors.any)
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      if (errors.any || !target) return { project: null, userErrors: errors.list };
      const [org, projectId] = target;
      const project = await attempt(errors, { target: ['input', 'id'], what: 'project' }, () =>
        context.sentry.projects.update(org, projectId, body),
      );
      if (project) refreshProject(context, project);
      return { project: project ?? null, userErrors: errors.list };
    },
  },
  projectPayload('updateProject'),
);

builder.relayMutationField(
  'deleteProject',
  {
    description: 'The project to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `Project` to delete.' }) }),
  },
  {
    description:
      'Deletes a project with its issues and events (Sentry schedules it). One REST call: `DELETE /projects/{org}/{project}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'id'], input.id);
      if (!target) return { deletedProjectId: null, userErrors: errors.list };
      const [org, projectId] = target;
      const key = projectKey(org, projectId);
      const done = await attempt(errors, { target: ['input', 'id'], what: 'project' }, async () => {
        await context.sentry.projects.delete(org, projectId);
        return true;
      }).finally(() => forgetProject(context, org, projectId));
      return {
        deletedProjectId: done ? encodeGlobalId('Project', key) : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `deleteProject`.',
    outputFields: (t) => ({
      deletedProjectId: t.id({
        nullable: true,
        description: 'The id of the deleted project, for removing it from client caches.',
        resolve: (payload) => payload.deletedProjectId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

// --- client keys ---------------------------------------------------------------------------

const ProjectKeyRateLimitInput = builder.inputType('ProjectKeyRateLimitInput', {
  description: 'How many events a client key may send per window.',
  fields: (t) => ({
    count: t.int({ description: 'Events per window (0 or more).' }),
    window: t.int({ description: `Window length in seconds (1 to ${MAX_RATE_WINDOW_SECONDS}).` }),
  }),
});

function rateLimitBody(
  errors: UserErrors,
  rateLimit: { count: number; window: number } | null,
): { count: number | null; window: number | null } {
  if (rateLimit === null) return { count: null, window: null };
  if (rateLimit.count < 0)
    errors.add('INVALID_VALUE', 'At least 0.', ['input', 'rateLimit', 'count']);
  if (rateLimit.window < 1 || rateLimit.window > MAX_RATE_WINDOW_SECONDS) {
    errors.add('INVALID_VALUE', `Between 1 and ${MAX_RATE_WINDOW_SECONDS} seconds.`, [
      'input',
      'rateLimit',
      'window',
    ]);
  }
  return { count: rateLimit.count, window: rateLimit.window };
}

const readProjectKeyId = (errors: UserErrors, id: string) =>
  readResourceId(errors, id, 'ProjectKey');

function readResourceId(
  errors: UserErrors,
  id: string,
  typename: 'ProjectKey' | 'ServiceHook',
): [org: string, projectId: string, id: string] | undefined {
  const key = readIdOf(errors, ['input', 'id'], id, typename, (raw): ProjectResourceKey => {
    splitProjectResourceKey(raw);
    return raw as ProjectResourceKey;
  });
  return key ? splitProjectResourceKey(key) : undefined;
}

interface ProjectKeyPayload {
  projectKey: ProjectKeyShape | null;
  userErrors: UserErrorShape[];
}

const projectKeyPayload = (name: string) => ({
  description: `The result of \`${name}\`.`,
  outputFields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, ProjectKeyPayload>) => ({
    projectKey: t.field({
      type: ProjectKey,
      nullable: true,
      description: 'The key as Sentry stored it; null when `userErrors` says why.',
      resolve: (payload) => payload.projectKey,
    }),
    userErrors: userErrorsField(t),
  }),
});

builder.relayMutationField(
  'createProjectKey',
  {
    description: 'A new client key (DSN) for a project.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project`.' }),
      name: t.string({ required: false, description: 'At most 64 characters.' }),
      rateLimit: t.field({
        type: ProjectKeyRateLimitInput,
        required: false,
        description: 'Unlimited when left out.',
      }),
    }),
  },
  {
    description: 'Creates a client key. One REST call: `POST /projects/{org}/{project}/keys/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectKeyPayload> => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const body: SentryProjectKeyCreate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64 });
      if (input.rateLimit != null) body.rateLimit = rateLimitBody(errors, input.rateLimit);
      if (errors.any || !target) return { projectKey: null, userErrors: errors.list };
      const [org, projectId] = target;
      const key = await attempt(errors, { target: ['input', 'projectId'], what: 'project' }, () =>
        context.sentry.projectKeys.create(org, projectId, body),
      );
      return { projectKey: key ?? null, userErrors: errors.list };
    },
  },
  projectKeyPayload('createProjectKey'),
);

builder.relayMutationField(
  'updateProjectKey',
  {
    description: 'Changes to a client key. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `ProjectKey` (its `id` field).' }),
      name: t.string({ required: false, description: 'A new label.' }),
      isActive: t.boolean({
        required: false,
        description: 'False makes Sentry refuse its events.',
      }),
      rateLimit: t.field({
        type: ProjectKeyRateLimitInput,
        required: false,
        description: '`null` removes the limit.',
      }),
    }),
  },
  {
    description:
      'Changes a client key. One REST call: `PUT /projects/{org}/{project}/keys/{key}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectKeyPayload> => {
      const errors = new UserErrors();
      const target = readProjectKeyId(errors, input.id);
      const body: SentryProjectKeyUpdate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64, required: true });
      if (input.isActive != null) body.isActive = input.isActive;
      if (input.rateLimit !== undefined) body.rateLimit = rateLimitBody(errors, input.rateLimit);
      if (Object.keys(body).length === 0 && !errors.any)
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      if (errors.any || !target) return { projectKey: null, userErrors: errors.list };
      const [org, projectId, keyId] = target;
      const key = await attempt(errors, { target: ['input', 'id'], what: 'client key' }, () =>
        context.sentry.projectKeys.update(org, projectId, keyId, body),
      );
      return { projectKey: key ?? null, userErrors: errors.list };
    },
  },
  projectKeyPayload('updateProjectKey'),
);

builder.relayMutationField(
  'deleteProjectKey',
  {
    description: 'The client key to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `ProjectKey` (its `id` field).' }) }),
  },
  {
    description:
      'Deletes a client key: SDKs using its DSN can no longer send events. One REST call: `DELETE /projects/{org}/{project}/keys/{key}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const target = readProjectKeyId(errors, input.id);
      if (!target) return { deletedProjectKeyId: null, userErrors: errors.list };
      const [org, projectId, keyId] = target;
      const done = await attempt(
        errors,
        { target: ['input', 'id'], what: 'client key' },
        async () => {
          await context.sentry.projectKeys.delete(org, projectId, keyId);
          return true;
        },
      );
      return {
        deletedProjectKeyId: done
          ? encodeGlobalId('ProjectKey', projectResourceKey(org, projectId, keyId))
          : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `deleteProjectKey`.',
    outputFields: (t) => ({
      deletedProjectKeyId: t.id({
        nullable: true,
        description: 'The id of the deleted key.',
        resolve: (payload) => payload.deletedProjectKeyId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

// --- service hooks -------------------------------------------------------------------------

type HookEvent = (typeof ServiceHookEvent)['$inferType'];

interface ServiceHookPayload {
  serviceHook: ServiceHookShape | null;
  userErrors: UserErrorShape[];
}

const serviceHookPayload = (name: string) => ({
  description: `The result of \`${name}\`.`,
  outputFields: (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, ServiceHookPayload>) => ({
    serviceHook: t.field({
      type: ServiceHook,
      nullable: true,
      description: 'The hook as Sentry stored it; null when `userErrors` says why.',
      resolve: (payload) => payload.serviceHook,
    }),
    userErrors: userErrorsField(t),
  }),
});

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
    authScopes: SCOPES,
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
  serviceHookPayload('createServiceHook'),
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
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<ServiceHookPayload> => {
      const errors = new UserErrors();
      const target = readResourceId(errors, input.id, 'ServiceHook');
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
  serviceHookPayload('updateServiceHook'),
);

builder.relayMutationField(
  'deleteServiceHook',
  {
    description: 'The service hook to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `ServiceHook` (its `id` field).' }) }),
  },
  {
    description:
      'Deletes a service hook. One REST call: `DELETE /projects/{org}/{project}/hooks/{hook}/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const target = readResourceId(errors, input.id, 'ServiceHook');
      if (!target) return { deletedServiceHookId: null, userErrors: errors.list };
      const [org, projectId, hookId] = target;
      const done = await attempt(
        errors,
        { target: ['input', 'id'], what: 'service hook' },
        async () => {
          await context.sentry.serviceHooks.delete(org, projectId, hookId);
          return true;
        },
      );
      return {
        deletedServiceHookId: done
          ? encodeGlobalId('ServiceHook', projectResourceKey(org, projectId, hookId))
          : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `deleteServiceHook`.',
    outputFields: (t) => ({
      deletedServiceHookId: t.id({
        nullable: true,
        description: 'The id of the deleted hook.',
        resolve: (payload) => payload.deletedServiceHookId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

// --- user feedback -------------------------------------------------------------------------

builder.relayMutationField(
  'submitUserFeedback',
  {
    description: 'Feedback from a user of the application about an event.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project` of the event.' }),
      eventId: t.string({ description: 'The event the user saw: 32 hexadecimal digits.' }),
      name: t.string({ description: 'The user’s name (at most 128 characters).' }),
      email: t.string({ description: 'The user’s email.' }),
      comments: t.string({ description: 'What the user wrote.' }),
    }),
  },
  {
    description:
      'Records user feedback for an event. One REST call: `POST /projects/{org}/{project}/user-feedback/`.',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const body = {
        event_id: checkEventIdValue(errors, ['input', 'eventId'], input.eventId),
        name: checkText(errors, ['input', 'name'], input.name, { max: 128, required: true }),
        email: checkEmail(errors, ['input', 'email'], input.email),
        comments: checkText(errors, ['input', 'comments'], input.comments, {
          max: 10_000,
          required: true,
        }),
      };
      if (errors.any || !target) return { userFeedback: null, userErrors: errors.list };
      const [org, projectId] = target;
      const feedback = await attempt(
        errors,
        {
          target: ['input', 'projectId'],
          what: 'project',
          fields: {
            event_id: ['input', 'eventId'],
            name: ['input', 'name'],
            email: ['input', 'email'],
            comments: ['input', 'comments'],
          },
        },
        () => context.sentry.userFeedback.submit(org, projectId, body),
      );
      return {
        userFeedback: feedback ? { ...feedback, projectId } : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `submitUserFeedback`.',
    outputFields: (t) => ({
      userFeedback: t.field({
        type: UserFeedback,
        nullable: true,
        description: 'The feedback as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.userFeedback,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

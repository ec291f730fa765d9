/**
 * Projects: the organization's project list (with Sentry's `query=id:1 id:2` / `slug:` bulk
 * form and `all_projects=1`), detail, update, delete, client keys, service hooks, user feedback,
 * end users and tag values.
 */
import type { SentryProjectKeyUpdate, SentryProjectUpdate } from '../../../sentry/types.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import {
  bodyObject,
  booleanField,
  numberField,
  ORG_READ,
  objectField,
  orgOf,
  PROJECT_ADMIN,
  PROJECT_READ,
  PROJECT_WRITE,
  projectOf,
  slugField,
  storeCall,
  stringField,
  stringListField,
} from '../../http/params.ts';
import { badRequest, created, forbidden, found, noContent, ok } from '../../http/reply.ts';
import { projectUsers } from '../event-users/wire.ts';
import {
  addServiceHook,
  deleteServiceHook,
  findServiceHook,
  updateServiceHook,
} from '../hooks/store.ts';
import {
  addProjectKey,
  deleteProjectKey,
  findProjectKey,
  updateProjectKey,
} from '../keys/store.ts';
import { projectTagValues } from '../tags/aggregate.ts';
import { addUserFeedback } from '../user-feedback/store.ts';
import { userFeedbackBody } from '../user-feedback/wire.ts';
import { filterProjects } from './search.ts';
import { deleteProject, updateProject } from './store.ts';
import { projectDetail } from './wire.ts';

const HOOK_EVENTS = ['event.alert', 'event.created'];

function hookInput(body: Record<string, unknown>, required: boolean) {
  const url = stringField(body, 'url', { required });
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
    throw badRequest({ url: ['Enter a valid URL.'] });
  }
  const events = stringListField(body, 'events', { required });
  const invalid = events?.find((event) => !HOOK_EVENTS.includes(event));
  if (invalid !== undefined) {
    throw badRequest({ events: [`Invalid event name: ${invalid}`] });
  }
  return { url, events };
}

function rateLimitInput(body: Record<string, unknown>) {
  const rateLimit = objectField(body, 'rateLimit', { nullable: true });
  if (rateLimit === undefined) return undefined;
  const count = numberField(rateLimit, 'count', { nullable: true });
  const window = numberField(rateLimit, 'window', { nullable: true });
  return { count: count ?? null, window: window ?? null };
}

export const projectRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/projects/', ORG_READ, (context) => {
    const org = orgOf(context);
    const projects = filterProjects(org, context.query.get('query')).sort((a, b) =>
      a.wire.slug < b.wire.slug ? -1 : a.wire.slug > b.wire.slug ? 1 : 0,
    );
    const rows = projects.map((project) => project.wire);
    // `all_projects=1`: every project in one unpaginated response.
    if (context.query.get('all_projects') === '1') return ok(rows);
    return paginate(rows, context.page);
  }),

  route('GET /api/0/projects/{org}/{project}/', PROJECT_READ, (context) =>
    ok(projectDetail(context.data, projectOf(context))),
  ),

  route('PUT /api/0/projects/{org}/{project}/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const body = bodyObject(context);
    const patch: SentryProjectUpdate = {};
    const name = stringField(body, 'name', { maxLength: 200 });
    if (name !== undefined) {
      if (name.trim() === '') throw badRequest({ name: ['This field may not be blank.'] });
      patch.name = name;
    }
    const slug = slugField(body, 'slug');
    if (slug !== undefined) patch.slug = slug;
    const platform = stringField(body, 'platform', { nullable: true });
    if (platform !== undefined || body['platform'] === null) patch.platform = platform ?? null;
    const isBookmarked = booleanField(body, 'isBookmarked');
    if (isBookmarked !== undefined) patch.isBookmarked = isBookmarked;
    for (const key of ['subjectPrefix', 'subjectTemplate'] as const) {
      const value = stringField(body, key);
      if (value !== undefined) patch[key] = value;
    }
    const resolveAge = numberField(body, 'resolveAge', { nullable: true });
    if (resolveAge !== undefined) patch.resolveAge = resolveAge;
    const highlightTags = stringListField(body, 'highlightTags');
    if (highlightTags !== undefined) patch.highlightTags = highlightTags;
    for (const key of ['enableAutoReleaseCreation', 'scmSourceContextEnabled'] as const) {
      const value = booleanField(body, key);
      if (value !== undefined) patch[key] = value;
    }
    // Changing anything but the bookmark needs project:write (Sentry checks per field).
    const onlyBookmark = Object.keys(patch).every((key) => key === 'isBookmarked');
    if (
      !onlyBookmark &&
      !context.token.scopes.some((s) => s === 'project:write' || s === 'project:admin')
    ) {
      throw forbidden();
    }
    storeCall(() => updateProject(org, project, patch));
    return ok(projectDetail(context.data, project));
  }),

  route('DELETE /api/0/projects/{org}/{project}/', PROJECT_ADMIN, (context) => {
    const org = orgOf(context);
    deleteProject(context.data, org, projectOf(context, org));
    return noContent();
  }),

  // --- client keys -------------------------------------------------------------------------

  route('GET /api/0/projects/{org}/{project}/keys/', PROJECT_READ, (context) => {
    const status = context.query.get('status');
    const keys = projectOf(context).keys.filter(
      (key) =>
        !status ||
        (status === 'active' && key.wire.isActive) ||
        (status === 'inactive' && !key.wire.isActive),
    );
    return paginate(
      keys.map((key) => key.wire),
      context.page,
    );
  }),

  route('POST /api/0/projects/{org}/{project}/keys/', PROJECT_WRITE, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const body = bodyObject(context);
    const name = stringField(body, 'name', { nullable: true, maxLength: 64 });
    const rateLimit = rateLimitInput(body);
    const input: Parameters<typeof addProjectKey>[3] = { name: name ?? null };
    if (rateLimit) input.rateLimit = rateLimit;
    return created(addProjectKey(context.data, org, project, input).wire);
  }),

  route('GET /api/0/projects/{org}/{project}/keys/{key_id}/', PROJECT_READ, (context) =>
    ok(found(findProjectKey(projectOf(context), context.params['key_id'] ?? '')).wire),
  ),

  route('PUT /api/0/projects/{org}/{project}/keys/{key_id}/', PROJECT_WRITE, (context) => {
    const key = found(findProjectKey(projectOf(context), context.params['key_id'] ?? ''));
    const body = bodyObject(context);
    const patch: SentryProjectKeyUpdate = {};
    const name = stringField(body, 'name', { maxLength: 64 });
    if (name !== undefined) patch.name = name;
    const isActive = booleanField(body, 'isActive');
    if (isActive !== undefined) patch.isActive = isActive;
    const rateLimit = rateLimitInput(body);
    if (rateLimit !== undefined) patch.rateLimit = rateLimit;
    const sdk = stringField(body, 'browserSdkVersion');
    if (sdk !== undefined) {
      if (sdk !== 'latest' && sdk !== '7.x') {
        throw badRequest({ browserSdkVersion: [`"${sdk}" is not a valid choice.`] });
      }
      patch.browserSdkVersion = sdk;
    }
    const loader = objectField(body, 'dynamicSdkLoaderOptions');
    if (loader !== undefined) {
      const options: NonNullable<SentryProjectKeyUpdate['dynamicSdkLoaderOptions']> = {};
      for (const flag of [
        'hasReplay',
        'hasPerformance',
        'hasDebug',
        'hasFeedback',
        'hasLogsAndMetrics',
      ] as const) {
        const value = booleanField(loader, flag);
        if (value !== undefined) options[flag] = value;
      }
      patch.dynamicSdkLoaderOptions = options;
    }
    return ok(updateProjectKey(key, patch).wire);
  }),

  route('DELETE /api/0/projects/{org}/{project}/keys/{key_id}/', PROJECT_ADMIN, (context) => {
    const project = projectOf(context);
    deleteProjectKey(project, found(findProjectKey(project, context.params['key_id'] ?? '')));
    return noContent();
  }),

  // --- service hooks -----------------------------------------------------------------------

  route('GET /api/0/projects/{org}/{project}/hooks/', ['project:read'], (context) =>
    paginate(
      projectOf(context).hooks.map((hook) => hook.wire),
      context.page,
    ),
  ),

  route('POST /api/0/projects/{org}/{project}/hooks/', ['project:write'], (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const { url, events } = hookInput(bodyObject(context), true);
    const hook = addServiceHook(context.data, org, project, {
      url: url as string,
      events: events as string[],
    });
    return created(hook.wire);
  }),

  route('GET /api/0/projects/{org}/{project}/hooks/{hook_id}/', ['project:read'], (context) =>
    ok(found(findServiceHook(projectOf(context), context.params['hook_id'] ?? '')).wire),
  ),

  route('PUT /api/0/projects/{org}/{project}/hooks/{hook_id}/', ['project:write'], (context) => {
    const hook = found(findServiceHook(projectOf(context), context.params['hook_id'] ?? ''));
    const { url, events } = hookInput(bodyObject(context), false);
    const patch: { url?: string; events?: string[] } = {};
    if (url !== undefined) patch.url = url;
    if (events !== undefined) patch.events = events;
    return ok(updateServiceHook(hook, patch).wire);
  }),

  route('DELETE /api/0/projects/{org}/{project}/hooks/{hook_id}/', ['project:admin'], (context) => {
    const project = projectOf(context);
    deleteServiceHook(project, found(findServiceHook(project, context.params['hook_id'] ?? '')));
    return noContent();
  }),

  // --- user feedback, users, tag values ----------------------------------------------------

  route('GET /api/0/projects/{org}/{project}/user-feedback/', ['project:read'], (context) =>
    paginate(
      projectOf(context).feedback.map((feedback) => userFeedbackBody(context.data, feedback)),
      context.page,
    ),
  ),

  route('POST /api/0/projects/{org}/{project}/user-feedback/', ['project:write'], (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const body = bodyObject(context);
    const eventId = stringField(body, 'event_id', { required: true }) as string;
    if (!/^[0-9a-f]{32}$/i.test(eventId.replaceAll('-', ''))) {
      throw badRequest({ event_id: ['Enter a valid event id.'] });
    }
    const name = stringField(body, 'name', { required: true, maxLength: 128 }) as string;
    const email = stringField(body, 'email', { required: true, maxLength: 75 }) as string;
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw badRequest({ email: ['Enter a valid email address.'] });
    const comments = stringField(body, 'comments', { required: true }) as string;
    const feedback = addUserFeedback(context.data, org, project, {
      event_id: eventId,
      name,
      email,
      comments,
    });
    return ok(userFeedbackBody(context.data, feedback));
  }),

  route('GET /api/0/projects/{org}/{project}/users/', PROJECT_READ, (context) => {
    let users = projectUsers(context.data, projectOf(context));
    const raw = context.query.get('query');
    if (raw) {
      // `email:a@b`, `username:x`, `id:1`, `ip:1.2.3.4`, or a bare term over all of them.
      const colon = raw.indexOf(':');
      const key = colon > 0 ? raw.slice(0, colon) : undefined;
      const value = (colon > 0 ? raw.slice(colon + 1) : raw).toLowerCase();
      users = users.filter((user) => {
        const fields: Record<string, string> = {
          email: user.email,
          username: user.username,
          id: user.id ?? '',
          ip: user.ipAddress,
        };
        if (key !== undefined) return fields[key]?.toLowerCase() === value;
        return Object.values(fields).some((f) => f.toLowerCase().includes(value));
      });
    }
    return paginate(users, context.page);
  }),

  route('GET /api/0/projects/{org}/{project}/tags/{key}/values/', ['project:read'], (context) =>
    paginate(
      projectTagValues(context.data, projectOf(context), context.params['key'] ?? ''),
      context.page,
    ),
  ),
];

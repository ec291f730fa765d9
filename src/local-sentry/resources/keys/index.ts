/**
 * Client keys (DSNs) of a project: records, their generation, wire body and routes. This folder
 * owns them.
 */
import type { SentryProjectKeyUpdate } from '../../../sentry/types.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import {
  bodyObject,
  booleanField,
  numberField,
  objectField,
  stringField,
} from '../../http/params.ts';
import { badRequest, created, found, noContent, ok } from '../../http/reply.ts';
import { ORG_READ, PROJECT_ADMIN, PROJECT_READ, PROJECT_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { projectKeyBody } from './build.ts';
import type { ProjectKeyRecord } from './record.ts';
import { addProjectKey, deleteProjectKey, findProjectKey, updateProjectKey } from './store.ts';

function rateLimitInput(body: Record<string, unknown>) {
  const rateLimit = objectField(body, 'rateLimit', { nullable: true });
  if (rateLimit === undefined) return undefined;
  const count = numberField(rateLimit, 'count', { nullable: true });
  const window = numberField(rateLimit, 'window', { nullable: true });
  return { count: count ?? null, window: window ?? null };
}

/** `status=active|inactive` of the key lists. */
const statusFilter = (status: string | null) => (key: ProjectKeyRecord) =>
  !status ||
  (status === 'active' && key.wire.isActive) ||
  (status === 'inactive' && !key.wire.isActive);

export const keyRoutes = (): RouteDef[] => [
  // Every key of the organization's projects (of one team with `team=`), project by project.
  route('GET /api/0/organizations/{org}/project-keys/', ORG_READ, (context) => {
    const org = orgOf(context);
    const team = context.query.get('team');
    const projects = team
      ? org.projects.filter((project) =>
          project.teamSlugs.some(
            (slug) => slug === team || org.teamsBySlug.get(slug)?.wire.id === team,
          ),
        )
      : org.projects;
    const keys = projects
      .flatMap((project) => project.keys)
      .filter(statusFilter(context.query.get('status')));
    return paginateMapped(keys, context.page, (key) => projectKeyBody(context.baseUrl, key.wire));
  }),

  route('GET /api/0/projects/{org}/{project}/keys/', PROJECT_READ, (context) => {
    const keys = projectOf(context).keys.filter(statusFilter(context.query.get('status')));
    return paginateMapped(keys, context.page, (key) => projectKeyBody(context.baseUrl, key.wire));
  }),

  route('POST /api/0/projects/{org}/{project}/keys/', PROJECT_WRITE, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const body = bodyObject(context);
    const name = stringField(body, 'name', { nullable: true, maxLength: 64 });
    const rateLimit = rateLimitInput(body);
    const input: Parameters<typeof addProjectKey>[3] = { name: name ?? null };
    if (rateLimit) input.rateLimit = rateLimit;
    return created(
      projectKeyBody(context.baseUrl, addProjectKey(context.data, org, project, input).wire),
    );
  }),

  route('GET /api/0/projects/{org}/{project}/keys/{key_id}/', PROJECT_READ, (context) =>
    ok(
      projectKeyBody(
        context.baseUrl,
        found(findProjectKey(projectOf(context), context.params['key_id'] ?? '')).wire,
      ),
    ),
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
    return ok(projectKeyBody(context.baseUrl, updateProjectKey(key, patch).wire));
  }),

  route('DELETE /api/0/projects/{org}/{project}/keys/{key_id}/', PROJECT_ADMIN, (context) => {
    const project = projectOf(context);
    deleteProjectKey(project, found(findProjectKey(project, context.params['key_id'] ?? '')));
    return noContent();
  }),
];

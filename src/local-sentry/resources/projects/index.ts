/**
 * Projects: records, their generation, the list's `query` (Sentry's `id:1 id:2` / `slug:` bulk
 * form), the detail body and the routes (list with `all_projects=1`, detail, update, delete).
 * This folder owns them; a project's keys, hooks, feedback and users have folders of their own.
 */
import type { SentryProjectUpdate } from '../../../sentry/types.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import {
  bodyObject,
  booleanField,
  numberField,
  slugField,
  storeCall,
  stringField,
  stringListField,
} from '../../http/params.ts';
import { badRequest, forbidden, noContent, ok } from '../../http/reply.ts';
import { ORG_READ, PROJECT_ADMIN, PROJECT_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from './request.ts';
import { filterProjects } from './search.ts';
import { deleteProject, updateProject } from './store.ts';
import { projectDetail, projectRow } from './wire.ts';

export const projectRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/projects/', ORG_READ, (context) => {
    const org = orgOf(context);
    const projects = filterProjects(org, context.query.get('query')).sort((a, b) =>
      a.wire.slug < b.wire.slug ? -1 : a.wire.slug > b.wire.slug ? 1 : 0,
    );
    const rows = projects.map((project) => projectRow(project.wire));
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
];

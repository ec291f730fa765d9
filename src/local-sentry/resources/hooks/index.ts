/**
 * Service hooks of a project: records, their generation, store and routes. This folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, stringField, stringListField } from '../../http/params.ts';
import { badRequest, created, found, noContent, ok } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { addServiceHook, deleteServiceHook, findServiceHook, updateServiceHook } from './store.ts';

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

export const hookRoutes = (): RouteDef[] => [
  route('GET /api/0/projects/{org}/{project}/hooks/', ['project:read'], (context) =>
    paginateMapped(projectOf(context).hooks, context.page, (hook) => hook.wire),
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
];

/**
 * Crons: an organization's monitors and their check-ins — records, seeded generation, schedule
 * rules, wire bodies and routes. This folder owns them.
 *
 * The check-in list is served under both spellings: the spec documents
 * `/organizations/{org}/…/checkins/` (plural), the seeds `/organization/{org}/…` (singular),
 * where Sentry also takes the check-in writes.
 */
import type { RequestContext } from '../../http/context.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, storeCall } from '../../http/params.ts';
import { created, found, HttpError, notFound, ok, type Reply } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import { findProject } from '../projects/store.ts';
import { monitorBody } from './build.ts';
import { checkInInput, monitorInput, monitorOf } from './request.ts';
import {
  addCheckIn,
  createMonitor,
  deleteMonitor,
  findCheckIn,
  updateCheckIn,
  updateMonitor,
} from './store.ts';

// Scopes as the spec's `security` lists them; the check-in writes (not in the spec) take
// those of the monitor writes.
const LIST = ['alerts:read', 'org:read', 'org:write', 'org:admin'];
const CREATE = ['alerts:write', 'org:read', 'org:write', 'org:admin'];
const READ = ['alerts:read', 'alerts:write', 'project:read', 'project:write', 'project:admin'];
const WRITE = ['alerts:write', 'project:write', 'project:admin'];

const environmentsOf = (context: RequestContext) =>
  context.query.getAll('environment').filter((environment) => environment !== '');

function projectNamed(context: RequestContext, idOrSlug: string) {
  const project = findProject(context.data, orgOf(context), idOrSlug);
  if (!project) throw new HttpError(400, { project: ['Invalid project'] });
  return project;
}

function listCheckIns(context: RequestContext) {
  const monitor = monitorOf(context);
  const environments = environmentsOf(context);
  const checkIns = monitor.checkIns.filter(
    (checkIn) => environments.length === 0 || environments.includes(checkIn.environment),
  );
  return paginateMapped(checkIns, context.page, (checkIn) => checkIn);
}

function getMonitor(context: RequestContext) {
  return ok(monitorBody(context.data, monitorOf(context), environmentsOf(context)));
}

function putMonitor(context: RequestContext) {
  const org = orgOf(context);
  const monitor = monitorOf(context);
  const input = monitorInput(bodyObject(context), {
    required: false,
    current: monitor.wire.config,
  });
  const project = input.project === undefined ? undefined : projectNamed(context, input.project);
  storeCall(() => updateMonitor(org, monitor, input, project));
  return ok(monitorBody(context.data, monitor));
}

function removeMonitor(context: RequestContext): Reply {
  const org = orgOf(context);
  const monitor = monitorOf(context);
  const environments = environmentsOf(context);
  if (environments.some((name) => !monitor.environments.some((e) => e.name === name))) {
    throw notFound();
  }
  deleteMonitor(org, monitor, environments);
  return { status: 202 };
}

export const monitorRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/monitors/', LIST, (context) => {
    const org = orgOf(context);
    const projects = new Set(selectedProjects(context, org).map((p) => p.wire.id));
    const environments = environmentsOf(context);
    const monitors = org.monitors.filter(
      (monitor) =>
        projects.has(monitor.projectId) &&
        (environments.length === 0 ||
          monitor.environments.some((e) => environments.includes(e.name))),
    );
    return paginateMapped(monitors, context.page, (monitor) =>
      monitorBody(context.data, monitor, environments),
    );
  }),

  route('POST /api/0/organizations/{org}/monitors/', CREATE, (context) => {
    const org = orgOf(context);
    const input = monitorInput(bodyObject(context), { required: true });
    const project = projectNamed(context, input.project ?? '');
    const monitor = storeCall(() =>
      createMonitor(context.data, org, project, {
        ...input,
        name: input.name ?? '',
        config: input.config ?? {},
      }),
    );
    return created(monitorBody(context.data, monitor));
  }),

  route('GET /api/0/organizations/{org}/monitors/{monitor_slug}/', READ, getMonitor),

  route('PUT /api/0/organizations/{org}/monitors/{monitor_slug}/', WRITE, putMonitor),
  route('DELETE /api/0/organizations/{org}/monitors/{monitor_slug}/', WRITE, removeMonitor),

  route('GET /api/0/organizations/{org}/monitors/{monitor_slug}/checkins/', READ, listCheckIns),
  route('GET /api/0/organization/{org}/monitors/{monitor_slug}/checkins/', READ, listCheckIns),

  // The project-scoped forms of the spec: the monitor must belong to the project.
  route('GET /api/0/projects/{org}/{project}/monitors/{monitor_slug}/', READ, getMonitor),
  route('PUT /api/0/projects/{org}/{project}/monitors/{monitor_slug}/', WRITE, putMonitor),
  route('DELETE /api/0/projects/{org}/{project}/monitors/{monitor_slug}/', WRITE, removeMonitor),
  route(
    'GET /api/0/projects/{org}/{project}/monitors/{monitor_slug}/checkins/',
    READ,
    listCheckIns,
  ),

  route('POST /api/0/organization/{org}/monitors/{monitor_slug}/checkins/', WRITE, (context) => {
    const monitor = monitorOf(context);
    const input = checkInInput(bodyObject(context));
    if (monitor.wire.status === 'disabled') {
      throw new HttpError(400, { detail: 'The monitor is disabled.' });
    }
    return created(addCheckIn(context.data, monitor, input));
  }),

  route(
    'PUT /api/0/organization/{org}/monitors/{monitor_slug}/checkins/{checkin_id}/',
    WRITE,
    (context) => {
      const monitor = monitorOf(context);
      const checkIn = found(findCheckIn(monitor, context.params['checkin_id'] ?? ''));
      const input = checkInInput(bodyObject(context));
      return ok(storeCall(() => updateCheckIn(context.data, checkIn, input)));
    },
  ),
];

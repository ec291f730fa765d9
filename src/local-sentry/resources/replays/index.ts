/**
 * Session replays: the organization's replay list and detail, the project-scoped detail and
 * delete, recording segments, clicks, replay tag keys and values, and the replay counts the
 * issue stream asks for — records, seeded generation, search, wire bodies and routes. This
 * folder owns them.
 *
 * Seed and spec disagree in places; the spec wins: replay ids are 32 hex digits without
 * dashes, the segment list streams the segments' rrweb events (the seed's metadata rows are
 * what one segment answers without `download`), and a click's `timestamp` is an ISO datetime
 * (the seed says a number). The replay detail is served where the spec has it
 * (`/organizations/{org}/replays/{id}/`) and where the seed has it (`/projects/…`).
 */
import type { RequestContext } from '../../http/context.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { timeRange } from '../../http/params.ts';
import { badRequest, found, noContent, notFound, ok, type Reply } from '../../http/reply.ts';
import { ORG_READ, PROJECT_READ, PROJECT_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf, selectedProjects } from '../projects/request.ts';
import { findProject } from '../projects/store.ts';
import { replayBody, requestedFields, segmentBody } from './build.ts';
import { replayCounts } from './counts.ts';
import type { ReplayRecord } from './record.ts';
import { searchClicks, searchReplays, sortReplays } from './search.ts';
import { segmentEvents } from './segments.ts';
import { deleteReplay, findReplay } from './store.ts';
import { replayTagKeys, replayTagValues } from './tags.ts';

/** Sentry reads the list's range from `statsPeriod`/`start`/`end`, 14 days by default. */
const DEFAULT_PERIOD = '14d';

const environmentsOf = (context: RequestContext) =>
  context.query.getAll('environment').filter((environment) => environment !== '');

/** `project=` ids and `projectSlug=` slugs, as the spec's list parameters name them. */
function listProjects(context: RequestContext) {
  const org = orgOf(context);
  const slugs = context.query.getAll('projectSlug').filter((slug) => slug !== '');
  const projects = new Set(selectedProjects(context, org));
  if (slugs.length === 0) return projects;
  const named = new Set(
    slugs.map((slug) => {
      const project = findProject(context.data, org, slug);
      if (!project || !projects.has(project)) throw badRequest({ detail: 'Invalid project' });
      return project;
    }),
  );
  return named;
}

function inRange(context: RequestContext, replay: ReplayRecord): boolean {
  const { start, end } = timeRange(context, DEFAULT_PERIOD);
  return replay.finishedAt >= start && replay.startedAt <= end;
}

function listReplays(context: RequestContext): Reply {
  const org = orgOf(context);
  const fields = requestedFields(context.query);
  const projects = new Set([...listProjects(context)].map((project) => project.wire.id));
  const environments = environmentsOf(context);
  const scoped = org.replays.filter(
    (replay) =>
      projects.has(replay.projectId) &&
      (environments.length === 0 || environments.includes(replay.wire.environment ?? '')) &&
      inRange(context, replay),
  );
  const matched = sortReplays(
    searchReplays(scoped, context.query.get('query') ?? ''),
    context.query.get('sort') ?? context.query.get('sortBy') ?? context.query.get('orderBy'),
  );
  const page = paginate(matched, context.page);
  const rows = (page.body as ReplayRecord[]).map((replay) => replayBody(replay, fields));
  return { ...page, body: { data: rows } };
}

/**
 * The `{replay_id}` of the request (dashes allowed), on the `{project}` when the path names one.
 * Sentry answers a malformed id as an unknown one: 404.
 */
function replayOf(context: RequestContext): ReplayRecord {
  const org = orgOf(context);
  const replay = found(findReplay(org, context.params['replay_id'] ?? ''));
  if (
    context.params['project'] !== undefined &&
    projectOf(context, org).wire.id !== replay.projectId
  ) {
    throw notFound();
  }
  return replay;
}

function getReplay(context: RequestContext): Reply {
  const fields = requestedFields(context.query);
  const replay = replayOf(context);
  if (!inRange(context, replay)) throw notFound();
  return ok({ data: replayBody(replay, fields) });
}

const SEGMENTS = '/api/0/projects/{org}/{project}/replays/{replay_id}/recording-segments/';

export const replayRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/replay-count/', ORG_READ, (context) =>
    ok(replayCounts(context)),
  ),

  route('GET /api/0/organizations/{org}/replays/', ORG_READ, listReplays),
  route('GET /api/0/organizations/{org}/replays/{replay_id}/', ORG_READ, getReplay),
  route('GET /api/0/projects/{org}/{project}/replays/{replay_id}/', PROJECT_READ, getReplay),

  route('DELETE /api/0/projects/{org}/{project}/replays/{replay_id}/', PROJECT_WRITE, (context) => {
    deleteReplay(orgOf(context), replayOf(context));
    return noContent();
  }),

  // Sentry streams every segment's events (`download` or not; the spec's answer).
  route(`GET ${SEGMENTS}`, PROJECT_READ, (context) => {
    const replay = replayOf(context);
    const ids = Array.from({ length: replay.wire.count_segments ?? 0 }, (_, i) => i);
    const page = paginate(ids, context.page);
    return { ...page, body: (page.body as number[]).map((id) => segmentEvents(replay, id)) };
  }),

  route(`GET ${SEGMENTS}{segment_id}/`, PROJECT_READ, (context) => {
    const replay = replayOf(context);
    const raw = context.params['segment_id'] ?? '';
    if (!/^\d+$/.test(raw)) throw notFound();
    const segmentId = Number(raw);
    if (segmentId >= (replay.wire.count_segments ?? 0)) throw notFound();
    if (context.query.has('download')) {
      // The segment's bytes as the SDK uploaded them: its rrweb events as JSON.
      return {
        status: 200,
        body: segmentEvents(replay, segmentId),
        headers: { 'Content-Type': 'application/octet-stream' },
      };
    }
    return ok({ data: segmentBody(replay, segmentId) });
  }),

  route(
    'GET /api/0/projects/{org}/{project}/replays/{replay_id}/clicks/',
    PROJECT_READ,
    (context) => {
      const replay = replayOf(context);
      const environments = environmentsOf(context);
      const clicks =
        environments.length === 0 || environments.includes(replay.wire.environment ?? '')
          ? searchClicks(replay, context.query.get('query') ?? '')
          : [];
      const page = paginate(clicks, context.page);
      const rows = (page.body as typeof clicks).map((click) => ({
        node_id: click.nodeId,
        timestamp: new Date(click.timestamp).toISOString(),
      }));
      return { ...page, body: { data: rows } };
    },
  ),

  // Tag keys and values of the seed (the spec has none): project-scoped, project scopes.
  route('GET /api/0/projects/{org}/{project}/replays/tags/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    return ok(replayTagKeys(org.replays.filter((replay) => replay.projectId === project.wire.id)));
  }),

  route(
    'GET /api/0/projects/{org}/{project}/replays/tags/{key}/values/',
    PROJECT_READ,
    (context) => {
      const org = orgOf(context);
      const project = projectOf(context, org);
      const replays = org.replays.filter((replay) => replay.projectId === project.wire.id);
      return paginate(found(replayTagValues(replays, context.params['key'] ?? '')), context.page);
    },
  ),
];

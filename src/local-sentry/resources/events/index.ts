/**
 * Events: records, their generation, search, Discover, the bodies built from the compact records
 * and the routes (an issue's events, a project's events, event-id lookup, the Discover table).
 * This folder owns them.
 */
import { hashUnit } from '../../data/random.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { optionalTimeRange } from '../../http/params.ts';
import { found, HttpError, notFound, ok, type Reply } from '../../http/reply.ts';
import { EVENT_READ, ORG_READ, PROJECT_READ } from '../../http/scopes.ts';
import { issueOf } from '../issues/request.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { findTransaction } from '../transactions/store.ts';
import { discover } from './discover.ts';
import type { EventRecord } from './record.ts';
import { searchIssueEvents, searchProjectEvents } from './search.ts';
import { findEvent, findIssueEvent } from './store.ts';
import { eventDetail, eventIdLookup, eventSummary } from './wire.ts';

/** A list of events as summaries, or full bodies with `full=true`; `sample` shuffles stably. */
function eventList(context: RequestContext, events: EventRecord[]): Reply {
  const full = ['1', 'true'].includes(context.query.get('full') ?? '');
  const ordered = ['1', 'true'].includes(context.query.get('sample') ?? '')
    ? [...events].sort((a, b) => hashUnit(a.id) - hashUnit(b.id))
    : events;
  return paginateMapped(
    ordered,
    context.page,
    (event) => (full ? eventDetail(context.data, event) : eventSummary(context.data, event)),
    { countHits: true },
  );
}

function eventSearch(context: RequestContext) {
  const range = optionalTimeRange(context);
  return {
    query: context.query.get('query') ?? '',
    environments: context.query.getAll('environment'),
    ...(range ?? {}),
  };
}

export const eventRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/events/', ORG_READ, discover),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/events/', EVENT_READ, (context) => {
    const issue = issueOf(context);
    return eventList(context, searchIssueEvents(context.data, issue, eventSearch(context)));
  }),

  ...(['latest', 'oldest', 'recommended'] as const).map((which) =>
    route(
      `GET /api/0/organizations/{org}/issues/{issue_id}/events/${which}/`,
      EVENT_READ,
      (context) => ok(eventDetail(context.data, found(findIssueEvent(issueOf(context), which)))),
    ),
  ),

  route(
    'GET /api/0/organizations/{org}/issues/{issue_id}/events/{event_id}/',
    EVENT_READ,
    (context) => {
      const issue = issueOf(context);
      return ok(
        eventDetail(context.data, found(findIssueEvent(issue, context.params['event_id'] ?? ''))),
      );
    },
  ),

  route('GET /api/0/organizations/{org}/eventids/{event_id}/', ORG_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['event_id'] ?? '';
    if (!/^[0-9a-f]{32}$/i.test(id.replaceAll('-', ''))) {
      throw new HttpError(400, { detail: 'Event ID must be a valid UUID hex (32 characters)' });
    }
    return ok(eventIdLookup(context.data, found(findEvent(context.data, org, id))));
  }),

  route('GET /api/0/projects/{org}/{project}/events/', PROJECT_READ, (context) => {
    const project = projectOf(context);
    return eventList(context, searchProjectEvents(context.data, project, eventSearch(context)));
  }),

  route('GET /api/0/projects/{org}/{project}/events/{event_id}/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const id = context.params['event_id'] ?? '';
    // Transactions are found here too (not by the org-wide event-id lookup, as in Sentry).
    const event = findEvent(context.data, org, id) ?? findTransaction(org, id);
    if (!event || event.projectId !== project.wire.id) throw notFound();
    return ok(eventDetail(context.data, event));
  }),

  // Attachments (minidumps, screenshots, files an SDK sent with the event): those of ingested
  // events (`attachment` envelope items); seeded events have none.
  route(
    'GET /api/0/projects/{org}/{project}/events/{event_id}/attachments/',
    PROJECT_READ,
    (context) => {
      const org = orgOf(context);
      const project = projectOf(context, org);
      const event = findEvent(context.data, org, context.params['event_id'] ?? '');
      if (!event || event.projectId !== project.wire.id) throw notFound();
      return paginateMapped(event.stored?.attachments ?? [], context.page, (row) => row);
    },
  ),
];

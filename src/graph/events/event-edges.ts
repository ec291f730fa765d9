/**
 * The ways to events: an issue's latest, oldest, recommended or given event and its event list,
 * a project's events, and an organization-wide lookup by event id.
 */
import type { Context } from '../../context.ts';
import { type IssueEventWhich, loadEventIdLookups, loadIssueEvents } from '../../loaders/events.ts';
import { checkEventId, checkSlug, eventKey, issueKey, orgEventKey } from '../../loaders/keys.ts';
import type { EventListParams } from '../../sentry/events.ts';
import { Issue, type IssueShape } from '../issues/issue.ts';
import { Organization } from '../organizations/organization.ts';
import { Project, projectStub } from '../projects/project.ts';
import { requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { type PrefetchParents, prefetchable } from '../schema-kit/prefetch.ts';
import { connectionNodeFields, type SelectionInfo } from '../schema-kit/selection.ts';
import { StatsPeriod } from '../schema-kit/stats-period.ts';
import { Event, EventConnection, type EventShape } from './event.ts';

const issueEvents = requestLoader(loadIssueEvents);

const eventIdLookups = requestLoader(loadEventIdLookups);

/** Fields a list row (`full=false`) answers; asking for any other one lists full bodies. */
const SUMMARY_FIELDS = new Set([
  '__typename',
  'id',
  'eventId',
  'organizationSlug',
  'projectSentryId',
  'title',
  'message',
  'platform',
  'createdAt',
  'culprit',
  'location',
  'level',
  'environment',
  'tags',
  'user',
  'issue',
  'project',
  'metadata',
  'eventType',
]);

function wantsFullEvents(info: SelectionInfo): boolean {
  return [...connectionNodeFields(info)].some((name) => !SUMMARY_FIELDS.has(name));
}

interface EventFilterArgs {
  query?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  environments?: readonly string[] | null | undefined;
}

function eventListParams(
  args: EventFilterArgs,
  info: SelectionInfo,
  context: Context,
): EventListParams {
  return {
    ...(args.query ? { query: args.query } : {}),
    ...(args.statsPeriod ? { statsPeriod: args.statsPeriod } : {}),
    ...(args.environments?.length ? { environment: args.environments } : {}),
    // One list call with full bodies beats one call per event for stack traces and the like
    // (the naive `--no-batch` mode makes those calls, to show what this saves).
    ...(context.batching && wantsFullEvents(info) ? { full: true } : {}),
  };
}

type IssueParent = PrefetchParents['Issue'];

/** The call behind an issue's latest, oldest, recommended or given event. */
function readIssueEvent(context: Context, issue: IssueParent, which: IssueEventWhich) {
  return context.sentry.events.getForIssue(issue.organizationSlug, issue.id, which);
}

/** The call behind an issue's `events` (full bodies when the selection needs them). */
function readIssueEvents(
  context: Context,
  issue: IssueParent,
  args: IssueEventsArgs,
  info: SelectionInfo,
) {
  const request = pageRequest(args);
  return {
    request,
    page: context.sentry.events.listForIssue(issue.organizationSlug, issue.id, {
      ...request.params,
      ...eventListParams(args, info, context),
    }),
  };
}

type IssueEventsArgs = EventFilterArgs & ConnectionArgs;

for (const [field, which] of [
  ['latestEvent', 'latest'],
  ['oldestEvent', 'oldest'],
  ['recommendedEvent', 'recommended'],
] as const) {
  prefetchable('Issue', field, (context, issue) => readIssueEvent(context, issue, which));
}
prefetchable('Issue', 'event', (context, issue, { args }) =>
  readIssueEvent(context, issue, checkEventId(String(args['eventId']))),
);
prefetchable(
  'Issue',
  'events',
  (context, issue, { args, info }) =>
    readIssueEvents(context, issue, args as IssueEventsArgs, info).page,
);

/** One event of an issue (one call each: Sentry has no bulk read of full events). */
async function loadIssueEvent(
  issue: IssueShape,
  which: IssueEventWhich,
  context: Context,
): Promise<EventShape> {
  const event = await issueEvents(context).load(
    `${issueKey(issue.organizationSlug, issue.id)}/${which}`,
  );
  if (context.batching) {
    Event.getDataloader(context).prime(
      eventKey(event.organizationSlug, event.projectID, event.eventID),
      event,
    );
  }
  return {
    ...event,
    knownIssue: issue,
    knownProject: projectStub(issue.organizationSlug, issue.project),
  };
}

function issueEvent(which: IssueEventWhich, description: string) {
  return (t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, IssueShape>) =>
    t.field({
      type: Event,
      nullable: true,
      description,
      resolve: (issue, _args, context) => loadIssueEvent(issue, which, context),
    });
}

const EVENT_ARGS_DESCRIPTION = 'Sentry event search, e.g. "browser:Chrome".';

builder.objectFields(Issue, (t) => ({
  latestEvent: issueEvent('latest', 'The most recent event of the issue.')(t),
  oldestEvent: issueEvent('oldest', 'The first event of the issue.')(t),
  recommendedEvent: issueEvent(
    'recommended',
    "The event Sentry's UI shows first (most helpful).",
  )(t),
  event: t.field({
    type: Event,
    nullable: true,
    description: 'One event of the issue by its 32-hex id.',
    args: { eventId: t.arg.string() },
    resolve: (issue, { eventId }, context) => loadIssueEvent(issue, checkEventId(eventId), context),
  }),
  events: t.connection(
    {
      type: Event,
      nullable: true,
      description: 'Events of the issue, newest first.',
      args: {
        query: t.arg.string({ required: false, description: EVENT_ARGS_DESCRIPTION }),
        statsPeriod: t.arg({ type: StatsPeriod, required: false }),
        environments: t.arg.stringList({ required: false }),
      },
      resolve: async (issue, args, context, info) => {
        const { request, page: pending } = readIssueEvents(context, issue, args, info);
        const page = await pending;
        const known = {
          knownIssue: issue,
          knownProject: projectStub(issue.organizationSlug, issue.project),
        };
        return pageToConnection(
          { ...page, items: page.items.map((event): EventShape => ({ ...event, ...known })) },
          request,
        );
      },
    },
    EventConnection,
  ),
}));

builder.objectFields(Project, (t) => ({
  event: t.field({
    type: Event,
    nullable: true,
    description: 'One event of the project by its 32-hex id.',
    args: { eventId: t.arg.string() },
    resolve: async (project, { eventId }, context): Promise<EventShape> => ({
      ...(await Event.getDataloader(context).load(
        eventKey(project.organizationSlug, project.slug, eventId),
      )),
      knownProject: projectStub(project.organizationSlug, project),
    }),
  }),
  events: t.connection(
    {
      type: Event,
      nullable: true,
      description: 'Error events of the project, newest first.',
      args: {
        query: t.arg.string({ required: false, description: EVENT_ARGS_DESCRIPTION }),
        statsPeriod: t.arg({ type: StatsPeriod, required: false }),
        environments: t.arg.stringList({ required: false }),
      },
      resolve: async (project, args, context, info) => {
        const request = pageRequest(args);
        const page = await context.sentry.events.listForProject(
          project.organizationSlug,
          project.slug,
          {
            ...request.params,
            ...eventListParams(args, info, context),
          },
        );
        const knownProject = projectStub(project.organizationSlug, project);
        return pageToConnection(
          { ...page, items: page.items.map((event): EventShape => ({ ...event, knownProject })) },
          request,
        );
      },
    },
    EventConnection,
  ),
}));

builder.objectFields(Organization, (t) => ({
  event: t.field({
    type: Event,
    nullable: true,
    description:
      'An event by its 32-hex id, wherever it is in the organization (Sentry allows about one such lookup per second).',
    args: { eventId: t.arg.string() },
    resolve: async (org, { eventId }, context): Promise<EventShape> => {
      const lookup = await eventIdLookups(context).load(orgEventKey(org.slug, eventId));
      const event = { ...lookup.event, organizationSlug: org.slug };
      if (context.batching) {
        Event.getDataloader(context).prime(
          eventKey(org.slug, event.projectID, event.eventID),
          event,
        );
      }
      return {
        ...event,
        knownProject: projectStub(org.slug, {
          id: event.projectID,
          slug: checkSlug(lookup.projectSlug),
        }),
      };
    },
  }),
}));

import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import {
  type IssueEventKey,
  type IssueEventWhich,
  loadEventIdLookups,
  loadEvents,
  loadIssueEvents,
} from '../loaders/events.ts';
import {
  checkEventId,
  checkSlug,
  type EventKey,
  eventKey,
  issueKey,
  orgEventKey,
  projectKey,
  splitEventKey,
} from '../loaders/keys.ts';
import type { EventListParams, OrgScoped } from '../sentry/client.ts';
import type { SentryEvent, SentryEventEntry, SentryEventSummary } from '../sentry/types.ts';
import { Breadcrumb } from './breadcrumb.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { EventRequest } from './event-request.ts';
import { EventUser } from './event-user.ts';
import { EventException } from './exception.ts';
import { Issue, type IssueShape } from './issue.ts';
import { Level, toLevel } from './level.ts';
import { Organization } from './organization.ts';
import { Project, type ProjectStub, projectStub } from './project.ts';
import { Release, releaseStubOrNull } from './release.ts';
import { connectionNodeFields } from './selection.ts';
import { StatsPeriod } from './stats-period.ts';

/** A full event or a list row, with what the path to it already knows of its issue and project. */
export type EventShape = (OrgScoped<SentryEvent> | OrgScoped<SentryEventSummary>) & {
  knownIssue?: IssueShape;
  knownProject?: ProjectStub;
};

export const Event = builder.loadableNodeRef('Event', {
  id: {
    resolve: (event) => eventKey(event.organizationSlug, event.projectID, event.eventID),
    parse: (id) => eventKey(...splitEventKey(id)),
  },
  load: (keys: EventKey[], { sentry }: Context): Promise<(EventShape | Error)[]> =>
    loadEvents(sentry, keys),
});

export const EventConnection = builder.connectionObject(
  { type: Event, name: 'EventConnection', description: 'A page of events.' },
  { name: 'EventEdge', description: 'An Event and the cursor after it.' },
);

const issueEvents = createContextCache(
  (context: Context) =>
    new DataLoader((keys: readonly IssueEventKey[]) => loadIssueEvents(context.sentry, keys)),
);

const eventIdLookups = createContextCache(
  (context: Context) =>
    new DataLoader((keys: readonly `${string}/${string}`[]) =>
      loadEventIdLookups(context.sentry, keys),
    ),
);

function isFull(event: EventShape): event is OrgScoped<SentryEvent> & EventShape {
  return 'entries' in event;
}

/** The full event body: the parent itself, or one call for a list row. */
async function fullEvent(event: EventShape, context: Context): Promise<OrgScoped<SentryEvent>> {
  if (isFull(event)) return event;
  const loaded = await Event.getDataloader(context).load(
    eventKey(event.organizationSlug, event.projectID, event.eventID),
  );
  if (!isFull(loaded)) throw new Error('The event loader returned a list row');
  return loaded;
}

function entry<T extends SentryEventEntry['type']>(event: SentryEvent, type: T) {
  return (event.entries ?? []).find(
    (candidate): candidate is Extract<SentryEventEntry, { type: T }> => candidate.type === type,
  );
}

function tag(event: EventShape, key: string): string | null {
  return event.tags.find((candidate) => candidate.key === key)?.value ?? null;
}

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
]);

function wantsFullEvents(info: GraphQLResolveInfo): boolean {
  return [...connectionNodeFields(info)].some((name) => !SUMMARY_FIELDS.has(name));
}

export const EventTag = builder.objectRef<{ key: string; value: string }>('EventTag').implement({
  description: 'A `key: value` tag of an event, e.g. `browser: Chrome 120`.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Tag key, e.g. "browser".' }),
    value: t.exposeString('value', { description: 'Tag value, e.g. "Chrome 120".' }),
  }),
});

export const EventSdk = builder
  .objectRef<{ name: string | null; version: string | null }>('EventSdk')
  .implement({
    description: 'The Sentry SDK that sent the event.',
    fields: (t) => ({
      name: t.exposeString('name', { nullable: true, description: 'e.g. "sentry.python".' }),
      version: t.exposeString('version', {
        description: 'SDK version, e.g. "2.19.0".',
        nullable: true,
      }),
    }),
  });

Event.implement({
  description:
    'One occurrence of an error, with what is needed to render it: exception and stack frames, breadcrumbs, request, tags, user, contexts and SDK.',
  fields: (t) => ({
    eventId: t.exposeString('eventID', { description: '32-hex event id.' }),
    organizationSlug: t.exposeString('organizationSlug', {
      description: 'Slug of the organization (part of the federation key).',
    }),
    projectSentryId: t.exposeString('projectID', {
      description: "Numeric id of the event's project.",
    }),
    title: t.exposeString('title', { description: 'Title, e.g. the exception type and message.' }),
    message: t.string({
      nullable: true,
      description: 'The log message or exception message.',
      resolve: (event) => event.message || null,
    }),
    platform: t.string({
      description: 'Platform of the SDK, e.g. "python".',
      nullable: true,
      resolve: (event) => event.platform || null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it happened (the SDK timestamp).',
      resolve: (event) => event.dateCreated ?? null,
    }),
    culprit: t.string({
      description: 'Where it happened: a function, module or URL.',
      nullable: true,
      resolve: (event) => event.culprit ?? null,
    }),
    location: t.string({
      description: 'File or URL the error points at.',
      nullable: true,
      resolve: (event) => event.location ?? null,
    }),
    level: t.field({
      description: 'Severity (its `level` tag).',
      type: Level,
      resolve: (event) => toLevel(tag(event, 'level')),
    }),
    environment: t.string({
      description: 'Environment, e.g. "production" (its `environment` tag).',
      nullable: true,
      resolve: (event) => tag(event, 'environment'),
    }),
    tags: t.field({
      description: 'All tags of the event.',
      type: [EventTag],
      resolve: (event) => event.tags,
    }),
    user: t.field({
      description: 'The application user the event happened to.',
      type: EventUser,
      nullable: true,
      resolve: (event) => event.user ?? null,
    }),
    receivedAt: t.field({
      description: 'When Sentry received it.',
      type: 'DateTime',
      nullable: true,
      resolve: async (event, _args, context) => (await fullEvent(event, context)).dateReceived,
    }),
    dist: t.string({
      description: 'Distribution of the release (e.g. a build number).',
      nullable: true,
      resolve: async (event, _args, context) => (await fullEvent(event, context)).dist,
    }),
    exception: t.field({
      description: 'The exception(s), with mechanism and stack traces; null for message events.',
      type: EventException,
      nullable: true,
      resolve: async (event, _args, context) =>
        entry(await fullEvent(event, context), 'exception')?.data ?? null,
    }),
    breadcrumbs: t.field({
      description: 'What happened before the event, oldest first.',
      type: [Breadcrumb],
      resolve: async (event, _args, context) =>
        entry(await fullEvent(event, context), 'breadcrumbs')?.data.values ?? [],
    }),
    request: t.field({
      description: 'The HTTP request being handled, when there was one.',
      type: EventRequest,
      nullable: true,
      resolve: async (event, _args, context) =>
        entry(await fullEvent(event, context), 'request')?.data ?? null,
    }),
    formattedMessage: t.string({
      nullable: true,
      description: 'The message entry with its parameters filled in, for log-style events.',
      resolve: async (event, _args, context) =>
        entry(await fullEvent(event, context), 'message')?.data.formatted ?? null,
    }),
    contexts: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Device, OS, browser, runtime and custom contexts (free-form by nature).',
      resolve: async (event, _args, context) => (await fullEvent(event, context)).contexts,
    }),
    sdk: t.field({
      description: 'The SDK that sent the event.',
      type: EventSdk,
      nullable: true,
      resolve: async (event, _args, context) => (await fullEvent(event, context)).sdk,
    }),
    fingerprints: t.stringList({
      description: 'Grouping fingerprints that put the event in its issue.',
      resolve: async (event, _args, context) =>
        (await fullEvent(event, context)).fingerprints ?? [],
    }),
    previousEventId: t.string({
      nullable: true,
      description: 'The previous event of the same issue.',
      resolve: async (event, _args, context) => (await fullEvent(event, context)).previousEventID,
    }),
    nextEventId: t.string({
      nullable: true,
      description: 'The next event of the same issue.',
      resolve: async (event, _args, context) => (await fullEvent(event, context)).nextEventID,
    }),
    issue: t.field({
      type: Issue,
      nullable: true,
      description: 'The issue the event belongs to.',
      resolve: (event) =>
        event.knownIssue ??
        (event.groupID ? issueKey(event.organizationSlug, event.groupID) : null),
    }),
    project: t.field({
      description:
        'The project it belongs to. From an issue, `id`, `slug`, `name` and `platform` cost no call.',
      type: Project,
      nullable: true,
      resolve: (event) => event.knownProject ?? projectKey(event.organizationSlug, event.projectID),
    }),
    release: t.field({
      description: 'The release it happened in; `version` costs no call.',
      type: Release,
      nullable: true,
      resolve: async (event, _args, context) =>
        releaseStubOrNull(event.organizationSlug, (await fullEvent(event, context)).release),
    }),
  }),
});

builder.asEntity(Event, {
  key: builder.selection<{ organizationSlug: string; projectSentryId: string; eventId: string }>(
    'organizationSlug projectSentryId eventId',
  ),
  resolveReference: (ref, context) =>
    Event.getDataloader(context).load(
      eventKey(ref.organizationSlug, ref.projectSentryId, ref.eventId),
    ),
});

interface EventFilterArgs {
  query?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  environments?: readonly string[] | null | undefined;
}

function eventListParams(args: EventFilterArgs, info: GraphQLResolveInfo): EventListParams {
  return {
    ...(args.query ? { query: args.query } : {}),
    ...(args.statsPeriod ? { statsPeriod: args.statsPeriod } : {}),
    ...(args.environments?.length ? { environment: args.environments } : {}),
    // One list call with full bodies beats one call per event for stack traces and the like.
    ...(wantsFullEvents(info) ? { full: true } : {}),
  };
}

/** One event of an issue (one call each: Sentry has no bulk read of full events). */
async function loadIssueEvent(
  issue: IssueShape,
  which: IssueEventWhich,
  context: Context,
): Promise<EventShape> {
  const event = await issueEvents(context).load(
    `${issueKey(issue.organizationSlug, issue.id)}/${which}`,
  );
  Event.getDataloader(context).prime(
    eventKey(event.organizationSlug, event.projectID, event.eventID),
    event,
  );
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
        const request = pageRequest(args);
        const page = await context.sentry.listIssueEvents(issue.organizationSlug, issue.id, {
          ...request.params,
          ...eventListParams(args, info),
        });
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
        const page = await context.sentry.listProjectEvents(
          project.organizationSlug,
          project.slug,
          {
            ...request.params,
            ...eventListParams(args, info),
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
      Event.getDataloader(context).prime(eventKey(org.slug, event.projectID, event.eventID), event);
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

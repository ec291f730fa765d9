/**
 * events/: `Event` and its parts (exception and stack frames, breadcrumbs, request, SDK, user,
 * tags), and the edges that lead to events (event-edges.ts).
 */
import type { Context } from '../../context.ts';
import { loadEvents } from '../../loaders/events.ts';
import {
  type EventKey,
  eventKey,
  issueKey,
  projectKey,
  splitEventKey,
} from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryEvent, SentryEventEntry, SentryEventSummary } from '../../sentry/types.ts';
import { Issue, type IssueShape } from '../issues/issue.ts';
import { Level, toLevel } from '../issues/level.ts';
import { Project, type ProjectStub } from '../projects/project.ts';
import { Release, releaseStubOrNull } from '../releases/release.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { Breadcrumb } from './breadcrumb.ts';
import { EventRequest } from './event-request.ts';
import { EventSdk } from './event-sdk.ts';
import { EventTag } from './event-tag.ts';
import { EventUser } from './event-user.ts';
import { EventException } from './exception.ts';

export type EventShape = (OrgScoped<SentryEvent> | OrgScoped<SentryEventSummary>) & {
  knownIssue?: IssueShape;
  knownProject?: ProjectStub;
};

export const Event = builder.loadableNodeRef('Event', {
  id: {
    resolve: (event) => eventKey(event.organizationSlug, event.projectID, event.eventID),
    parse: (id) => eventKey(...splitEventKey(id)),
  },
  load: loadWith<EventKey, EventShape>(loadEvents),
});

export const EventConnection = builder.connectionObject(
  { type: Event, name: 'EventConnection', description: 'A page of events.' },
  { name: 'EventEdge', description: 'An Event and the cursor after it.' },
);

function isFull(event: EventShape): event is OrgScoped<SentryEvent> & EventShape {
  return 'entries' in event;
}

/** The full event body: the parent itself, or one call for a list row. */
export async function fullEvent(
  event: EventShape,
  context: Context,
): Promise<OrgScoped<SentryEvent>> {
  if (isFull(event)) return event;
  const loaded = await Event.getDataloader(context).load(
    eventKey(event.organizationSlug, event.projectID, event.eventID),
  );
  if (!isFull(loaded)) throw new Error('The event loader returned a list row');
  return loaded;
}

export function entry<T extends SentryEventEntry['type']>(event: SentryEvent, type: T) {
  return (event.entries ?? []).find(
    (candidate): candidate is Extract<SentryEventEntry, { type: T }> => candidate.type === type,
  );
}

function tag(event: EventShape, key: string): string | null {
  return event.tags.find((candidate) => candidate.key === key)?.value ?? null;
}

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

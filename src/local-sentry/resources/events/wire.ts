/**
 * Event bodies, built on demand from compact records: the list row, the full event and the
 * event-id lookup. Everything is derived from the store and the event's seed, so the same event
 * always yields the same bytes.
 */
import type {
  SentryEvent,
  SentryEventIdLookup,
  SentryEventSummary,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { iso } from '../../data/time.ts';
import { eventUserBody } from '../event-users/wire.ts';
import type { IssueRecord } from '../issues/record.ts';
import { releaseSummary } from '../releases/wire.ts';
import { userFeedbackBody } from '../user-feedback/wire.ts';
import { contexts, crashFrame, entries, eventMetadata } from './body.ts';
import { eventFacets } from './facets.ts';
import type { EventRecord } from './record.ts';
import { storedEventDetail, storedEventSummary } from './stored.ts';
import { tagPairs } from './tags.ts';
import { platformEntries } from './threads.ts';

/** Row of the issue and project event lists. */
export function eventSummary(data: LocalData, event: EventRecord): SentryEventSummary {
  if (event.stored) return storedEventSummary(event, event.stored);
  const issue = data.issuesById.get(event.issueId) as IssueRecord;
  const org = data.organizations.get(event.org) as OrgData;
  const template = issue.template;
  return {
    id: event.id,
    'event.type': 'error',
    groupID: event.issueId,
    eventID: event.id,
    projectID: event.projectId,
    message: issue.wire.title,
    title: issue.wire.title,
    location: crashFrame(template)?.filename ?? null,
    culprit: template.culprit,
    user: eventUserBody(org, event),
    tags: tagPairs(org, event, template).map(([key, value]) => ({ key, value })),
    platform: template.platform,
    dateCreated: iso(event.timestamp),
    crashFile: null,
    metadata: eventMetadata(template),
  };
}

/** The full event body, built on demand; deterministic for a given record. */
export function eventDetail(data: LocalData, event: EventRecord): SentryEvent {
  if (event.stored) return storedEventDetail(data, event, event.stored);
  const issue = data.issuesById.get(event.issueId) as IssueRecord;
  const org = data.organizations.get(event.org) as OrgData;
  const template = issue.template;
  const facets = eventFacets(event, template);
  const index = issue.events.indexOf(event);
  const platform = platformEntries(template, event);
  const feedback = data.projectsById
    .get(event.projectId)
    ?.feedback.find((f) => f.wire.eventID === event.id);
  return {
    id: event.id,
    groupID: event.issueId,
    eventID: event.id,
    projectID: event.projectId,
    title: issue.wire.title,
    message: issue.wire.title,
    platform: template.platform,
    type: 'error',
    culprit: template.culprit,
    location: crashFrame(template)?.filename ?? null,
    dateCreated: iso(event.timestamp),
    dateReceived: iso(event.timestamp + 300 + (event.seed % 1700)),
    release: releaseSummary(org, event.release),
    dist: null,
    tags: tagPairs(org, event, template).map(([key, value]) => ({ key, value })),
    user: eventUserBody(org, event),
    contexts: contexts(template, facets),
    context: {},
    sdk: { name: template.sdk.name, version: template.sdk.version },
    entries: [...entries(org, template, event, facets), ...platform.entries],
    fingerprints: [issue.hashes[0] ?? '{{ default }}'],
    groupingConfig: { id: 'newstyle:2023-01-11', enhancements: 'eJybzDRxY3J-bm5-ts' },
    metadata: eventMetadata(template),
    size: facets.size,
    errors: platform.errors,
    packages: {},
    occurrence: null,
    crashFile: null,
    _meta: {},
    userReport: feedback ? { ...userFeedbackBody(data, feedback), issue: null } : null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: index > 0 ? (issue.events[index - 1]?.id ?? null) : null,
    previousEventID: index >= 0 ? (issue.events[index + 1]?.id ?? null) : null,
  };
}

export function eventIdLookup(data: LocalData, event: EventRecord): SentryEventIdLookup {
  const project = data.projectsById.get(event.projectId);
  return {
    organizationSlug: event.org,
    projectSlug: project?.wire.slug ?? '',
    groupId: event.issueId,
    eventId: event.id,
    event: eventDetail(data, event),
  };
}

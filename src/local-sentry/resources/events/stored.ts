/**
 * Events an SDK sent (the ingest routes store them): their normalised body is kept on the record
 * and rendered as is, in the same shape as the seeded events' derived bodies.
 */
import type {
  SentryEvent,
  SentryEventEntry,
  SentryEventSummary,
  SentryEventUser,
  SentryIssueType,
  SentryJsonObject,
  SentryTransactionFields,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { iso } from '../../data/time.ts';
import type { IssueRecord } from '../issues/record.ts';
import { releaseSummary } from '../releases/wire.ts';
import { userFeedbackBody } from '../user-feedback/wire.ts';
import type { EventRecord } from './record.ts';

/** A file sent with an event (`attachment` envelope item), as the attachments route lists it. */
export interface StoredAttachment {
  id: string;
  event_id: string;
  type: string;
  name: string;
  mimetype: string | null;
  dateCreated: string;
  size: number;
  headers: Record<string, string | null>;
  sha1: string | null;
}

/** The normalised parts of an ingested event that a seeded one derives from its seed. */
export interface StoredEvent {
  type: SentryIssueType;
  title: string;
  message: string | null;
  platform: string;
  culprit: string | null;
  location: string | null;
  /** ms since epoch. */
  received: number;
  dist: string | null;
  /** Sorted by key. */
  tags: [string, string][];
  user: SentryEventUser | null;
  contexts: SentryJsonObject;
  context: SentryJsonObject;
  sdk: { name: string | null; version: string | null } | null;
  entries: SentryEventEntry[];
  fingerprints: string[];
  metadata: SentryJsonObject;
  size: number;
  errors: SentryEvent['errors'];
  packages: Record<string, string>;
  attachments: StoredAttachment[];
  /** A transaction's timing (unix seconds), measurements and breakdowns; errors have none. */
  transaction?: Required<SentryTransactionFields>;
}

/** The list row of an ingested event. */
export function storedEventSummary(event: EventRecord, stored: StoredEvent): SentryEventSummary {
  return {
    id: event.id,
    'event.type': stored.type,
    groupID: event.issueId || null,
    eventID: event.id,
    projectID: event.projectId,
    message: stored.message ?? stored.title,
    title: stored.title,
    location: stored.location,
    culprit: stored.culprit,
    user: stored.user,
    tags: stored.tags.map(([key, value]) => ({ key, value })),
    platform: stored.platform,
    dateCreated: iso(event.timestamp),
    crashFile: null,
    metadata: stored.metadata,
  };
}

/** The full body of an ingested event. */
export function storedEventDetail(
  data: LocalData,
  event: EventRecord,
  stored: StoredEvent,
): SentryEvent {
  // Transactions belong to no issue: no group, no neighbours.
  const issue = data.issuesById.get(event.issueId) as IssueRecord | undefined;
  const org = data.organizations.get(event.org) as OrgData;
  const siblings = issue?.events ?? [];
  const index = siblings.indexOf(event);
  const feedback = data.projectsById
    .get(event.projectId)
    ?.feedback.find((f) => f.wire.eventID === event.id);
  return {
    id: event.id,
    groupID: issue ? event.issueId : null,
    eventID: event.id,
    projectID: event.projectId,
    title: stored.title,
    message: stored.message,
    platform: stored.platform,
    type: stored.type,
    culprit: stored.culprit,
    location: stored.location,
    dateCreated: iso(event.timestamp),
    dateReceived: iso(stored.received),
    release: releaseSummary(org, event.release),
    dist: stored.dist,
    tags: stored.tags.map(([key, value]) => ({ key, value })),
    user: stored.user,
    contexts: stored.contexts,
    context: stored.context,
    sdk: stored.sdk,
    entries: stored.entries,
    fingerprints: stored.fingerprints,
    groupingConfig: { id: 'newstyle:2023-01-11', enhancements: 'eJybzDRxY3J-bm5-ts' },
    metadata: stored.metadata,
    size: stored.size,
    errors: stored.errors,
    packages: stored.packages,
    occurrence: null,
    crashFile: null,
    _meta: {},
    userReport: feedback ? { ...userFeedbackBody(data, feedback), issue: null } : null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: index > 0 ? (siblings[index - 1]?.id ?? null) : null,
    previousEventID: index >= 0 ? (siblings[index + 1]?.id ?? null) : null,
    ...stored.transaction,
  };
}

/**
 * Events: a project's and an issue's events (`sentry.events.listForProject(org, project)`,
 * `.listForIssue(org, id)`), one event, event-id lookup, and the event wire types.
 */
import type {
  SentryCspEntry,
  SentryDebugMetaEntry,
  SentryEventOccurrence,
  SentryExpectCtEntry,
  SentryExpectStapleEntry,
  SentryHpkpEntry,
  SentrySdkUpdate,
  SentrySpansEntry,
  SentryTemplateEntry,
  SentryThreadsEntry,
  SentryTransactionFields,
} from './event-entries.ts';
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, Resource } from './http/requester.ts';
import type { QueryParams } from './http/upstream.ts';
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';
import type { SentryIssueType } from './issue.ts';
import type { SentryReleaseSummary } from './releases.ts';
import type { SentryUserFeedback } from './user-feedback.ts';

export interface EventListParams extends PageParams {
  /** Full event bodies instead of summaries (`full=true`). */
  full?: boolean;
  query?: string;
  environment?: readonly string[];
  statsPeriod?: string;
  start?: string;
  end?: string;
}

/** Event summaries, or full event bodies with `full: true`. */
type EventPages<A extends string[]> = {
  (
    org: string,
    ...args: [...A, EventListParams & { full: true }]
  ): Promise<Page<OrgScoped<SentryEvent>>>;
  (org: string, ...args: [...A, EventListParams?]): Promise<Page<OrgScoped<SentryEventSummary>>>;
};

export class Events extends Resource {
  readonly listForProject = this.http.lister<
    SentryEventSummary | SentryEvent,
    [project: string],
    EventListParams
  >(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/events/`,
    eventParams,
  ) as EventPages<[project: string]>;

  readonly get = this.http.getter<SentryEvent, [project: string, eventId: string]>(
    (org, project, eventId) => apiPath`/api/0/projects/${org}/${project}/events/${eventId}/`,
  );

  readonly listForIssue = this.http.lister<
    SentryEventSummary | SentryEvent,
    [issueId: string],
    EventListParams
  >(
    (org, issueId) => apiPath`/api/0/organizations/${org}/issues/${issueId}/events/`,
    eventParams,
  ) as EventPages<[issueId: string]>;

  /** `which`: `latest`, `oldest`, `recommended` or a 32-hex event id. */
  readonly getForIssue = this.http.getter<SentryEvent, [issueId: string, which: string]>(
    (org, issueId, which) =>
      apiPath`/api/0/organizations/${org}/issues/${issueId}/events/${which}/`,
  );

  /** `GET /organizations/{org}/eventids/{id}/`. Sentry allows 1 request/s: never fan out. */
  readonly resolveId = this.http.getter<SentryEventIdLookup, [eventId: string]>(
    (org, eventId) => apiPath`/api/0/organizations/${org}/eventids/${eventId}/`,
  );
}

function eventParams(p: EventListParams): QueryParams {
  return {
    full: p.full ? 'true' : undefined,
    query: p.query,
    environment: p.environment,
    statsPeriod: p.statsPeriod,
    start: p.start,
    end: p.end,
  };
}

/** A `{key, value}` pair on an event. */
export interface SentryEventTag {
  key: string;
  value: string;
  query?: string;
}

export interface SentryEventUser {
  id?: string | null;
  email?: string | null;
  username?: string | null;
  ip_address?: string | null;
  name?: string | null;
  geo?: Record<string, string> | null;
  data?: SentryJsonObject | null;
}

/** `[line number, source line]`. */
export type SentryContextLine = [lineNo: number, line: string];

export interface SentryStackFrame {
  filename: string | null;
  absPath: string | null;
  module: string | null;
  package?: string | null;
  platform?: string | null;
  function: string | null;
  rawFunction?: string | null;
  lineNo: number | null;
  colNo: number | null;
  inApp: boolean;
  context: SentryContextLine[];
  vars: SentryJsonObject | null;
  instructionAddr?: string | null;
  symbol?: string | null;
  trust?: string | null;
  errors?: SentryJson[] | null;
}

export interface SentryStacktrace {
  frames: SentryStackFrame[];
  framesOmitted: [number, number] | null;
  registers: SentryJsonObject | null;
  hasSystemFrames: boolean;
}

export interface SentryExceptionValue {
  type: string | null;
  value: string | null;
  module: string | null;
  mechanism: { type: string; handled: boolean; [key: string]: SentryJson } | null;
  stacktrace: SentryStacktrace | null;
  rawStacktrace: SentryStacktrace | null;
  threadId: number | null;
}

export interface SentryExceptionEntry {
  type: 'exception';
  data: {
    values: SentryExceptionValue[];
    excOmitted: [number, number] | null;
    hasSystemFrames: boolean;
  };
}

export interface SentryBreadcrumb {
  timestamp: SentryDateTime;
  type: string;
  category: string | null;
  level: string;
  message: string | null;
  data: SentryJsonObject | null;
  event_id?: string | null;
}

export interface SentryBreadcrumbsEntry {
  type: 'breadcrumbs';
  data: { values: SentryBreadcrumb[] };
}

export interface SentryRequestEntry {
  type: 'request';
  data: {
    url: string;
    method: string | null;
    /** `[name, value]` pairs. */
    headers: [string, string][];
    /** `[name, value]` pairs. */
    query: [string, string][];
    data: SentryJson;
    env: Record<string, string> | null;
    cookies: [string, string][];
    fragment: string | null;
    inferredContentType: string | null;
    apiTarget?: string | null;
  };
}

export interface SentryMessageEntry {
  type: 'message';
  data: { formatted: string; message?: string | null; params?: SentryJson[] | null };
}

/** A typed element of an event's `entries`. */
export type SentryEventEntry =
  | SentryExceptionEntry
  | SentryBreadcrumbsEntry
  | SentryRequestEntry
  | SentryMessageEntry
  | SentryThreadsEntry
  | SentryDebugMetaEntry
  | SentryCspEntry
  | SentryHpkpEntry
  | SentryExpectCtEntry
  | SentryExpectStapleEntry
  | SentryTemplateEntry
  | SentrySpansEntry;

/** Row of `GET /organizations/{org}/issues/{issue_id}/events/` and `GET /projects/{org}/{p}/events/`. */
export interface SentryEventSummary {
  /** The event id (32 hex). */
  id: string;
  'event.type': string;
  groupID: string | null;
  eventID: string;
  projectID: string;
  message: string;
  title: string;
  location: string | null;
  culprit: string | null;
  user: SentryEventUser | null;
  tags: SentryEventTag[];
  platform: string | null;
  dateCreated: SentryDateTime;
  crashFile: string | null;
  metadata: SentryJsonObject;
}

/** A full event: `GET /projects/{org}/{p}/events/{id}/`, issue `events/{latest|oldest|id}/`. */
export interface SentryEvent extends SentryTransactionFields {
  id: string;
  groupID: string | null;
  eventID: string;
  projectID: string;
  title: string;
  message: string | null;
  platform: string;
  type: SentryIssueType;
  culprit?: string | null;
  location: string | null;
  dateCreated?: SentryDateTime;
  dateReceived: SentryDateTime | null;
  release: SentryReleaseSummary | null;
  dist: string | null;
  tags: SentryEventTag[];
  user: SentryEventUser | null;
  contexts: SentryJsonObject | null;
  context: SentryJsonObject | null;
  sdk: { name: string | null; version: string | null } | null;
  entries: SentryEventEntry[];
  fingerprints?: string[];
  groupingConfig?: { id: string; enhancements: string };
  metadata: SentryJsonObject;
  size: number | null;
  errors: { type: string; message: string; data: SentryJsonObject }[];
  packages: Record<string, string>;
  occurrence: SentryEventOccurrence | null;
  crashFile?: string | null;
  _meta: SentryJsonObject;
  userReport: SentryUserFeedback | null;
  sdkUpdates: SentrySdkUpdate[];
  resolvedWith: string[];
  /** Neighbours within the issue (issue-scoped and project-scoped event endpoints). */
  nextEventID: string | null;
  previousEventID: string | null;
}

/** `GET /organizations/{org}/eventids/{event_id}/`. */
export interface SentryEventIdLookup {
  organizationSlug: string;
  projectSlug: string;
  groupId: string;
  eventId: string;
  event: SentryEvent;
}

/**
 * The issue body Sentry returns (list row, detail) and the parts it embeds: status, assignee,
 * counts, inbox, owners, activity. The endpoints that return it are in `issues.ts`.
 */
import type { SentryDateTime, SentryJsonObject } from './http/wire.ts';
import type { SentryReleaseSummary } from './releases.ts';
import type { SentryUser } from './users.ts';

export type SentryIssueLevel =
  | 'sample'
  | 'debug'
  | 'info'
  | 'warning'
  | 'error'
  | 'fatal'
  | 'unknown';

export type SentryIssueStatus =
  | 'resolved'
  | 'ignored'
  | 'pending_deletion'
  | 'pending_merge'
  | 'reprocessing'
  | 'unresolved';

export type SentryIssueSubstatus =
  | 'archived_until_escalating'
  | 'archived_until_condition_met'
  | 'archived_forever'
  | 'escalating'
  | 'ongoing'
  | 'regressed'
  | 'new';

export type SentryIssuePriority = 'low' | 'medium' | 'high';

export type SentryIssueType =
  | 'default'
  | 'error'
  | 'csp'
  | 'nel'
  | 'hpkp'
  | 'expectct'
  | 'expectstaple'
  | 'transaction'
  | 'generic'
  | 'feedback';

/** The assignee of an issue: a user or a team. */
export interface SentryActor {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export interface SentryIssueStatusDetails {
  ignoreCount?: number;
  ignoreUntil?: SentryDateTime;
  ignoreUserCount?: number;
  ignoreUserWindow?: number;
  ignoreWindow?: number;
  actor?: SentryUser;
  inNextRelease?: boolean;
  inRelease?: string;
  inCommit?: string;
  pendingEvents?: number;
  info?: { dateCreated: string; syncCount: number; totalEvents: number } | null;
}

/** The project embedded in an issue. */
export interface SentryIssueProject {
  id: string;
  name: string;
  slug: string;
  platform: string | null;
}

/** `[unix seconds, count]` buckets. */
export type SentryStatsSeries = [timestamp: number, count: number][];

export interface SentryIssueDerivedData {
  blocker: string;
  progress: string;
  status: string;
  viewCount: number;
  hasOpenFixPr: boolean;
  isAssigned: boolean;
  hasRootCause: boolean;
  lastCompletedAutofixStep: string;
  lastProgressedAt: SentryDateTime | null;
}

export interface SentryIssueInbox {
  reason: number;
  reason_details: {
    until: string | null;
    count: number | null;
    window: number | null;
    user_count: number | null;
    user_window: number | null;
  } | null;
  date_added: SentryDateTime;
}

export interface SentryIssueOwner {
  type: string;
  owner: string;
  date_added: SentryDateTime;
}

/** Counts over the whole life of an issue or over the request's filters (`lifetime`, `filtered`). */
export interface SentryIssueCounts {
  count: string;
  userCount: number;
  firstSeen: SentryDateTime | null;
  lastSeen: SentryDateTime | null;
  stats?: Record<string, SentryStatsSeries>;
}

/** Fields every issue body carries (list row, detail, update result, short-id lookup). */
export interface SentryIssueBase {
  /** Numeric, as a string. */
  id: string;
  shareId: string | null;
  /** e.g. `BACKEND-1A`. */
  shortId: string;
  title: string;
  culprit: string | null;
  permalink: string;
  logger: string | null;
  level: SentryIssueLevel;
  status: SentryIssueStatus;
  statusDetails: SentryIssueStatusDetails;
  substatus: SentryIssueSubstatus | null;
  isPublic: boolean;
  platform: string | null;
  priority: SentryIssuePriority | null;
  priorityLockedAt: SentryDateTime | null;
  seerFixabilityScore: number | null;
  seerAutofixLastTriggered: SentryDateTime | null;
  seerExplorerAutofixLastTriggered: SentryDateTime | null;
  project: SentryIssueProject;
  type: SentryIssueType;
  issueType: string;
  issueCategory: string;
  metadata: SentryJsonObject;
  numComments: number;
  assignedTo: SentryActor | null;
  isBookmarked: boolean;
  isSubscribed: boolean;
  subscriptionDetails: { disabled?: boolean; reason?: string } | null;
  hasSeen: boolean;
  annotations: SentryIssueAnnotation[];
  isUnhandled: boolean;
  /** Event count, a string because it can exceed 2^53 in Sentry's storage. */
  count: string;
  userCount: number;
  firstSeen: SentryDateTime | null;
  lastSeen: SentryDateTime | null;
  /** Period (`24h`, `14d`, ...) → buckets. */
  stats: Record<string, SentryStatsSeries>;
  /** Only on the detail body and where the gateway asked for it. */
  firstRelease?: SentryReleaseSummary | null;
  lastRelease?: SentryReleaseSummary | null;
}

/** `GET /organizations/{org}/issues/` rows. */
export interface SentryIssue extends SentryIssueBase {
  derivedData: SentryIssueDerivedData;
  lifetime: SentryIssueCounts;
  filtered: SentryIssueCounts | null;
  sessionCount: number;
  inbox: SentryIssueInbox | null;
  /** The spec types this as one object on list rows (an array on the detail body). */
  owners: SentryIssueOwner | SentryIssueOwner[] | null;
  integrationIssues: SentryIssueLink[];
  sentryAppIssues: SentrySentryAppIssue[];
  latestEventHasAttachments: boolean;
  /** Set when the list `query` matched an event id. */
  matchingEventId: string | null;
  matchingEventEnvironment: string | null;
}

/** `GET /organizations/{org}/issues/{issue_id}/` (also the body of the single-issue PUT). */
export interface SentryIssueDetail extends SentryIssueBase {
  firstRelease: SentryReleaseSummary | null;
  lastRelease: SentryReleaseSummary | null;
  derivedData?: SentryIssueDerivedData;
  /** This and the next four only with `expand=` naming them. */
  inbox?: SentryIssueInbox | null;
  owners?: SentryIssueOwner[] | null;
  integrationIssues?: SentryIssueLink[];
  sentryAppIssues?: SentrySentryAppIssue[];
  latestEventHasAttachments?: boolean;
  tags?: SentryJsonObject[];
  activity: SentryIssueActivity[];
  /** Users who opened the issue, with when they last did. */
  seenBy: (SentryUser & { lastSeen?: SentryDateTime | null })[];
  userReportCount: number;
  /** Users taking part (assignees, commenters, subscribers). */
  participants: SentryUser[];
}

/** A link the issue stream shows beside an issue (a linked external issue, say). */
export interface SentryIssueAnnotation {
  displayName: string;
  url: string;
}

/** An issue in an issue-tracker integration linked to the Sentry issue (Sentry's ExternalIssue). */
export interface SentryIssueLink {
  id: string;
  key: string;
  url: string;
  title: string | null;
  description: string | null;
  displayName: string;
}

/** An issue in a Sentry App (e.g. Linear) linked to the Sentry issue. */
export interface SentrySentryAppIssue {
  id: string;
  issueId: string;
  serviceType: string;
  displayName: string;
  webUrl: string;
}

export interface SentryIssueActivity {
  id: string;
  type: string;
  data: SentryJsonObject;
  dateCreated: SentryDateTime;
  user: SentryUser | null;
}

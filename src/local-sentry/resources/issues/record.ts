/** What the store keeps of an issue: its stream row, its events and what search reads. */
import type { SentryIssue, SentryIssueActivity } from '../../../sentry/types.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import type { EventRecord } from '../events/record.ts';

export interface IssueRecord {
  org: string;
  projectId: string;
  /**
   * The issue-stream row. `count`, `userCount`, `firstSeen`, `lastSeen`, `stats` follow `events`.
   */
  wire: SentryIssue;
  template: ErrorTemplate;
  firstRelease: string | null;
  lastRelease: string | null;
  /** Newest first. */
  events: EventRecord[];
  /** Grouping hashes (32 hex). */
  hashes: string[];
  environments: string[];
  /** Ids of members' users who saw the issue. */
  seenBy: string[];
  /** Activity that writes recorded (a regression, newest first), shown before the derived one. */
  activity?: SentryIssueActivity[];
}

/** What the store keeps of an event; `wire.ts` rebuilds the full body from it. */
import type { SentryIssueLevel } from '../../../sentry/types.ts';
import type { StoredEvent } from './stored.ts';

/** A stored event: just enough to list, filter and rebuild the full body deterministically. */
export interface EventRecord {
  /** 32 lower-case hex digits. */
  id: string;
  issueId: string;
  projectId: string;
  org: string;
  /** ms since epoch. */
  timestamp: number;
  release: string | null;
  environment: string;
  level: SentryIssueLevel;
  /** Index into `OrgData.eventUsers`. */
  user: number;
  /** Drives the parts of the body not stored here (browser, os, url, breadcrumbs, vars). */
  seed: number;
  /**
   * The body an SDK sent, normalised (ingested events only): rendered as is instead of being
   * derived from the seed.
   */
  stored?: StoredEvent;
}

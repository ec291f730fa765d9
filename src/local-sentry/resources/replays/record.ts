/** What the store keeps of a session replay: its body, its clicks and what links it to issues. */
import type { SentryReplay } from '../../../sentry/types.ts';

/** One click the replay recorded, with the attributes of the element clicked. */
export interface ClickRecord {
  /** The rrweb id of the element. */
  nodeId: number;
  /** ms since epoch. */
  timestamp: number;
  tag: string;
  id: string;
  classes: string[];
  role: string;
  label: string;
  alt: string;
  title: string;
  testid: string;
  text: string;
  /** Nothing happened after it (a "dead click"). */
  isDead: boolean;
  /** One of a burst of clicks on the same element (a "rage click"). */
  isRage: boolean;
}

export interface ReplayRecord {
  org: string;
  projectId: string;
  /** The body without `clicks` (derived from {@link clicks}). */
  wire: Omit<SentryReplay, 'clicks'>;
  /** ms since epoch. */
  startedAt: number;
  finishedAt: number;
  /** In time order. */
  clicks: ClickRecord[];
  /** Ids of the issues of `error_ids` (what `replay-count?query=issue.id:…` counts). */
  issueIds: string[];
  /** Transactions of those errors (`replay-count?query=transaction:…`). */
  transactions: string[];
  /** Drives the recording segments, rebuilt on demand. */
  seed: number;
}

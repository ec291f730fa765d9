/**
 * The outcomes behind every stats route: what became of each event sent to Sentry. Every stored
 * event is one `accepted` error; some were sent again and dropped (filtered by an inbound filter,
 * rate limited by a key quota, or invalid), decided by a hash of the event's id, so the dropped
 * counts are deterministic, follow the traffic and need no stored state. Derived on each request
 * from the events, so events written later count too and every route agrees.
 */
import type { OrgData } from '../../data/model.ts';
import { hashUnit } from '../../data/random.ts';

export type Outcome = 'accepted' | 'filtered' | 'rate_limited' | 'invalid';

export interface OutcomeRow {
  projectId: string;
  /** ms since epoch. */
  timestamp: number;
  outcome: Outcome;
  /** Sentry's data category; the seeded world has error events only. */
  category: 'error';
  /** Why it was dropped (null when accepted). */
  reason: string | null;
  quantity: number;
  timesSeen: number;
}

/** Inbound filters (the project stats' filter `stat`s) and how often each drops a copy. */
export const FILTER_REASONS = [
  'browser-extensions',
  'legacy-browsers',
  'localhost',
  'web-crawlers',
] as const;

/** The outcomes of the organization's events with `start <= timestamp < end`. */
export function outcomesOf(org: OrgData, start: number, end: number): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  for (const event of org.events) {
    if (event.timestamp < start || event.timestamp >= end) continue;
    const base = {
      projectId: event.projectId,
      timestamp: event.timestamp,
      category: 'error' as const,
      quantity: 1,
      timesSeen: 1,
    };
    rows.push({ ...base, outcome: 'accepted', reason: null });
    const roll = hashUnit('outcome', event.id);
    if (roll < 0.06) {
      const reason = FILTER_REASONS[Math.floor(hashUnit('filter', event.id) * 4)] ?? 'localhost';
      rows.push({ ...base, outcome: 'filtered', reason });
    } else if (roll < 0.1) {
      rows.push({ ...base, outcome: 'rate_limited', reason: 'key_quota' });
    } else if (roll < 0.115) {
      rows.push({ ...base, outcome: 'invalid', reason: 'invalid_data' });
    }
  }
  return rows;
}

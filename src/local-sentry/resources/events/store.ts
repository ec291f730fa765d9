/**
 * Event lookups (by id within an organization; an issue's latest, oldest or recommended event)
 * and the order event lists keep.
 */
import type { LocalData, OrgData } from '../../data/model.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { EventRecord } from './record.ts';

/** Events newest first (ties by id), the order every event list keeps. */
export const newestFirst = (a: EventRecord, b: EventRecord): number =>
  b.timestamp - a.timestamp || a.id.localeCompare(b.id);

/** An event id as stored: 32 lower-case hex digits (a UUID's dashes and case dropped). */
export const normalizeEventId = (id: string): string => id.replaceAll('-', '').toLowerCase();

/** True when `text` reads as an event id (32 hex digits, dashes aside). */
export const isEventId = (text: string): boolean =>
  /^[0-9a-f]{32}$/i.test(text.replaceAll('-', ''));

/** By the 32-hex event id (dashes and case ignored), within the organization. */
export function findEvent(data: LocalData, org: OrgData, eventId: string): EventRecord | undefined {
  const event = data.eventsById.get(normalizeEventId(eventId));
  return event?.org === org.slug ? event : undefined;
}

export const latestEvent = (issue: IssueRecord): EventRecord | undefined => issue.events[0];
export const oldestEvent = (issue: IssueRecord): EventRecord | undefined =>
  issue.events[issue.events.length - 1];

/** Sentry's "recommended" event: the newest one from production, else the newest. */
export const recommendedEvent = (issue: IssueRecord): EventRecord | undefined =>
  issue.events.find((event) => event.environment === 'production') ?? issue.events[0];

/** An issue event by `latest|oldest|recommended` or a 32-hex id. */
export function findIssueEvent(issue: IssueRecord, which: string): EventRecord | undefined {
  if (which === 'latest') return latestEvent(issue);
  if (which === 'oldest') return oldestEvent(issue);
  if (which === 'recommended') return recommendedEvent(issue);
  const id = normalizeEventId(which);
  return issue.events.find((event) => event.id === id);
}

/** Event lookups: by id within an organization, and an issue's latest, oldest or recommended event. */
import type { LocalData, OrgData } from '../../data/model.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { EventRecord } from './record.ts';

/** By the 32-hex event id (dashes and case ignored), within the organization. */
export function findEvent(data: LocalData, org: OrgData, eventId: string): EventRecord | undefined {
  const event = data.eventsById.get(eventId.replaceAll('-', '').toLowerCase());
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
  const id = which.replaceAll('-', '').toLowerCase();
  return issue.events.find((event) => event.id === id);
}

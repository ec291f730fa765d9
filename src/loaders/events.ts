/**
 * Full events. Sentry has no bulk read of full event bodies: one call per distinct event,
 * run concurrently under the client's limit.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryEvent, SentryEventIdLookup } from '../sentry/types.ts';
import { type EventKey, type IssueKey, type OrgEventKey, splitEventKey, splitKey } from './keys.ts';
import { settleEach } from './settle-each.ts';

/** Which event of an issue: `latest`, `oldest`, `recommended` or a (validated) event id. */
export type IssueEventWhich = 'latest' | 'oldest' | 'recommended' | (string & {});
/** `org/issueId/latest`, `org/issueId/<eventId>`. */
export type IssueEventKey = `${IssueKey}/${IssueEventWhich}`;

/** Loads events by `org/projectIdOrSlug/eventId`. */
export function loadEvents(
  sentry: SentryClient,
  keys: readonly EventKey[],
): Promise<(OrgScoped<SentryEvent> | Error)[]> {
  return settleEach(keys, (key) => sentry.events.get(...splitEventKey(key)));
}

/** Loads an issue's latest, oldest, recommended or given event by `org/issueId/which`. */
export function loadIssueEvents(
  sentry: SentryClient,
  keys: readonly IssueEventKey[],
): Promise<(OrgScoped<SentryEvent> | Error)[]> {
  return settleEach(keys, (key) => {
    const slash = key.lastIndexOf('/');
    const [org, issueId] = splitKey(key.slice(0, slash));
    return sentry.events.getForIssue(org, issueId, key.slice(slash + 1));
  });
}

/** Resolves `org/eventId` to its event, issue and project (Sentry allows 1 such call per second). */
export function loadEventIdLookups(
  sentry: SentryClient,
  keys: readonly OrgEventKey[],
): Promise<(OrgScoped<SentryEventIdLookup> | Error)[]> {
  return settleEach(keys, (key) => sentry.events.resolveId(...splitKey(key)));
}

/**
 * Cron monitors by `org/idOrSlug`. Sentry has no bulk read of monitors by slug, so each key is
 * one detail call (`GET /organizations/{org}/monitors/{monitor}/`); lists prime the loader.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryMonitor } from '../sentry/types.ts';
import { checkSlug, type ScopedKey, splitKey } from './keys.ts';
import { settleEach } from './settle-each.ts';

/** `org/monitor`: the monitor's id (a UUID) or its slug; Sentry's path takes either. */
export type MonitorKey = ScopedKey;

export const monitorKey = (org: string, idOrSlug: string): MonitorKey =>
  `${checkSlug(org, 'organization slug')}/${checkSlug(idOrSlug, 'monitor slug')}`;

/** `org/monitorId/checkInId`, the key inside a `CheckIn` global id. */
export type CheckInKey = `${string}/${string}/${string}`;

export const checkInKey = (org: string, monitorId: string, checkInId: string): CheckInKey =>
  `${monitorKey(org, monitorId)}/${checkSlug(checkInId, 'check-in id')}`;

/** Splits `org/monitor/checkIn`; throws BAD_USER_INPUT on anything else. */
export function splitCheckInKey(key: string): [org: string, monitor: string, checkIn: string] {
  const [org, rest] = splitKey(key);
  const [monitor = '', checkIn = '', ...extra] = rest.split('/');
  if (extra.length > 0) checkSlug(rest, 'check-in key');
  return [org, checkSlug(monitor, 'monitor slug'), checkSlug(checkIn, 'check-in id')];
}

export function loadMonitors(
  sentry: SentryClient,
  keys: readonly MonitorKey[],
): Promise<(OrgScoped<SentryMonitor> | Error)[]> {
  return settleEach(keys, (key) => sentry.monitors.get(...splitKey(key)));
}

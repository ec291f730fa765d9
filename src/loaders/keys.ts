/**
 * Loader keys: strings built and parsed only here. Every part is validated before it can reach
 * a URL, so a forged global id or a hostile argument fails with BAD_USER_INPUT and no request.
 */
import { localBadRequest } from '../sentry/http/errors.ts';

/** `org/rest`: an organization slug, a slash, and the resource's identifier within it. */
export type ScopedKey = `${string}/${string}`;
/** `org/projectId` (numeric). */
export type ProjectKey = ScopedKey;
/** `org/projectSlug`. */
export type ProjectSlugKey = ScopedKey;
/** `org/issueId` (numeric). */
export type IssueKey = ScopedKey;
/** `org/SHORT-ID`. */
export type ShortIdKey = ScopedKey;
/** `org/version`. */
export type ReleaseKey = ScopedKey;
/** `org/projectSlug/eventId`. */
export type EventKey = `${string}/${string}/${string}`;
/** `org/eventId`: an event whose project is not known yet. */
export type OrgEventKey = ScopedKey;
/** `org/teamId` (numeric). */
export type TeamKey = ScopedKey;
/** `org/teamSlug`. */
export type TeamSlugKey = ScopedKey;
/** `org/memberId` (numeric). */
export type MemberKey = ScopedKey;
/** `org/userId` (numeric). */
export type UserKey = ScopedKey;

const SLUG = /^[A-Za-z0-9_-]{1,100}$/;
const NUMERIC_ID = /^[1-9][0-9]{0,18}$/;
const EVENT_ID = /^[0-9a-f]{32}$/;
const SHORT_ID = /^[A-Za-z0-9_-]{1,100}-[A-Za-z0-9]{1,20}$/;
// Sentry's own rule (Release.is_valid_version): no slashes, tabs or newlines, not "." or "..".
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const BAD_VERSION = /[\u0000-\u001f\u007f/\\]/;

/** Throws BAD_USER_INPUT (no request is sent) unless `slug` is a Sentry slug. */
export function checkSlug(slug: string, what = 'slug'): string {
  if (!SLUG.test(slug)) throw localBadRequest(`Invalid ${what}: ${JSON.stringify(slug)}`);
  return slug;
}

/** Throws BAD_USER_INPUT unless `id` is a positive decimal id as Sentry prints them. */
export function checkNumericId(id: string, what = 'id'): string {
  if (!NUMERIC_ID.test(id)) throw localBadRequest(`Invalid ${what}: ${JSON.stringify(id)}`);
  return id;
}

/** Normalises a 32-hex event id (a dashed UUID is accepted) or throws BAD_USER_INPUT. */
export function checkEventId(id: string): string {
  const normalised = id.replaceAll('-', '').toLowerCase();
  if (!EVENT_ID.test(normalised) || !/^[0-9a-fA-F-]+$/.test(id)) {
    throw localBadRequest(`Invalid event id: ${JSON.stringify(id)}`);
  }
  return normalised;
}

/** Normalises a short id (`BACKEND-1A`) to upper case or throws BAD_USER_INPUT. */
export function checkShortId(shortId: string): string {
  if (!SHORT_ID.test(shortId))
    throw localBadRequest(`Invalid short id: ${JSON.stringify(shortId)}`);
  return shortId.toUpperCase();
}

/** Throws BAD_USER_INPUT unless `version` is a version Sentry could have stored. */
export function checkVersion(version: string): string {
  if (
    version === '' ||
    version === '.' ||
    version === '..' ||
    version.length > 250 ||
    BAD_VERSION.test(version) ||
    version.trim() !== version
  ) {
    throw localBadRequest(`Invalid release version: ${JSON.stringify(version)}`);
  }
  return version;
}

export const organizationKey = (org: string): string => checkSlug(org, 'organization slug');
export const projectKey = (org: string, projectId: string): ProjectKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(projectId, 'project id')}`;
export const projectSlugKey = (org: string, slug: string): ProjectSlugKey =>
  `${checkSlug(org, 'organization slug')}/${checkSlug(slug, 'project slug')}`;
export const issueKey = (org: string, issueId: string): IssueKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(issueId, 'issue id')}`;
export const shortIdKey = (org: string, shortId: string): ShortIdKey =>
  `${checkSlug(org, 'organization slug')}/${checkShortId(shortId)}`;
export const releaseKey = (org: string, version: string): ReleaseKey =>
  `${checkSlug(org, 'organization slug')}/${checkVersion(version)}`;
export const eventKey = (org: string, project: string, eventId: string): EventKey =>
  `${checkSlug(org, 'organization slug')}/${checkSlug(project, 'project slug')}/${checkEventId(eventId)}`;
export const orgEventKey = (org: string, eventId: string): OrgEventKey =>
  `${checkSlug(org, 'organization slug')}/${checkEventId(eventId)}`;
export const teamKey = (org: string, teamId: string): TeamKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(teamId, 'team id')}`;
export const teamSlugKey = (org: string, slug: string): TeamSlugKey =>
  `${checkSlug(org, 'organization slug')}/${checkSlug(slug, 'team slug')}`;
export const memberKey = (org: string, memberId: string): MemberKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(memberId, 'member id')}`;
export const userKey = (org: string, userId: string): UserKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(userId, 'user id')}`;

/** Splits `org/rest` at the first slash; throws BAD_USER_INPUT on anything else. */
export function splitKey(key: string): [org: string, rest: string] {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) {
    throw localBadRequest(`Invalid key: ${JSON.stringify(key)}`);
  }
  return [checkSlug(key.slice(0, slash), 'organization slug'), key.slice(slash + 1)];
}

/** Splits `org/project/eventId`; throws BAD_USER_INPUT on anything else. */
export function splitEventKey(key: string): [org: string, project: string, eventId: string] {
  const [org, rest] = splitKey(key);
  const slash = rest.indexOf('/');
  if (slash <= 0) throw localBadRequest(`Invalid event key: ${JSON.stringify(key)}`);
  return [
    org,
    checkSlug(rest.slice(0, slash), 'project slug'),
    checkEventId(rest.slice(slash + 1)),
  ];
}

/** Groups scoped keys by organization, keeping first-seen order. */
export function groupByOrg<K extends ScopedKey>(keys: readonly K[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const [org, rest] = splitKey(key);
    const group = groups.get(org);
    if (group) group.push(rest);
    else groups.set(org, [rest]);
  }
  return groups;
}

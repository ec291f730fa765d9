/**
 * Release files by `org/fileId/version` and debug files by `org/project/id`. Sentry has no bulk
 * read of either: a release file is one detail call each, a debug file one list call with
 * `?query=<id>` (there is no detail route); lists prime both loaders.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryDebugFile, SentryReleaseFile } from '../sentry/types.ts';
import { checkNumericId, checkSlug, checkVersion, splitKey } from './keys.ts';
import { notFound, settleEach } from './settle-each.ts';

/** `org/fileId/version`: the version last, since only it may hold any character but `/`. */
export type ReleaseFileKey = `${string}/${string}/${string}`;
/** `org/project/id`. */
export type DebugFileKey = `${string}/${string}/${string}`;

/** A release file with the release it belongs to (Sentry's row leaves it out). */
export type ReleaseFileShape = OrgScoped<SentryReleaseFile> & { version: string };
/** A debug file with the project it belongs to (Sentry's row leaves it out). */
export type DebugFileShape = OrgScoped<SentryDebugFile> & { projectSlug: string };

export const releaseFileKey = (org: string, version: string, fileId: string): ReleaseFileKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(fileId, 'release file id')}/${checkVersion(version)}`;

export function splitReleaseFileKey(key: string): [org: string, version: string, fileId: string] {
  const [org, rest] = splitKey(key);
  const slash = rest.indexOf('/');
  return [
    org,
    checkVersion(rest.slice(slash + 1)),
    checkNumericId(rest.slice(0, slash), 'release file id'),
  ];
}

export const debugFileKey = (org: string, project: string, id: string): DebugFileKey =>
  `${checkSlug(org, 'organization slug')}/${checkSlug(project, 'project slug')}/${checkNumericId(id, 'debug file id')}`;

export function splitDebugFileKey(key: string): [org: string, project: string, id: string] {
  const [org, rest] = splitKey(key);
  const [project = '', id = ''] = rest.split('/');
  return [org, checkSlug(project, 'project slug'), checkNumericId(id, 'debug file id')];
}

export function loadReleaseFiles(
  sentry: SentryClient,
  keys: readonly ReleaseFileKey[],
): Promise<(ReleaseFileShape | Error)[]> {
  return settleEach(keys, async (key) => {
    const [org, version, id] = splitReleaseFileKey(key);
    return { ...(await sentry.releaseFiles.get(org, version, id)), version };
  });
}

export function loadDebugFiles(
  sentry: SentryClient,
  keys: readonly DebugFileKey[],
): Promise<(DebugFileShape | Error)[]> {
  return settleEach(keys, async (key) => {
    const [org, project, id] = splitDebugFileKey(key);
    const page = await sentry.debugFiles.list(org, project, { query: id });
    const file = page.items.find((item) => item.id === id);
    if (!file) throw notFound('Debug file', id);
    return { ...file, projectSlug: project };
  });
}

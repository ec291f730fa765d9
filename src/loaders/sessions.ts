/**
 * Release health of many releases in one call: the sessions endpoint filtered to every version
 * asked for (`release:"a" OR release:"b"`) and grouped by release, then split back per release.
 * Releases asked for with different arguments (range, interval, fields...) get a call each.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentrySessionsResponse } from '../sentry/types.ts';
import { checkSlug, checkVersion } from './keys.ts';
import { settleEach } from './settle-each.ts';

/** Query parameters of the sessions endpoint other than the release filter. */
export type SessionParams = Readonly<Record<string, string | readonly string[]>>;
/** `[org, version, params]` as JSON, built and parsed only here. */
export type ReleaseHealthKey = string & { readonly releaseHealthKey: true };

type Group = SentrySessionsResponse['groups'][number];
/** Fields that count (zero without sessions); the others are rates and durations (null). */
const COUNT_FIELDS = new Set(['sum(session)', 'count_unique(user)']);

export function releaseHealthKey(
  org: string,
  version: string,
  params: SessionParams,
): ReleaseHealthKey {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([
    checkSlug(org, 'organization slug'),
    checkVersion(version),
    sorted,
  ]) as ReleaseHealthKey;
}

function splitReleaseHealthKey(key: ReleaseHealthKey): [string, string, SessionParams] {
  return JSON.parse(key) as [string, string, SessionParams];
}

export async function loadReleaseHealth(
  sentry: SentryClient,
  keys: readonly ReleaseHealthKey[],
): Promise<(OrgScoped<SentrySessionsResponse> | Error)[]> {
  const batches = new Map<string, { org: string; params: SessionParams; versions: string[] }>();
  for (const key of keys) {
    const [org, version, params] = splitReleaseHealthKey(key);
    const batchKey = JSON.stringify([org, params]);
    const batch = batches.get(batchKey) ?? { org, params, versions: [] };
    if (!batch.versions.includes(version)) batch.versions.push(version);
    batches.set(batchKey, batch);
  }
  const responses = new Map<string, OrgScoped<SentrySessionsResponse> | Error>();
  const entries = [...batches.entries()];
  const settled = await settleEach(entries, ([, batch]) =>
    sentry.getSessions(batch.org, {
      ...batch.params,
      groupBy: withRelease(batch.params),
      query: batch.versions.map((version) => `release:${JSON.stringify(version)}`).join(' OR '),
    }),
  );
  entries.forEach(([batchKey], index) => {
    const response = settled[index];
    if (response !== undefined) responses.set(batchKey, response);
  });
  return keys.map((key) => {
    const [org, version, params] = splitReleaseHealthKey(key);
    const response = responses.get(JSON.stringify([org, params]));
    if (response === undefined) return new Error('No sessions answer for the release');
    return response instanceof Error ? response : forRelease(response, version, params);
  });
}

const list = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

function withRelease(params: SessionParams): string[] {
  const groupBy = list(params['groupBy']);
  return groupBy.includes('release') ? [...groupBy] : [...groupBy, 'release'];
}

/** The groups of one release, with `release` dropped from `by` unless it was asked for. */
function forRelease(
  response: OrgScoped<SentrySessionsResponse>,
  version: string,
  params: SessionParams,
): OrgScoped<SentrySessionsResponse> {
  const requestedGroupBy = list(params['groupBy']);
  const keepRelease = requestedGroupBy.includes('release');
  const groups = response.groups
    .filter((group) => group.by.release === version)
    .map((group): Group => {
      if (keepRelease) return group;
      const { release: _release, ...by } = group.by;
      return { ...group, by };
    });
  // Sentry leaves out a release without sessions; ungrouped, the caller still expects one group.
  if (groups.length === 0 && requestedGroupBy.length === 0) {
    groups.push(emptyGroup(list(params['field']), response.intervals.length));
  }
  return { ...response, groups, query: `release:${JSON.stringify(version)}` };
}

function emptyGroup(fields: readonly string[], points: number): Group {
  const totals: Group['totals'] = {};
  const series: Group['series'] = {};
  for (const field of fields) {
    const value = COUNT_FIELDS.has(field) ? 0 : null;
    totals[field] = value;
    series[field] = Array.from({ length: points }, () => value);
  }
  return { by: {}, totals, series };
}

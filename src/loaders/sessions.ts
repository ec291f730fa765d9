/**
 * Release health of many releases in one call: the sessions endpoint filtered to every version
 * asked for (`release:"a" OR release:"b"`) and grouped by release, then split back per release.
 * Releases asked for with different arguments (range, interval, fields...) get a call each, and
 * so does every chunk of versions whose series would pass Snuba's row limit.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentrySessionsResponse } from '../sentry/types.ts';
import { checkSlug, checkVersion } from './keys.ts';
import { settleEach } from './settle-each.ts';

/** Query parameters of the sessions endpoint other than the release filter. */
export type SessionParams = Readonly<Record<string, string | readonly string[]>>;
/** `[org, version, params, points]` as JSON, built and parsed only here. */
export type ReleaseHealthKey = string & { readonly releaseHealthKey: true };

type Group = SentrySessionsResponse['groups'][number];
/** Fields that count (zero without sessions); the others are rates and durations (null). */
const COUNT_FIELDS = new Set(['sum(session)', 'count_unique(user)']);
/**
 * Rows (groups × points) Sentry asks Snuba for at most (`sessions_v2.SNUBA_LIMIT`); the series
 * beyond it would come back cut short.
 */
const MAX_ROWS = 5000;
/** Versions per call: the `release:"a" OR ...` query must stay a reasonable URL. */
const MAX_VERSIONS = 50;
/** Groups assumed per release when the caller also groups by something else. */
const GROUPS_PER_RELEASE = 10;

export function releaseHealthKey(
  org: string,
  version: string,
  params: SessionParams,
  points: number,
): ReleaseHealthKey {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([
    checkSlug(org, 'organization slug'),
    checkVersion(version),
    sorted,
    points,
  ]) as ReleaseHealthKey;
}

function splitReleaseHealthKey(key: ReleaseHealthKey): [string, string, SessionParams, number] {
  return JSON.parse(key) as [string, string, SessionParams, number];
}

export async function loadReleaseHealth(
  sentry: SentryClient,
  keys: readonly ReleaseHealthKey[],
): Promise<(OrgScoped<SentrySessionsResponse> | Error)[]> {
  const calls = new Map<string, { org: string; params: SessionParams; versions: string[] }>();
  /** Key → the call that answers it. */
  const callOf = new Map<ReleaseHealthKey, string>();
  for (const key of keys) {
    const [org, version, params, points] = splitReleaseHealthKey(key);
    const grouped = list(params['groupBy']).length > 0;
    const perCall = Math.max(
      1,
      Math.min(
        MAX_VERSIONS,
        Math.floor(MAX_ROWS / Math.max(1, points) / (grouped ? GROUPS_PER_RELEASE : 1)),
      ),
    );
    let chunk = 0;
    let callKey = JSON.stringify([org, params, chunk]);
    for (;;) {
      const call = calls.get(callKey);
      if (!call || call.versions.includes(version) || call.versions.length < perCall) break;
      chunk += 1;
      callKey = JSON.stringify([org, params, chunk]);
    }
    const call = calls.get(callKey) ?? { org, params, versions: [] };
    if (!call.versions.includes(version)) call.versions.push(version);
    calls.set(callKey, call);
    callOf.set(key, callKey);
  }
  const entries = [...calls.entries()];
  const settled = await settleEach(entries, ([, call]) =>
    sentry.sessions.query(call.org, {
      ...call.params,
      groupBy: withRelease(call.params),
      query: call.versions.map((version) => `release:${JSON.stringify(version)}`).join(' OR '),
    }),
  );
  const responses = new Map(entries.map(([callKey], index) => [callKey, settled[index]]));
  return keys.map((key) => {
    const [, version, params] = splitReleaseHealthKey(key);
    const response = responses.get(callOf.get(key) ?? '');
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

/**
 * Release search (the release list's `query`, `status`, `sort`, `environment`) and the
 * `release:` / `firstRelease:` matching of issue and event searches.
 */
import { QueryError } from '../../data/errors.ts';
import type { OrgData } from '../../data/model.ts';
import { globMatch, parseSearch } from '../../data/search.ts';
import type { ReleaseRecord } from './record.ts';
import { latestReleaseOf } from './store.ts';

/** Versions for `release:latest` / `firstRelease:latest`: the newest release of each project. */
function latestVersions(org: OrgData, projectIds: readonly string[] | undefined): Set<string> {
  const versions = new Set<string>();
  const wanted =
    projectIds && projectIds.length > 0 ? projectIds : org.projects.map((p) => p.wire.id);
  for (const projectId of wanted) {
    const release = latestReleaseOf(org, projectId);
    if (release) versions.add(release.wire.version);
  }
  return versions;
}

export function releaseMatcher(
  org: OrgData,
  values: string[],
  projectIds: readonly string[] | undefined,
): (version: string | null) => boolean {
  const latest = values.includes('latest') ? latestVersions(org, projectIds) : new Set<string>();
  const patterns = values.filter((value) => value !== 'latest');
  return (version) =>
    version !== null &&
    (latest.has(version) || patterns.some((pattern) => globMatch(pattern, version)));
}

export interface ReleaseSearchOptions {
  /** `release:[a,b]`, `release:a*`, or bare text (substring of the version). */
  query?: string;
  projectIds?: readonly string[];
  /** Default `open`; `archived` lists archived releases only. */
  status?: string;
  /** `date` (default), `semver`, `build`; Sentry's session sorts fall back to `date`. */
  sort?: string;
  environments?: readonly string[];
}

function semverKey(release: ReleaseRecord): number[] {
  const version = release.wire.versionInfo?.version ?? {};
  const number = (key: string) =>
    typeof version[key] === 'number' ? (version[key] as number) : -1;
  return [number('major'), number('minor'), number('patch')];
}

/** The release list: filters then sorts (newest first). */
export function searchReleases(org: OrgData, options: ReleaseSearchOptions = {}): ReleaseRecord[] {
  const status = options.status || 'open';
  if (status !== 'open' && status !== 'archived') throw new QueryError('invalid status');
  const predicates: ((release: ReleaseRecord) => boolean)[] = [
    (release) => (release.wire.status === 'archived') === (status === 'archived'),
  ];
  for (const term of parseSearch(options.query ?? '')) {
    if (term.kind === 'text') {
      const needle = term.value.toLowerCase();
      predicates.push(
        (release) => release.wire.version.toLowerCase().includes(needle) !== term.negated,
      );
      continue;
    }
    if (term.key !== 'release' && term.key !== 'release.version') {
      throw new QueryError(`Invalid search filter: ${term.key}`);
    }
    const values = term.values;
    predicates.push(
      (release) => values.some((value) => globMatch(value, release.wire.version)) !== term.negated,
    );
  }
  const projects =
    options.projectIds && options.projectIds.length > 0 ? new Set(options.projectIds) : null;
  if (projects) predicates.push((release) => release.projectIds.some((id) => projects.has(id)));
  const environments = options.environments?.filter((env) => env !== '') ?? [];
  if (environments.length > 0) {
    predicates.push(
      (release) =>
        release.deploys.some((deploy) => environments.includes(deploy.environment)) ||
        org.events.some(
          (event) =>
            event.release === release.wire.version && environments.includes(event.environment),
        ),
    );
  }
  const found = org.releases.filter((release) => predicates.every((test) => test(release)));
  if (options.sort === 'semver' || options.sort === 'build') {
    return [...found].sort((a, b) => {
      const ka = semverKey(a);
      const kb = semverKey(b);
      for (let i = 0; i < 3; i++)
        if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0);
      return b.wire.id - a.wire.id;
    });
  }
  return [...found].sort(
    (a, b) =>
      (b.wire.dateCreated ?? '').localeCompare(a.wire.dateCreated ?? '') || b.wire.id - a.wire.id,
  );
}

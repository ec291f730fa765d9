/**
 * Releases by version, many per call (`query=release:["1.0","1.1"]&project=-1`, one call per
 * organization); a lone version is one detail call. Versions the list leaves out (archived
 * ones, odd characters) are fetched one by one before they count as missing.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryRelease } from '../sentry/types.ts';
import type { ReleaseKey } from './keys.ts';
import { loadScopedInBulk } from './settle-each.ts';

export function loadReleases(
  sentry: SentryClient,
  keys: readonly ReleaseKey[],
): Promise<(OrgScoped<SentryRelease> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Release',
    idOf: (release) => release.version,
    fetch: async (org, versions) =>
      (
        await sentry.releases.list(org, {
          query: `release:[${versions.map((version) => JSON.stringify(version)).join(',')}]`,
          perPage: 100,
        })
      ).items,
    onMissing: (org, version) => sentry.releases.get(org, version),
    single: (org, version) => sentry.releases.get(org, version),
  });
}

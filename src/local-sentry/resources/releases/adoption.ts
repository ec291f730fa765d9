/**
 * `adoptionStages` of a release (asked with `adoptionStages=1`): per project slug, whether the
 * release is adopted, was replaced by a later one, or never reached adoption. Here a release is
 * adopted from its first event; a later release of the project that was adopted replaces it.
 */
import type { SentryJsonObject } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { ReleaseRecord } from './record.ts';

function byCreation(a: ReleaseRecord, b: ReleaseRecord): number {
  return (
    Date.parse(a.wire.dateCreated ?? '') - Date.parse(b.wire.dateCreated ?? '') ||
    a.wire.id - b.wire.id
  );
}

export function releaseAdoptionStages(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
): SentryJsonObject {
  const stages: SentryJsonObject = {};
  for (const projectId of release.projectIds) {
    const slug = data.projectsById.get(projectId)?.wire.slug;
    if (!slug) continue;
    const ordered = org.releases
      .filter((other) => other.projectIds.includes(projectId))
      .sort(byCreation);
    const adopted = release.wire.firstEvent ?? null;
    const replacedBy = ordered
      .slice(ordered.indexOf(release) + 1)
      .find((later) => later.wire.firstEvent != null);
    const unadopted = adopted && replacedBy ? (replacedBy.wire.firstEvent ?? null) : null;
    stages[slug] = {
      stage: adopted === null ? 'low_adoption' : unadopted ? 'replaced' : 'adopted',
      adopted,
      unadopted,
    };
  }
  return stages;
}

/**
 * `currentProjectMeta` of a release detail asked with one `project=`: the project's releases
 * before and after it, its first and last, and the time span its sessions are counted in. The
 * order is the releases' creation time (then id), as Sentry orders a project's releases.
 */
import type { OrgData } from '../../data/model.ts';
import type { ReleaseRecord } from './record.ts';

export interface ReleaseProjectMeta {
  prevReleaseVersion: string | null;
  nextReleaseVersion: string | null;
  firstReleaseVersion: string | null;
  lastReleaseVersion: string | null;
  sessionsLowerBound: string | null;
  sessionsUpperBound: string | null;
}

export function releaseProjectMeta(
  org: OrgData,
  release: ReleaseRecord,
  projectId: string,
): ReleaseProjectMeta | Record<string, never> {
  if (!release.projectIds.includes(projectId)) return {};
  const ordered = org.releases
    .filter((other) => other.projectIds.includes(projectId))
    .sort(
      (a, b) =>
        Date.parse(a.wire.dateCreated ?? '') - Date.parse(b.wire.dateCreated ?? '') ||
        a.wire.id - b.wire.id,
    );
  const at = ordered.indexOf(release);
  const version = (index: number) => ordered[index]?.wire.version ?? null;
  return {
    prevReleaseVersion: version(at - 1),
    nextReleaseVersion: version(at + 1),
    firstReleaseVersion: version(0),
    lastReleaseVersion: version(ordered.length - 1),
    sessionsLowerBound: release.wire.dateCreated ?? null,
    sessionsUpperBound: ordered[at + 1]?.wire.dateCreated ?? null,
  };
}

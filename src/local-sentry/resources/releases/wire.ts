/** Release bodies: the list row and detail, and the summary events and issues embed. */
import type { SentryDeploy, SentryReleaseSummary } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { iso } from '../../data/time.ts';

/** The spec types an embedded `lastDeploy.name` as a string, so a nameless deploy shows `""`. */
const embeddedDeploy = (deploy: SentryDeploy | null | undefined): SentryDeploy | null =>
  deploy ? { ...deploy, name: deploy.name ?? '' } : null;

/** The release as embedded in events and issues (`release`, `firstRelease`, `lastRelease`). */
export function releaseSummary(org: OrgData, version: string | null): SentryReleaseSummary | null {
  if (version === null) return null;
  const release = org.releasesByVersion.get(version);
  if (!release) return { version, shortVersion: version };
  const wire = release.wire;
  return {
    id: wire.id,
    version: wire.version,
    shortVersion: wire.shortVersion,
    status: wire.status,
    ref: wire.ref ?? null,
    url: wire.url ?? null,
    dateCreated: wire.dateCreated ?? iso(0),
    dateReleased: wire.dateReleased ?? null,
    data: wire.data,
    commitCount: wire.commitCount,
    deployCount: wire.deployCount,
    lastCommit: wire.lastCommit ?? null,
    lastDeploy: embeddedDeploy(wire.lastDeploy),
    userAgent: wire.userAgent ?? null,
    versionInfo: wire.versionInfo,
    firstEvent: wire.firstEvent ?? null,
    lastEvent: wire.lastEvent ?? null,
    newGroups: wire.newGroups,
    authors: wire.authors,
    owner: wire.owner ?? null,
    projects: wire.projects.map(({ name, slug }) => ({ name, slug })),
  };
}

/** A release row/detail body with the embedded deploy shaped as the spec wants. */
export function releaseBody(org: OrgData, version: string) {
  const release = org.releasesByVersion.get(version);
  if (!release) return undefined;
  return { ...release.wire, lastDeploy: embeddedDeploy(release.wire.lastDeploy) };
}

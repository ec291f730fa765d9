/** Release lookups and mutations. */
import type { SentryReleaseCreate, SentryReleaseUpdate } from '../../../sentry/types.ts';
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildRelease } from './build.ts';
import { setReleaseCommits } from './commits.ts';
import type { ReleaseRecord } from './record.ts';

export function findRelease(org: OrgData, version: string): ReleaseRecord | undefined {
  return org.releasesByVersion.get(version);
}

/** The newest release of a project (by creation date), for `inRelease: "latest"`. */
export function latestReleaseOf(org: OrgData, projectId: string): ReleaseRecord | undefined {
  return org.releases.find((release) => release.projectIds.includes(projectId));
}

/** `POST /organizations/{org}/releases/`; `projects` are already resolved. */
export function addRelease(
  data: LocalData,
  org: OrgData,
  projects: ProjectRecord[],
  body: SentryReleaseCreate & { dateStarted?: string | null },
): ReleaseRecord {
  storeChanged();
  if (org.releasesByVersion.has(body.version)) {
    throw new StoreError('Release with this version already exists.', 'version');
  }
  const created = nowIso(data);
  const release: ReleaseRecord = {
    org: org.slug,
    wire: buildRelease({
      id: Number(nextId(data, 'release')),
      version: body.version,
      ref: body.ref ?? null,
      url: body.url ?? null,
      dateCreated: created,
      dateReleased: body.dateReleased ?? null,
      projects: projects.map((project) => project.wire),
    }),
    projectIds: projects.map((project) => project.wire.id),
    deploys: [],
    commitIds: [],
    files: [],
  };
  if (body.status !== undefined) release.wire.status = body.status;
  if (body.dateStarted) release.wire.dateStarted = body.dateStarted;
  org.releases.unshift(release);
  org.releasesByVersion.set(body.version, release);
  if (body.commits) setReleaseCommits(data, org, release, body.commits);
  for (const project of projects) project.wire.latestRelease = { version: body.version };
  return release;
}

/** Sentry's `release.add_project` for each project not yet in the release (a re-POST). */
export function attachProjects(release: ReleaseRecord, projects: ProjectRecord[]): void {
  storeChanged();
  for (const project of projects) {
    if (release.projectIds.includes(project.wire.id)) continue;
    release.projectIds.push(project.wire.id);
    release.wire.projects.push({
      id: Number(project.wire.id),
      slug: project.wire.slug,
      name: project.wire.name,
      platform: project.wire.platform ?? null,
      platforms: project.wire.platform ? [project.wire.platform] : [],
      hasHealthData: false,
      newGroups: 0,
    });
    project.wire.latestRelease ??= { version: release.wire.version };
  }
}

export function updateRelease(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  body: SentryReleaseUpdate,
): ReleaseRecord {
  storeChanged();
  if (body.ref !== undefined) release.wire.ref = body.ref;
  if (body.url !== undefined) release.wire.url = body.url;
  if (body.dateReleased !== undefined) release.wire.dateReleased = body.dateReleased;
  if (body.status !== undefined) release.wire.status = body.status;
  if (body.commits) setReleaseCommits(data, org, release, body.commits);
  return release;
}

/** True when issues were first or last seen in the release (Sentry then refuses to delete it). */
export function releaseInUse(org: OrgData, release: ReleaseRecord): boolean {
  const version = release.wire.version;
  return org.issues.some(
    (issue) => issue.firstRelease === version || issue.lastRelease === version,
  );
}

export function deleteRelease(data: LocalData, org: OrgData, release: ReleaseRecord): void {
  storeChanged();
  const version = release.wire.version;
  org.releases = org.releases.filter((r) => r !== release);
  org.releasesByVersion.delete(version);
  for (const repository of org.repositories) {
    for (const commit of repository.commits) {
      if (commit.releaseVersions.includes(version)) {
        commit.releaseVersions = commit.releaseVersions.filter((v) => v !== version);
      }
    }
  }
  for (const projectId of release.projectIds) {
    const project = data.projectsById.get(projectId);
    if (project?.wire.latestRelease?.version === version) {
      const next = latestReleaseOf(org, projectId);
      project.wire.latestRelease = next ? { version: next.wire.version } : null;
    }
  }
}

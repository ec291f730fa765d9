/** A release's commits: setting them from a release body, listing them, their rows. */
import type { SentryCommit, SentryReleaseCreate, SentryUser } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nowIso } from '../../data/store.ts';
import { iso } from '../../data/time.ts';
import { findMemberByUser } from '../members/store.ts';
import type { CommitRecord, ReleaseRecord } from './record.ts';
import { repositoryFor } from './repositories.ts';

export function setReleaseCommits(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  commits: NonNullable<SentryReleaseCreate['commits']>,
): void {
  const project = release.projectIds.map((id) => data.projectsById.get(id))[0];
  const version = release.wire.version;
  for (const sha of release.commitIds) {
    for (const repository of org.repositories) {
      const commit = repository.commitsById.get(sha);
      if (commit) commit.releaseVersions = commit.releaseVersions.filter((v) => v !== version);
    }
  }
  release.commitIds = [];
  const authors = new Map<string, SentryUser | { name: string | null; email: string }>();
  let last: CommitRecord | null = null;
  for (const input of commits) {
    const repository = repositoryFor(data, org, input.repository, project);
    let commit = repository.commitsById.get(input.id);
    const email = input.author_email ?? null;
    const member = email ? findMemberByUser(org, email) : undefined;
    const user = member?.userId ? data.users.get(member.userId) : undefined;
    const author = user ?? (email ? { name: input.author_name ?? null, email } : undefined);
    if (!commit) {
      commit = {
        org: org.slug,
        repositoryId: repository.wire.id,
        wire: {
          id: input.id,
          message: input.message ?? null,
          dateCreated: input.timestamp ?? nowIso(data),
          pullRequest: null,
          suspectCommitType: '',
          repository: repository.wire,
          author: author ?? {},
        },
        releaseVersions: [],
      };
      repository.commits.unshift(commit);
      repository.commitsById.set(input.id, commit);
    } else {
      // As Sentry's set_commits: a known SHA takes the message and author the body now gives.
      if (input.message) commit.wire.message = input.message;
      if (author) commit.wire.author = author;
    }
    commit.releaseVersions.push(version);
    release.commitIds.push(input.id);
    if (author) authors.set(author.email, author);
    last ??= commit;
  }
  release.wire.commitCount = release.commitIds.length;
  release.wire.authors = [...authors.values()];
  release.wire.lastCommit = last ? last.wire : null;
}

/** The commits of a release, newest first. */
export function releaseCommits(org: OrgData, version: string): CommitRecord[] {
  const release = org.releasesByVersion.get(version);
  if (!release) return [];
  const commits: CommitRecord[] = [];
  for (const sha of release.commitIds) {
    for (const repository of org.repositories) {
      const commit = repository.commitsById.get(sha);
      if (commit) {
        commits.push(commit);
        break;
      }
    }
  }
  return commits;
}

/** A commit row of a release commit list, with `releases`. */
export function releaseCommitBody(org: OrgData, commit: CommitRecord): SentryCommit {
  return {
    ...commit.wire,
    releases: commit.releaseVersions.flatMap((version) => {
      const release = org.releasesByVersion.get(version);
      if (!release) return [];
      return [
        {
          version,
          shortVersion: release.wire.shortVersion,
          ref: release.wire.ref ?? null,
          url: release.wire.url ?? null,
          dateReleased: release.wire.dateReleased ?? null,
          dateCreated: release.wire.dateCreated ?? iso(0),
        },
      ];
    }),
  };
}

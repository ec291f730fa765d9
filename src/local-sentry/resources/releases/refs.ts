/**
 * `refs` of a release body (`[{repository, commit, previousCommit?}]`, what `sentry-cli releases
 * set-commits --auto` and `--commit repo@sha` send) resolved into the release's commits through
 * the organization's repositories, as Sentry does with a repository integration: the commits
 * from `previousCommit` (exclusive; else the previous release's head commit in that repository)
 * up to `commit`. The repositories' stored history stands in for the provider's compare API.
 */
import type { SentryCommitInput, SentryRefInput } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { badRequest } from '../../http/reply.ts';
import { setReleaseCommits } from './commits.ts';
import type { ReleaseRecord, RepositoryRecord } from './record.ts';

/** Sentry fetches at most this many commits for a ref without a previous commit. */
const LAST_COMMITS = 20;

/** `refs` of a release POST/PUT body, validated as Sentry's `ReleaseHeadCommitSerializer` does. */
export function refsField(body: Record<string, unknown>): SentryRefInput[] | undefined {
  const refs = body['refs'];
  if (refs === undefined || refs === null) return undefined;
  if (!Array.isArray(refs)) throw badRequest({ refs: ['Expected a list of items.'] });
  return refs.map((ref) => {
    const item = (typeof ref === 'object' && ref !== null ? ref : {}) as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    for (const name of ['repository', 'commit']) {
      if (typeof item[name] !== 'string' || item[name] === '') {
        errors[name] = ['This field is required.'];
      }
    }
    const previous = item['previousCommit'];
    if (previous !== undefined && previous !== null && typeof previous !== 'string') {
      errors['previousCommit'] = ['Not a valid string.'];
    }
    if (Object.keys(errors).length > 0) throw badRequest({ refs: [errors] });
    const out: SentryRefInput = {
      repository: String(item['repository']),
      commit: String(item['commit']),
    };
    if (typeof previous === 'string' && previous !== '') out.previousCommit = previous;
    return out;
  });
}

/** The head commit the release before `release` recorded in `repository`. */
function previousHead(org: OrgData, release: ReleaseRecord, repository: RepositoryRecord) {
  const index = org.releases.indexOf(release);
  for (const older of org.releases.slice(index + 1)) {
    const head = older.headCommits?.find((h) => h.repositoryId === repository.wire.id);
    if (head) return head.commit;
  }
  return undefined;
}

/** The commits between the previous head (exclusive) and `ref.commit`, newest first. */
function commitRange(
  org: OrgData,
  release: ReleaseRecord,
  repository: RepositoryRecord,
  ref: SentryRefInput,
): SentryCommitInput[] {
  const asInput = (index: number): SentryCommitInput[] => {
    const commit = repository.commits[index];
    if (!commit) return [];
    const author = commit.wire.author as { name?: string | null; email?: string } | undefined;
    const input: SentryCommitInput = { id: commit.wire.id, repository: repository.wire.name };
    if (commit.wire.message) input.message = commit.wire.message;
    if (author?.email) input.author_email = author.email;
    if (author?.name) input.author_name = author.name;
    if (commit.wire.dateCreated) input.timestamp = commit.wire.dateCreated;
    return [input];
  };
  const end = repository.commits.findIndex((commit) => commit.wire.id === ref.commit);
  // A SHA the repository does not know yet: Sentry records it as the head commit alone.
  if (end < 0) return [{ id: ref.commit, repository: repository.wire.name }];
  const previous = ref.previousCommit ?? previousHead(org, release, repository);
  const start = previous
    ? repository.commits.findIndex((commit) => commit.wire.id === previous)
    : -1;
  const stop = start > end ? start : Math.min(end + LAST_COMMITS, repository.commits.length);
  const out: SentryCommitInput[] = [];
  for (let index = end; index < stop; index++) out.push(...asInput(index));
  return out;
}

const repositoriesByName = (org: OrgData) =>
  new Map(org.repositories.map((repository) => [repository.wire.name, repository]));

/** 400 naming the repositories `refs` name that the organization does not have. */
export function validateRefs(org: OrgData, refs: SentryRefInput[]): void {
  const byName = repositoriesByName(org);
  const invalid = [...new Set(refs.map((ref) => ref.repository))].filter((n) => !byName.has(n));
  if (invalid.length > 0) {
    throw badRequest({ refs: [`Invalid repository names: ${invalid.join(',')}`] });
  }
}

/** Sets the release's head commits and commits from `refs`. */
export function setReleaseRefs(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  refs: SentryRefInput[],
): void {
  validateRefs(org, refs);
  const byName = repositoriesByName(org);
  const commits: SentryCommitInput[] = [];
  const heads: NonNullable<ReleaseRecord['headCommits']> = [];
  for (const ref of refs) {
    const repository = byName.get(ref.repository) as RepositoryRecord;
    heads.push({ repositoryId: repository.wire.id, commit: ref.commit });
    commits.push(...commitRange(org, release, repository, ref));
  }
  release.headCommits = heads;
  const unique = new Map(commits.map((commit) => [commit.id, commit]));
  setReleaseCommits(data, org, release, [...unique.values()]);
}

/** What the store keeps of releases, repositories and commits. */
import type {
  SentryCommit,
  SentryDeploy,
  SentryRelease,
  SentryReleaseFile,
  SentryRepository,
} from '../../../sentry/types.ts';

export interface ReleaseRecord {
  org: string;
  wire: SentryRelease;
  projectIds: string[];
  /** Newest first. */
  deploys: SentryDeploy[];
  /** Commit SHAs, newest first. */
  commitIds: string[];
  files: SentryReleaseFile[];
  /** Head commit per repository, set from `refs` (the next release's `previousCommit`). */
  headCommits?: { repositoryId: string; commit: string }[];
}

export interface RepositoryRecord {
  org: string;
  wire: SentryRepository;
  /** Newest first. */
  commits: CommitRecord[];
  commitsById: Map<string, CommitRecord>;
}

export interface CommitRecord {
  org: string;
  repositoryId: string;
  /** Without `releases`; `commits.ts` adds them for release commit lists. */
  wire: SentryCommit;
  releaseVersions: string[];
}

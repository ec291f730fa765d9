/**
 * The in-memory store behind the local Sentry. Records wrap the wire body Sentry would send
 * (`wire`, returned as is by the routes) with the links the routes need to find and filter
 * them; per-organization arrays keep list order and maps give O(1) lookups. Change it only
 * through the helpers in `store.ts`, which keep arrays and maps consistent.
 *
 * Events are compact (`EventRecord`): full bodies are built on demand by `wire.ts`.
 */
import type {
  SentryCommit,
  SentryDeploy,
  SentryIssue,
  SentryIssueLevel,
  SentryMember,
  SentryOrganization,
  SentryProject,
  SentryProjectKey,
  SentryRelease,
  SentryReleaseFile,
  SentryRepository,
  SentryServiceHook,
  SentryTeam,
  SentryUser,
  SentryUserFeedback,
} from '../../sentry/types.ts';
import type { ErrorTemplate } from './templates/index.ts';

export type Scale = 'small' | 'medium' | 'large';

export interface LocalData {
  seed: number;
  scale: Scale;
  /**
   * The data's "now" (ms since epoch). Every timestamp is before it; `statsPeriod=24h` counts
   * back from it, not from the wall clock, so filters give the same answer every day.
   */
  now: number;
  /** By slug, in list order. */
  organizations: Map<string, OrgData>;
  /** Sentry accounts (members' users, release and commit authors), by id. */
  users: Map<string, SentryUser>;
  /** Global indexes: Sentry ids are unique across organizations. */
  projectsById: Map<string, ProjectRecord>;
  issuesById: Map<string, IssueRecord>;
  eventsById: Map<string, EventRecord>;
  /**
   * Sentry's `GroupRedirect`: the id of an issue merged into another → the id it lives on as.
   * Issue detail routes follow it; lists and `group=` lookups do not.
   */
  issueRedirects: Map<string, string>;
  /** Next numeric id per kind, for records created by mutations. */
  sequences: Record<SequenceKind, number>;
}

export type SequenceKind =
  | 'organization'
  | 'user'
  | 'member'
  | 'team'
  | 'project'
  | 'issue'
  | 'release'
  | 'deploy'
  | 'repository'
  | 'file'
  | 'key'
  | 'hook'
  | 'feedback'
  | 'activity';

/** One organization and everything in it. */
export interface OrgData {
  slug: string;
  wire: SentryOrganization;
  projects: ProjectRecord[];
  projectsBySlug: Map<string, ProjectRecord>;
  teams: TeamRecord[];
  teamsBySlug: Map<string, TeamRecord>;
  teamsById: Map<string, TeamRecord>;
  members: MemberRecord[];
  membersById: Map<string, MemberRecord>;
  /** Newest first (by `firstSeen`), as the default issue stream sorts. */
  issues: IssueRecord[];
  /** Upper-case short id → issue. */
  issuesByShortId: Map<string, IssueRecord>;
  /** Newest first. */
  events: EventRecord[];
  /** Newest first (by `dateCreated`). */
  releases: ReleaseRecord[];
  releasesByVersion: Map<string, ReleaseRecord>;
  repositories: RepositoryRecord[];
  repositoriesById: Map<string, RepositoryRecord>;
  /** The end users events are reported for (the `user` of events), by index. */
  eventUsers: EventUser[];
  environments: string[];
}

export interface ProjectRecord {
  org: string;
  /** List-row body; `team`/`teams` are kept in step with `teamSlugs` by the store. */
  wire: SentryProject;
  teamSlugs: string[];
  /** Newest first. */
  issues: IssueRecord[];
  /** Newest first. */
  events: EventRecord[];
  keys: ProjectKeyRecord[];
  hooks: ServiceHookRecord[];
  feedback: UserFeedbackRecord[];
  /** Next short-id counter value (Sentry's per-project `counter`). */
  nextShortId: number;
}

export interface TeamRecord {
  org: string;
  /** Without `projects`; `wire.ts` adds them for `detailed` lists. */
  wire: SentryTeam;
}

export interface MemberRecord {
  org: string;
  wire: SentryMember;
  /** Null for a pending invite. */
  userId: string | null;
  teamSlugs: string[];
}

export interface IssueRecord {
  org: string;
  projectId: string;
  /** The issue-stream row. `count`, `userCount`, `firstSeen`, `lastSeen`, `stats` follow `events`. */
  wire: SentryIssue;
  template: ErrorTemplate;
  firstRelease: string | null;
  lastRelease: string | null;
  /** Newest first. */
  events: EventRecord[];
  /** Grouping hashes (32 hex). */
  hashes: string[];
  environments: string[];
  /** Ids of members' users who saw the issue. */
  seenBy: string[];
}

/** A stored event: just enough to list, filter and rebuild the full body deterministically. */
export interface EventRecord {
  /** 32 lower-case hex digits. */
  id: string;
  issueId: string;
  projectId: string;
  org: string;
  /** ms since epoch. */
  timestamp: number;
  release: string | null;
  environment: string;
  level: SentryIssueLevel;
  /** Index into `OrgData.eventUsers`. */
  user: number;
  /** Drives the parts of the body not stored here (browser, os, url, breadcrumbs, vars). */
  seed: number;
}

/** An end user of the monitored application, as SDKs report it. */
export interface EventUser {
  id: string;
  email: string;
  username: string;
  name: string;
  ipAddress: string;
}

export interface ReleaseRecord {
  org: string;
  wire: SentryRelease;
  projectIds: string[];
  /** Newest first. */
  deploys: SentryDeploy[];
  /** Commit SHAs, newest first. */
  commitIds: string[];
  files: SentryReleaseFile[];
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
  /** Without `releases`; `wire.ts` adds them for release commit lists. */
  wire: SentryCommit;
  releaseVersions: string[];
}

export interface ProjectKeyRecord {
  org: string;
  projectId: string;
  wire: SentryProjectKey;
}

export interface ServiceHookRecord {
  org: string;
  projectId: string;
  wire: SentryServiceHook;
}

export interface UserFeedbackRecord {
  org: string;
  projectId: string;
  issueId: string | null;
  /** `issue` is filled by `wire.ts` from the live issue. */
  wire: SentryUserFeedback;
}

/**
 * The in-memory store behind the local Sentry: `LocalData` and one `OrgData` per organization.
 * Records (one type per resource, in `resources/<resource>/record.ts`) wrap the wire body Sentry
 * would send (`wire`, returned as is by the routes) with the links the routes need to find and
 * filter them; per-organization arrays keep list order and maps give O(1) lookups. Change it only
 * through the resources' store helpers, which keep arrays and maps consistent.
 *
 * This folder (`data/`) owns what every resource shares: this model, the store's ids and
 * change counter, seeded randomness, time helpers, the search grammar, the error templates and
 * the generator that builds the seeded world from the resources' parts.
 */
import type { SentryOrganization, SentryUser } from '../../sentry/types.ts';
import type { AlertRuleRecord } from '../resources/alert-rules/record.ts';
import type { EventUser } from '../resources/event-users/record.ts';
import type { EventRecord } from '../resources/events/record.ts';
import type { IssueRecord } from '../resources/issues/record.ts';
import type { MemberRecord } from '../resources/members/record.ts';
import type { MonitorRecord } from '../resources/monitors/record.ts';
import type { ProjectRecord } from '../resources/projects/record.ts';
import type { ReleaseRecord, RepositoryRecord } from '../resources/releases/record.ts';
import type { ReplayRecord } from '../resources/replays/record.ts';
import type { TeamRecord } from '../resources/teams/record.ts';

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
  /** Cron monitors, by name. */
  monitors: MonitorRecord[];
  /** Session replays, newest first (by `started_at`). */
  replays: ReplayRecord[];
  /** Metric alert rules, newest first. */
  alertRules: AlertRuleRecord[];
}

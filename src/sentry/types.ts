/**
 * Sentry REST wire types: the JSON bodies of `/api/0/...` exactly as Sentry sends and accepts
 * them, with Sentry's own field names. Derived from the response and request schemas of
 * Sentry's OpenAPI spec (getsentry/sentry-api-schema, openapi-derefed.json); where a list row
 * and a detail body differ, the detail type extends the row type.
 *
 * Type-only: nothing here exists at runtime.
 */

/** ISO-8601 timestamp, e.g. `2026-11-01T00:00:00.000Z`. */
export type SentryDateTime = string;

/** A JSON value as Sentry puts it in free-form fields (`metadata`, `contexts`, `data`...). */
export type SentryJson =
  | string
  | number
  | boolean
  | null
  | SentryJson[]
  | { [key: string]: SentryJson };

export type SentryJsonObject = { [key: string]: SentryJson };

export interface SentryAvatar {
  avatarType?: string;
  avatarUuid?: string | null;
  avatarUrl?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

export interface SentryOrganizationLinks {
  /** Customer domain, e.g. `https://acme.sentry.io`. */
  organizationUrl: string;
  /** Region host to send this organization's API calls to, e.g. `https://us.sentry.io`. */
  regionUrl: string;
}

export interface SentryOnboardingTask {
  task: string | null;
  status: string;
  completionSeen: SentryDateTime | null;
  dateCompleted: SentryDateTime;
  data: SentryJson;
}

/** `GET /organizations/` rows and `GET /organizations/{org}/`. */
export interface SentryOrganization {
  id: string;
  slug: string;
  name: string;
  status: { id: string; name: string };
  dateCreated: SentryDateTime;
  isEarlyAdopter: boolean;
  require2FA: boolean;
  avatar: SentryAvatar;
  links: SentryOrganizationLinks;
  hasAuthProvider: boolean;
  allowMemberInvite: boolean;
  allowMemberProjectCreation: boolean;
  allowSuperuserAccess: boolean;
  features?: string[];
  extraOptions?: Record<string, Record<string, SentryJson>>;
  access?: string[];
  onboardingTasks?: SentryOnboardingTask[];
}

/** The detailed organization body (`PUT /organizations/{org}/` and the detail GET in practice). */
export interface SentryOrganizationDetail extends SentryOrganization {
  role?: string | null;
  orgRole?: string;
  defaultRole?: string;
  experiments?: Record<string, string>;
  sensitiveFields?: string[];
  safeFields?: string[];
  attachmentsRole?: string;
  debugFilesRole?: string;
  relayPiiConfig?: string | null;
  relayDsnEndpoint?: string | null;
  trustedRelays?: SentryJsonObject[];
  orgRoleList?: SentryRole[];
  teamRoleList?: SentryRole[];
  openMembership?: boolean;
  allowJoinRequests?: boolean;
  allowSharedIssues?: boolean;
  enhancedPrivacy?: boolean;
  dataScrubber?: boolean;
  dataScrubberDefaults?: boolean;
  scrubIPAddresses?: boolean;
  scrapeJavaScript?: boolean;
  storeCrashReports?: number;
  isDefault?: boolean;
  isDynamicallySampled?: boolean;
  requiresSso?: boolean;
  pendingAccessRequests?: number;
  eventsMemberAdmin?: boolean;
  alertsMemberWrite?: boolean;
  aggregatedDataConsent?: boolean;
  hideAiFeatures?: boolean;
  issueAlertsThreadFlag?: boolean;
  metricAlertsThreadFlag?: boolean;
  autoEnableCodeReview?: boolean;
  autoOpenPrs?: boolean;
  enableSeerCoding?: boolean;
  defaultSeerScannerAutomation?: boolean;
  defaultAutofixAutomationTuning?: string;
  defaultAutomatedRunStoppingPoint?: string;
  defaultCodeReviewTriggers?: string[];
  defaultCodingAgent?: string;
  defaultCodingAgentIntegrationId?: string | null;
  teams?: SentryTeam[];
  projects?: SentryProject[];
}

export interface SentryOrganizationUpdate {
  slug?: string;
  name?: string;
  defaultRole?: 'member' | 'admin' | 'manager' | 'owner';
  attachmentsRole?: 'member' | 'admin' | 'manager' | 'owner';
  debugFilesRole?: 'member' | 'admin' | 'manager' | 'owner';
  sensitiveFields?: string[];
  safeFields?: string[];
  relayPiiConfig?: string;
}

// ---------------------------------------------------------------------------------------------
// Users, members, teams
// ---------------------------------------------------------------------------------------------

export interface SentryUserEmail {
  id: string;
  email: string;
  is_verified: boolean;
}

export interface SentryUserIdentity {
  id: string;
  name: string;
  organization: { slug: string; name: string };
  provider: { id: string; name: string };
  dateVerified: SentryDateTime;
  dateSynced: SentryDateTime;
}

/** Sentry's full user serializer (member `user`, release authors, commit authors). */
export interface SentryUser {
  id: string;
  name: string;
  username: string;
  email: string;
  avatarUrl: string;
  isActive: boolean;
  isSuspended: boolean;
  hasPasswordAuth: boolean;
  isManaged: boolean;
  dateJoined: SentryDateTime;
  lastLogin: SentryDateTime | null;
  has2fa: boolean;
  lastActive: SentryDateTime | null;
  isSuperuser: boolean;
  isStaff: boolean;
  experiments: SentryJsonObject;
  emails: SentryUserEmail[];
  identities?: SentryUserIdentity[];
  avatar?: SentryAvatar;
  authenticators?: SentryJson[];
  canReset2fa?: boolean;
}

/** A commit or release author Sentry could not map to a user. */
export interface SentryUnmappedAuthor {
  name: string | null;
  email: string;
}

export interface SentryMemberFlags {
  'idp:provisioned': boolean;
  'idp:role-restricted': boolean;
  'sso:linked': boolean;
  'sso:invalid': boolean;
  'member-limit:restricted': boolean;
  'partnership:restricted': boolean;
}

export interface SentryExternalActor {
  id: string;
  provider: string;
  externalName: string;
  integrationId: string;
  externalId?: string;
  userId?: string;
  teamId?: string;
}

/** `GET /organizations/{org}/members/` rows. */
export interface SentryMember {
  id: string;
  email: string;
  name: string;
  /** Null for a pending invite. */
  user: SentryUser | null;
  orgRole: string;
  pending: boolean;
  expired: boolean;
  flags: SentryMemberFlags;
  dateCreated: SentryDateTime;
  inviteStatus: string;
  inviterName: string | null;
  role?: string;
  roleName?: string;
  externalUsers?: SentryExternalActor[];
}

export interface SentryRole {
  id: string;
  name: string;
  desc: string;
  scopes: string[];
  allowed?: boolean;
  isAllowed?: boolean;
  isRetired?: boolean;
  isTeamRolesAllowed?: boolean;
  isGlobal?: boolean;
  is_global?: boolean;
  minimumTeamRole?: string;
  isMinimumRoleFor?: string | null;
}

/** `GET /organizations/{org}/members/{member_id}/`. */
export interface SentryMemberDetail extends SentryMember {
  /** Team slugs. */
  teams: string[];
  teamRoles: { teamSlug: string; role: string | null }[];
  invite_link: string | null;
  isOnlyOwner: boolean;
  orgRoleList: SentryRole[];
  teamRoleList: SentryRole[];
}

/** `GET /teams/{org}/{team}/members/` rows. */
export interface SentryTeamMember extends SentryMember {
  teamRole: string | null;
  teamSlug: string;
}

/** `GET /organizations/{org}/users/` rows (not in the spec; shape from Sentry's API docs). */
export interface SentryOrganizationUser extends SentryMember {
  /** Slugs of the projects the user is a member of. */
  projects: string[];
}

/** A team as embedded in a project (`team`, `teams`). */
export interface SentryTeamRef {
  id: string;
  name: string;
  slug: string;
}

/** `GET /organizations/{org}/teams/` rows, `GET /teams/{org}/{team}/`. */
export interface SentryTeam {
  id: string;
  slug: string;
  name: string;
  dateCreated: SentryDateTime | null;
  isMember: boolean;
  teamRole: string | null;
  flags: SentryJsonObject;
  access: string[];
  hasAccess: boolean;
  isPending: boolean;
  memberCount: number;
  avatar: SentryAvatar;
  externalTeams?: SentryExternalActor[];
  organization?: SentryOrganization;
  /** Present unless `detailed=0`. */
  projects?: SentryProjectBase[];
}

export interface SentryTeamCreate {
  slug?: string | null;
  name?: string | null;
}

export interface SentryTeamUpdate {
  slug: string;
  name?: string;
}

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

/** Fields of Sentry's base project serializer, shared by every project form. */
export interface SentryProjectBase {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: SentryDateTime;
  isBookmarked: boolean;
  isMember: boolean;
  features: string[];
  firstEvent: SentryDateTime | null;
  firstTransactionEvent: boolean;
  access: string[];
  hasAccess: boolean;
  hasFeedbacks: boolean;
  hasFlags: boolean;
  hasMinifiedStackTrace: boolean;
  hasMonitors: boolean;
  hasNewFeedbacks: boolean;
  hasProfiles: boolean;
  hasReplays: boolean;
  hasSessions: boolean;
  hasInsightsHttp: boolean;
  hasInsightsDb: boolean;
  hasInsightsAssets: boolean;
  hasInsightsAppStart: boolean;
  hasInsightsScreenLoad: boolean;
  hasInsightsVitals: boolean;
  hasInsightsCaches: boolean;
  hasInsightsQueues: boolean;
  hasInsightsAgentMonitoring: boolean;
  hasInsightsMCP: boolean;
  hasLogs: boolean;
  hasTraceMetrics: boolean;
  isInternal: boolean;
  isPublic: boolean;
  avatar: SentryAvatar;
  color: string;
  status: string;
  stats?: SentryJson;
  transactionStats?: SentryJson;
  sessionStats?: SentryJson;
}

/** `GET /organizations/{org}/projects/` rows (and team project lists). */
export interface SentryProject extends SentryProjectBase {
  /** The first team, or null for a project without one. */
  team: SentryTeamRef | null;
  teams: SentryTeamRef[];
  platforms: string[];
  hasUserReports: boolean;
  environments: string[];
  latestRelease: { version: string } | null;
  /** Environment → `{ version, dateFinished }` of its latest deploy. */
  latestDeploys?: Record<string, Record<string, string>> | null;
  options?: SentryJsonObject;
}

/** `GET /projects/{org}/{project}/`: a superset of the list row. */
export interface SentryProjectDetail extends SentryProject {
  options: SentryJsonObject;
  organization: SentryOrganization;
  digestsMinDelay: number;
  digestsMaxDelay: number;
  subjectPrefix: string;
  allowedDomains: string[];
  resolveAge: number;
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  safeFields: string[];
  storeCrashReports: number | null;
  sensitiveFields: string[];
  subjectTemplate: string;
  securityToken: string;
  securityTokenHeader: string | null;
  verifySSL: boolean;
  scrubIPAddresses: boolean;
  scrapeJavaScript: boolean;
  enableAutoReleaseCreation: boolean;
  highlightTags: string[];
  highlightContext: SentryJsonObject;
  highlightPreset: { tags: string[]; context: Record<string, string[]> };
  groupingConfig: string;
  derivedGroupingEnhancements: string;
  groupingEnhancements: string;
  secondaryGroupingExpiry: number;
  secondaryGroupingConfig: string | null;
  fingerprintingRules: string;
  processingIssues: number;
  defaultEnvironment: string | null;
  relayPiiConfig: string | null;
  builtinSymbolSources: string[];
  dynamicSamplingBiases: Record<string, string | boolean>[] | null;
  symbolSources: string;
  isDynamicallySampled: boolean;
  tempestFetchScreenshots: boolean;
  autofixAutomationTuning: string;
  seerScannerAutomation: boolean;
  seerNightshiftTweaks: SentryJson;
  scmSourceContextEnabled: boolean;
  debugFilesRole: string | null;
}

/** `POST /teams/{org}/{team}/projects/`. */
export interface SentryProjectCreate {
  name: string;
  slug?: string | null;
  platform?: string | null;
  default_rules?: boolean;
}

/** `PUT /projects/{org}/{project}/`. */
export interface SentryProjectUpdate {
  name?: string;
  slug?: string;
  platform?: string | null;
  isBookmarked?: boolean;
  subjectPrefix?: string;
  subjectTemplate?: string;
  resolveAge?: number | null;
  highlightTags?: string[];
  highlightContext?: SentryJsonObject;
  enableAutoReleaseCreation?: boolean;
  scmSourceContextEnabled?: boolean;
}

/** `GET /projects/{org}/{project}/users/` rows (event users seen in the project). */
export interface SentryProjectUser {
  id: string | null;
  tagValue: string;
  identifier: string;
  username: string;
  email: string;
  name: string;
  ipAddress: string;
  avatarUrl: string;
  hash: string;
  dateCreated: SentryDateTime | null;
}

// ---------------------------------------------------------------------------------------------
// Issues (groups)
// ---------------------------------------------------------------------------------------------

export type SentryIssueLevel =
  | 'sample'
  | 'debug'
  | 'info'
  | 'warning'
  | 'error'
  | 'fatal'
  | 'unknown';
export type SentryIssueStatus =
  | 'resolved'
  | 'ignored'
  | 'pending_deletion'
  | 'pending_merge'
  | 'reprocessing'
  | 'unresolved';
export type SentryIssueSubstatus =
  | 'archived_until_escalating'
  | 'archived_until_condition_met'
  | 'archived_forever'
  | 'escalating'
  | 'ongoing'
  | 'regressed'
  | 'new';
export type SentryIssuePriority = 'low' | 'medium' | 'high';
export type SentryIssueType =
  | 'default'
  | 'error'
  | 'csp'
  | 'nel'
  | 'hpkp'
  | 'expectct'
  | 'expectstaple'
  | 'transaction'
  | 'generic'
  | 'feedback';

/** The assignee of an issue: a user or a team. */
export interface SentryActor {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export interface SentryIssueStatusDetails {
  ignoreCount?: number;
  ignoreUntil?: SentryDateTime;
  ignoreUserCount?: number;
  ignoreUserWindow?: number;
  ignoreWindow?: number;
  actor?: SentryUser;
  inNextRelease?: boolean;
  inRelease?: string;
  inCommit?: string;
  pendingEvents?: number;
  info?: { dateCreated: string; syncCount: number; totalEvents: number } | null;
}

/** The project embedded in an issue. */
export interface SentryIssueProject {
  id: string;
  name: string;
  slug: string;
  platform: string | null;
}

/** `[unix seconds, count]` buckets. */
export type SentryStatsSeries = [timestamp: number, count: number][];

export interface SentryIssueDerivedData {
  blocker: string;
  progress: string;
  status: string;
  viewCount: number;
  hasOpenFixPr: boolean;
  isAssigned: boolean;
  hasRootCause: boolean;
  lastCompletedAutofixStep: string;
  lastProgressedAt: SentryDateTime | null;
}

export interface SentryIssueInbox {
  reason: number;
  reason_details: {
    until: string | null;
    count: number | null;
    window: number | null;
    user_count: number | null;
    user_window: number | null;
  } | null;
  date_added: SentryDateTime;
}

export interface SentryIssueOwner {
  type: string;
  owner: string;
  date_added: SentryDateTime;
}

/** Counts over the whole life of an issue or over the request's filters (`lifetime`, `filtered`). */
export interface SentryIssueCounts {
  count: string;
  userCount: number;
  firstSeen: SentryDateTime | null;
  lastSeen: SentryDateTime | null;
  stats?: Record<string, SentryStatsSeries>;
}

/** Fields every issue body carries (list row, detail, update result, short-id lookup). */
export interface SentryIssueBase {
  /** Numeric, as a string. */
  id: string;
  shareId: string | null;
  /** e.g. `BACKEND-1A`. */
  shortId: string;
  title: string;
  culprit: string | null;
  permalink: string;
  logger: string | null;
  level: SentryIssueLevel;
  status: SentryIssueStatus;
  statusDetails: SentryIssueStatusDetails;
  substatus: SentryIssueSubstatus | null;
  isPublic: boolean;
  platform: string | null;
  priority: SentryIssuePriority | null;
  priorityLockedAt: SentryDateTime | null;
  seerFixabilityScore: number | null;
  seerAutofixLastTriggered: SentryDateTime | null;
  seerExplorerAutofixLastTriggered: SentryDateTime | null;
  project: SentryIssueProject;
  type: SentryIssueType;
  issueType: string;
  issueCategory: string;
  metadata: SentryJsonObject;
  numComments: number;
  assignedTo: SentryActor | null;
  isBookmarked: boolean;
  isSubscribed: boolean;
  subscriptionDetails: { disabled?: boolean; reason?: string } | null;
  hasSeen: boolean;
  annotations: { displayName: string; url: string }[];
  isUnhandled: boolean;
  /** Event count, a string because it can exceed 2^53 in Sentry's storage. */
  count: string;
  userCount: number;
  firstSeen: SentryDateTime | null;
  lastSeen: SentryDateTime | null;
  /** Period (`24h`, `14d`, ...) → buckets. */
  stats: Record<string, SentryStatsSeries>;
  /** Only on the detail body and where the gateway asked for it. */
  firstRelease?: SentryReleaseSummary | null;
  lastRelease?: SentryReleaseSummary | null;
}

/** `GET /organizations/{org}/issues/` rows. */
export interface SentryIssue extends SentryIssueBase {
  derivedData: SentryIssueDerivedData;
  lifetime: SentryIssueCounts;
  filtered: SentryIssueCounts | null;
  sessionCount: number;
  inbox: SentryIssueInbox | null;
  /** The spec types this as one object on list rows (an array on the detail body). */
  owners: SentryIssueOwner | SentryIssueOwner[] | null;
  integrationIssues: SentryJsonObject[];
  sentryAppIssues: SentryJsonObject[];
  latestEventHasAttachments: boolean;
  /** Set when the list `query` matched an event id. */
  matchingEventId: string | null;
  matchingEventEnvironment: string | null;
}

/** `GET /organizations/{org}/issues/{issue_id}/` (also the body of the single-issue PUT). */
export interface SentryIssueDetail extends SentryIssueBase {
  firstRelease: SentryReleaseSummary | null;
  lastRelease: SentryReleaseSummary | null;
  derivedData?: SentryIssueDerivedData;
  inbox?: SentryIssueInbox | null;
  owners?: SentryIssueOwner[] | null;
  tags?: SentryJsonObject[];
  activity: SentryIssueActivity[];
  seenBy: SentryJsonObject[];
  userReportCount: number;
  participants: SentryJsonObject[];
  integrationIssues?: SentryJsonObject[];
  latestEventHasAttachments?: boolean;
}

export interface SentryIssueActivity {
  id: string;
  type: string;
  data: SentryJsonObject;
  dateCreated: SentryDateTime;
  user: SentryUser | null;
}

/** Body of `PUT /organizations/{org}/issues/{issue_id}/` and of the bulk PUT. */
export interface SentryIssueUpdate {
  status?: 'resolved' | 'unresolved' | 'ignored' | 'resolvedInNextRelease' | 'muted';
  statusDetails?: {
    inNextRelease?: boolean;
    inRelease?: string;
    inCommit?: { commit: string; repository: string };
    ignoreDuration?: number;
    ignoreCount?: number;
    ignoreWindow?: number;
    ignoreUserCount?: number;
    ignoreUserWindow?: number;
  };
  substatus?: SentryIssueSubstatus | null;
  priority?: SentryIssuePriority;
  /** `user:<id>`, `team:<id>`, a username or email; empty string or null unassigns. */
  assignedTo?: string | null;
  hasSeen?: boolean;
  isBookmarked?: boolean;
  isPublic?: boolean;
  isSubscribed?: boolean;
  inbox?: boolean;
  merge?: boolean;
  discard?: boolean;
}

/** Body of the bulk `PUT /organizations/{org}/issues/?id=..`: the validated change set. */
export interface SentryIssueBulkUpdateResult {
  status?: string;
  statusDetails?: SentryJsonObject;
  substatus?: string;
  priority?: string;
  assignedTo?: SentryActor;
  hasSeen?: boolean;
  isBookmarked?: boolean;
  isPublic?: boolean;
  isSubscribed?: boolean;
  inbox?: boolean;
  discard?: boolean;
  shareId?: string;
  /**
   * What a `merge` did: the issue that stays and the ids merged into it. Echoed as sent (`true`)
   * when fewer than two issues matched, so nothing was merged.
   */
  merge?: { parent: string; children: string[] } | boolean;
  subscriptionDetails?: { disabled?: boolean; reason?: string };
}

/** `GET /organizations/{org}/shortids/{short_id}/`. */
export interface SentryShortIdLookup {
  organizationSlug: string;
  projectSlug: string;
  groupId: string;
  group: SentryIssueBase;
  shortId: string;
}

/** `GET /organizations/{org}/issues/{issue_id}/hashes/` rows. */
export interface SentryIssueHash {
  id: string;
  latestEvent: SentryEvent | SentryEventSummary | Record<string, never> | null;
  mergedBySeer: boolean;
  seerMatchDistance: number | null;
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

/** One value of a tag with its counts (issue tag values, `topValues`, project tag values). */
export interface SentryTagValue {
  key: string;
  name: string;
  value: string | null;
  count: number | null;
  lastSeen: SentryDateTime | null;
  firstSeen: SentryDateTime | null;
  query?: string | null;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/` (and the issue's tag list rows). */
export interface SentryTag {
  key: string;
  name: string;
  uniqueValues?: number | null;
  totalValues?: number | null;
  topValues?: SentryTagValue[] | null;
}

/** A `{key, value}` pair on an event. */
export interface SentryEventTag {
  key: string;
  value: string;
  query?: string;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export interface SentryEventUser {
  id?: string | null;
  email?: string | null;
  username?: string | null;
  ip_address?: string | null;
  name?: string | null;
  geo?: Record<string, string> | null;
  data?: SentryJsonObject | null;
}

/** `[line number, source line]`. */
export type SentryContextLine = [lineNo: number, line: string];

export interface SentryStackFrame {
  filename: string | null;
  absPath: string | null;
  module: string | null;
  package?: string | null;
  platform?: string | null;
  function: string | null;
  rawFunction?: string | null;
  lineNo: number | null;
  colNo: number | null;
  inApp: boolean;
  context: SentryContextLine[];
  vars: SentryJsonObject | null;
  instructionAddr?: string | null;
  symbol?: string | null;
  trust?: string | null;
  errors?: SentryJson[] | null;
}

export interface SentryStacktrace {
  frames: SentryStackFrame[];
  framesOmitted: [number, number] | null;
  registers: SentryJsonObject | null;
  hasSystemFrames: boolean;
}

export interface SentryExceptionValue {
  type: string | null;
  value: string | null;
  module: string | null;
  mechanism: { type: string; handled: boolean; [key: string]: SentryJson } | null;
  stacktrace: SentryStacktrace | null;
  rawStacktrace: SentryStacktrace | null;
  threadId: number | null;
}

export interface SentryExceptionEntry {
  type: 'exception';
  data: {
    values: SentryExceptionValue[];
    excOmitted: [number, number] | null;
    hasSystemFrames: boolean;
  };
}

export interface SentryBreadcrumb {
  timestamp: SentryDateTime;
  type: string;
  category: string | null;
  level: string;
  message: string | null;
  data: SentryJsonObject | null;
  event_id?: string | null;
}

export interface SentryBreadcrumbsEntry {
  type: 'breadcrumbs';
  data: { values: SentryBreadcrumb[] };
}

export interface SentryRequestEntry {
  type: 'request';
  data: {
    url: string;
    method: string | null;
    /** `[name, value]` pairs. */
    headers: [string, string][];
    /** `[name, value]` pairs. */
    query: [string, string][];
    data: SentryJson;
    env: Record<string, string> | null;
    cookies: [string, string][];
    fragment: string | null;
    inferredContentType: string | null;
    apiTarget?: string | null;
  };
}

export interface SentryMessageEntry {
  type: 'message';
  data: { formatted: string; message?: string | null; params?: SentryJson[] | null };
}

/** A typed element of an event's `entries`. */
export type SentryEventEntry =
  | SentryExceptionEntry
  | SentryBreadcrumbsEntry
  | SentryRequestEntry
  | SentryMessageEntry;

/** The release embedded in an event, an issue's `firstRelease`/`lastRelease`. */
export interface SentryReleaseSummary {
  id?: number;
  version?: string | null;
  shortVersion?: string;
  status?: string;
  ref?: string | null;
  url?: string | null;
  dateCreated?: SentryDateTime;
  dateReleased?: SentryDateTime | null;
  data?: SentryJsonObject;
  commitCount?: number;
  deployCount?: number;
  lastCommit?: SentryCommit | null;
  lastDeploy?: SentryDeploy | null;
  userAgent?: string | null;
  versionInfo?: SentryVersionInfo | null;
  firstEvent?: SentryDateTime | null;
  lastEvent?: SentryDateTime | null;
  newGroups?: number;
  authors?: (SentryUser | SentryUnmappedAuthor)[];
  owner?: SentryJsonObject | null;
  projects?: { id?: number; name: string; slug: string }[];
}

/** Row of `GET /organizations/{org}/issues/{issue_id}/events/` and `GET /projects/{org}/{p}/events/`. */
export interface SentryEventSummary {
  /** The event id (32 hex). */
  id: string;
  'event.type': string;
  groupID: string | null;
  eventID: string;
  projectID: string;
  message: string;
  title: string;
  location: string | null;
  culprit: string | null;
  user: SentryEventUser | null;
  tags: SentryEventTag[];
  platform: string | null;
  dateCreated: SentryDateTime;
  crashFile: string | null;
  metadata: SentryJsonObject;
}

/** A full event: `GET /projects/{org}/{p}/events/{id}/`, issue `events/{latest|oldest|id}/`. */
export interface SentryEvent {
  id: string;
  groupID: string | null;
  eventID: string;
  projectID: string;
  title: string;
  message: string | null;
  platform: string;
  type: SentryIssueType;
  culprit?: string | null;
  location: string | null;
  dateCreated?: SentryDateTime;
  dateReceived: SentryDateTime | null;
  release: SentryReleaseSummary | null;
  dist: string | null;
  tags: SentryEventTag[];
  user: SentryEventUser | null;
  contexts: SentryJsonObject | null;
  context: SentryJsonObject | null;
  sdk: { name: string | null; version: string | null } | null;
  entries: SentryEventEntry[];
  fingerprints?: string[];
  groupingConfig?: { id: string; enhancements: string };
  metadata: SentryJsonObject;
  size: number | null;
  errors: { type: string; message: string; data: SentryJsonObject }[];
  packages: Record<string, string>;
  occurrence: SentryJsonObject | null;
  crashFile?: string | null;
  _meta: SentryJsonObject;
  userReport: SentryUserFeedback | null;
  sdkUpdates: SentryJsonObject[];
  resolvedWith: string[];
  /** Neighbours within the issue (issue-scoped and project-scoped event endpoints). */
  nextEventID: string | null;
  previousEventID: string | null;
}

/** `GET /organizations/{org}/eventids/{event_id}/`. */
export interface SentryEventIdLookup {
  organizationSlug: string;
  projectSlug: string;
  groupId: string;
  eventId: string;
  event: SentryEvent;
}

/** `GET /organizations/{org}/events/` (Discover / Explore tables). */
export interface SentryDiscoverResponse {
  data: Record<string, SentryJson>[];
  meta: {
    fields?: Record<string, string>;
    units?: Record<string, string | null>;
    tips?: Record<string, string>;
    dataset?: string;
    datasetReason?: string;
    isMetricsData?: boolean;
    isMetricsExtractedData?: boolean;
  };
}

// ---------------------------------------------------------------------------------------------
// Releases, deploys, commits, repositories, files
// ---------------------------------------------------------------------------------------------

export interface SentryVersionInfo {
  package: string | null;
  version: SentryJsonObject;
  buildHash: string | null;
  description?: string;
}

export interface SentryReleaseHealth {
  durationP50?: number | null;
  durationP90?: number | null;
  crashFreeUsers?: number | null;
  crashFreeSessions?: number | null;
  totalUsers?: number | null;
  totalUsers24h?: number | null;
  totalProjectUsers24h?: number | null;
  totalSessions?: number | null;
  totalSessions24h?: number | null;
  totalProjectSessions24h?: number | null;
  adoption?: number | null;
  sessionsAdoption?: number | null;
  sessionsCrashed: number;
  sessionsErrored: number;
  hasHealthData: boolean;
  stats: SentryJsonObject;
}

export interface SentryReleaseProject {
  id: number;
  slug: string;
  name: string;
  platform: string | null;
  platforms: string[] | null;
  hasHealthData: boolean;
  newGroups: number;
  healthData?: SentryReleaseHealth | null;
}

/** `GET /organizations/{org}/releases/` rows and `GET .../releases/{version}/`. */
export interface SentryRelease {
  id: number;
  /** e.g. `backend@1.4.0`. */
  version: string;
  shortVersion: string;
  status: string;
  ref?: string | null;
  url?: string | null;
  dateCreated?: SentryDateTime | null;
  dateReleased?: SentryDateTime | null;
  dateStarted?: SentryDateTime | null;
  newGroups: number;
  versionInfo: SentryVersionInfo | null;
  data: SentryJsonObject;
  commitCount: number;
  deployCount: number;
  authors: (SentryUser | SentryUnmappedAuthor)[];
  projects: SentryReleaseProject[];
  owner?: SentryJsonObject | null;
  lastCommit?: SentryCommit | null;
  lastDeploy?: SentryDeploy | null;
  firstEvent?: SentryDateTime | null;
  lastEvent?: SentryDateTime | null;
  currentProjectMeta?: SentryJsonObject | null;
  userAgent?: string | null;
  adoptionStages?: SentryJsonObject | null;
}

/** A commit in a release-create or release-update body. */
export interface SentryCommitInput {
  id: string;
  repository?: string | null;
  message?: string | null;
  author_name?: string | null;
  author_email?: string | null;
  timestamp?: SentryDateTime | null;
  patch_set?: { path: string; type: string }[] | null;
}

export interface SentryRefInput {
  commit: string;
  repository: string;
  previousCommit?: string | null;
}

/** `POST /organizations/{org}/releases/`. */
export interface SentryReleaseCreate {
  version: string;
  /** Project slugs. */
  projects: string[];
  ref?: string | null;
  url?: string | null;
  dateReleased?: SentryDateTime | null;
  commits?: SentryCommitInput[];
  refs?: SentryRefInput[];
  status?: string;
  owner?: string;
}

/** `PUT /organizations/{org}/releases/{version}/`. */
export interface SentryReleaseUpdate {
  ref?: string | null;
  url?: string | null;
  dateReleased?: SentryDateTime | null;
  commits?: SentryCommitInput[];
  refs?: SentryRefInput[];
  /** `open` or `archived` (accepted by Sentry though the spec omits it). */
  status?: string;
}

/** `GET /organizations/{org}/releases/{version}/deploys/` rows. */
export interface SentryDeploy {
  id: string;
  environment: string;
  dateStarted: SentryDateTime | null;
  dateFinished: SentryDateTime;
  name: string | null;
  url: string | null;
}

/** `POST /organizations/{org}/releases/{version}/deploys/`. */
export interface SentryDeployCreate {
  environment: string;
  name?: string | null;
  url?: string | null;
  dateStarted?: SentryDateTime | null;
  dateFinished?: SentryDateTime | null;
  projects?: string[];
}

/** `GET /organizations/{org}/repos/` rows. */
export interface SentryRepository {
  id: string;
  name: string;
  dateCreated: SentryDateTime;
  url?: string | null;
  provider?: Record<string, string>;
  status?: string;
  integrationId?: string | null;
  externalSlug?: string | null;
  externalId?: string | null;
}

export interface SentryPullRequest {
  id: string;
  title: string | null;
  message: string | null;
  dateCreated: SentryDateTime;
  mergedAt: SentryDateTime | null;
  status: 'merged' | 'open' | 'closed' | 'draft' | 'unknown' | null;
  repository: SentryRepository;
  author: SentryUser | SentryUnmappedAuthor;
  externalUrl: string;
}

/** Release and repository commit rows. */
export interface SentryCommit {
  /** The commit SHA. */
  id: string;
  message: string | null;
  dateCreated: SentryDateTime;
  pullRequest: SentryPullRequest | null;
  suspectCommitType: string;
  repository?: SentryRepository;
  /** `{}` when Sentry has no author for the commit. */
  author?: SentryUser | SentryUnmappedAuthor | Record<string, never>;
  /** Present on release commit lists. */
  releases?: {
    version: string;
    shortVersion: string;
    ref: string | null;
    url: string | null;
    dateReleased: SentryDateTime | null;
    dateCreated: SentryDateTime;
  }[];
}

/** `GET /organizations/{org}/releases/{version}/files/` rows. */
export interface SentryReleaseFile {
  id: string;
  name: string;
  dist: string | null;
  headers: Record<string, string>;
  size: number;
  sha1: string;
  dateCreated: SentryDateTime;
}

// ---------------------------------------------------------------------------------------------
// Project keys, service hooks, user feedback
// ---------------------------------------------------------------------------------------------

export interface SentryProjectKeyDsn {
  secret: string;
  public: string;
  csp: string;
  security: string;
  minidump: string;
  nel: string;
  unreal: string;
  crons: string;
  cdn: string;
  playstation: string;
  integration: string;
  otlp_traces: string;
  otlp_logs: string;
}

/** `GET /projects/{org}/{project}/keys/` rows (client keys / DSNs). */
export interface SentryProjectKey {
  id: string;
  name: string;
  label: string;
  public: string | null;
  secret: string | null;
  projectId: number;
  isActive: boolean;
  rateLimit: { window: number; count: number } | null;
  dsn: SentryProjectKeyDsn;
  browserSdkVersion: string;
  browserSdk: { choices: [string, string][] };
  dateCreated: SentryDateTime | null;
  dynamicSdkLoaderOptions: {
    hasReplay: boolean;
    hasPerformance: boolean;
    hasDebug: boolean;
    hasFeedback: boolean;
    hasLogsAndMetrics: boolean;
  };
  useCase?: string;
}

export interface SentryProjectKeyCreate {
  name?: string | null;
  rateLimit?: { count?: number | null; window?: number | null };
  useCase?: 'user' | 'profiling' | 'tempest' | 'demo';
}

export interface SentryProjectKeyUpdate {
  name?: string;
  isActive?: boolean;
  rateLimit?: { count?: number | null; window?: number | null };
  browserSdkVersion?: 'latest' | '7.x';
  dynamicSdkLoaderOptions?: Partial<SentryProjectKey['dynamicSdkLoaderOptions']>;
}

/** `GET /projects/{org}/{project}/hooks/` rows. */
export interface SentryServiceHook {
  id: string;
  url: string;
  /** e.g. `event.alert`, `event.created`. */
  events: string[];
  secret: string;
  status: string;
  dateCreated: SentryDateTime;
}

/** Body of creating or updating a service hook. */
export interface SentryServiceHookInput {
  url: string;
  events: string[];
}

/** `GET /projects/{org}/{project}/user-feedback/` rows. */
export interface SentryUserFeedback {
  id: string;
  eventID: string;
  name: string;
  email: string;
  comments: string;
  dateCreated: SentryDateTime;
  event: { id?: string | null; eventID?: string };
  issue: SentryIssueBase | null;
  user: SentryFeedbackUser | null;
}

/** The event user a feedback (and an event's `userReport`) refers to. */
export interface SentryFeedbackUser {
  id: string;
  username: string | null;
  email: string | null;
  name: string | null;
  ipAddress: string | null;
  avatarUrl: string | null;
}

/** `POST /projects/{org}/{project}/user-feedback/`. */
export interface SentryUserFeedbackCreate {
  event_id: string;
  name: string;
  email: string;
  comments: string;
}

// ---------------------------------------------------------------------------------------------
// Release health, rate limits
// ---------------------------------------------------------------------------------------------

/** `GET /organizations/{org}/sessions/`. */
export interface SentrySessionsResponse {
  start: SentryDateTime;
  end: SentryDateTime;
  intervals: SentryDateTime[];
  groups: {
    by: { project?: number; release?: string; environment?: string; 'session.status'?: string };
    series: Record<string, (number | null)[]>;
    totals: Record<string, number | null>;
  }[];
  query: string;
}

/** The `X-Sentry-Rate-Limit-*` headers of a response, parsed. */
export interface SentryRateLimit {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  concurrentLimit: number;
  concurrentRemaining: number;
}

/** An error body: `{"detail": ...}`, a field-error map, or (429) a bare string. */
export type SentryErrorBody =
  | { detail: string | { code: string; message: string; extra?: SentryJson } }
  | Record<string, string[]>
  | string;

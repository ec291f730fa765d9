/**
 * Wire bodies that are not stored as such: detail forms (issue, project, team, member), full
 * events rebuilt from compact records, tag aggregates, hashes and lookups. Everything is derived
 * from the store and the event's seed, so the same event always yields the same bytes.
 */
import type {
  SentryBreadcrumb,
  SentryCommit,
  SentryDeploy,
  SentryEvent,
  SentryEventEntry,
  SentryEventIdLookup,
  SentryEventSummary,
  SentryEventTag,
  SentryEventUser,
  SentryIssue,
  SentryIssueActivity,
  SentryIssueDetail,
  SentryIssueHash,
  SentryJsonObject,
  SentryMemberDetail,
  SentryOrganization,
  SentryOrganizationDetail,
  SentryOrganizationUser,
  SentryProjectDetail,
  SentryProjectUser,
  SentryReleaseSummary,
  SentryRole,
  SentryShortIdLookup,
  SentryStackFrame,
  SentryTag,
  SentryTagValue,
  SentryTeam,
  SentryTeamMember,
  SentryUserFeedback,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import { iso } from '../../data/time.ts';
import type { EventUser } from '../event-users/record.ts';
import type { IssueRecord } from '../issues/record.ts';
import { type StatsPeriod, statsSeries } from '../issues/stats.ts';
import type { MemberRecord } from '../members/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { CommitRecord } from '../releases/record.ts';
import type { TeamRecord } from '../teams/record.ts';
import type { UserFeedbackRecord } from '../user-feedback/record.ts';
import type { EventRecord } from './record.ts';

// ---------------------------------------------------------------------------------------------
// Organizations, projects, teams, members
// ---------------------------------------------------------------------------------------------

/** The organization body; `baseUrl` (the local server) replaces Sentry's region and org URLs. */
export function organizationBody(org: OrgData, baseUrl?: string): SentryOrganization {
  if (baseUrl === undefined) return org.wire;
  return { ...org.wire, links: { organizationUrl: baseUrl, regionUrl: baseUrl } };
}

const ORG_ROLES: SentryRole[] = [
  {
    id: 'member',
    name: 'Member',
    desc: 'Members can view and act on events.',
    scopes: [
      'event:read',
      'event:write',
      'member:read',
      'org:read',
      'project:read',
      'project:releases',
      'team:read',
    ],
    minimumTeamRole: 'contributor',
  },
  {
    id: 'admin',
    name: 'Admin',
    desc: 'Admins can manage projects and teams.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:read',
      'org:read',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
  {
    id: 'manager',
    name: 'Manager',
    desc: 'Managers can manage members and teams.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:admin',
      'member:read',
      'member:write',
      'org:read',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
  {
    id: 'owner',
    name: 'Owner',
    desc: 'Owners have unrestricted access.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:admin',
      'member:read',
      'member:write',
      'org:admin',
      'org:read',
      'org:write',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
];

const TEAM_ROLES: SentryRole[] = [
  {
    id: 'contributor',
    name: 'Contributor',
    desc: 'Contributors can view and act on events.',
    scopes: ['event:read', 'event:write', 'project:read', 'project:releases', 'team:read'],
    isMinimumRoleFor: null,
  },
  {
    id: 'admin',
    name: 'Team Admin',
    desc: 'Team admins manage the team and its projects.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    isMinimumRoleFor: 'admin',
  },
];

const orgRoleList = (): SentryRole[] =>
  ORG_ROLES.map((role) => ({
    ...role,
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
    is_global: role.id === 'owner',
    isGlobal: role.id === 'owner',
  }));

const teamRoleList = (): SentryRole[] =>
  TEAM_ROLES.map((role) => ({
    ...role,
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
  }));

/** The detailed organization body (with its teams and projects). */
export function organizationDetail(org: OrgData, baseUrl?: string): SentryOrganizationDetail {
  return {
    ...organizationBody(org, baseUrl),
    orgRole: 'owner',
    defaultRole: 'member',
    experiments: {},
    sensitiveFields: [],
    safeFields: [],
    attachmentsRole: 'member',
    debugFilesRole: 'admin',
    relayPiiConfig: null,
    relayDsnEndpoint: null,
    trustedRelays: [],
    orgRoleList: orgRoleList(),
    teamRoleList: teamRoleList(),
    openMembership: true,
    allowJoinRequests: true,
    allowSharedIssues: true,
    enhancedPrivacy: false,
    dataScrubber: false,
    dataScrubberDefaults: false,
    scrubIPAddresses: false,
    scrapeJavaScript: true,
    storeCrashReports: 0,
    isDefault: false,
    isDynamicallySampled: false,
    requiresSso: false,
    pendingAccessRequests: 0,
    eventsMemberAdmin: true,
    alertsMemberWrite: true,
    aggregatedDataConsent: false,
    hideAiFeatures: false,
    issueAlertsThreadFlag: true,
    metricAlertsThreadFlag: true,
    autoEnableCodeReview: false,
    autoOpenPrs: false,
    enableSeerCoding: false,
    defaultSeerScannerAutomation: false,
    defaultAutofixAutomationTuning: 'off',
    defaultAutomatedRunStoppingPoint: 'root_cause',
    defaultCodeReviewTriggers: [],
    defaultCodingAgent: 'seer',
    defaultCodingAgentIntegrationId: null,
    teams: org.teams.map((team) => teamBody(org, team, { detailed: false })),
    projects: org.projects.map((project) => project.wire),
  };
}

/** `GET /projects/{org}/{project}/`. */
export function projectDetail(data: LocalData, project: ProjectRecord): SentryProjectDetail {
  const org = data.organizations.get(project.org) as OrgData;
  const wire = project.wire;
  const options = wire.options ?? {};
  const option = <T>(key: string, fallback: T): T => (options[key] as T | undefined) ?? fallback;
  return {
    ...wire,
    team: wire.team,
    options: {
      'sentry:resolve_age': option('resolveAge', 0),
      'sentry:scrub_data': true,
      'sentry:scrub_defaults': true,
      'sentry:token': hash32(wire.id, 'token').toString(16),
      'sentry:token_header': null,
      'sentry:verify_ssl': false,
      'filters:blacklisted_ips': '',
      'filters:releases': '',
      'filters:error_messages': '',
      ...options,
    },
    organization: org.wire,
    digestsMinDelay: 300,
    digestsMaxDelay: 1800,
    subjectPrefix: option('subjectPrefix', ''),
    allowedDomains: ['*'],
    resolveAge: option('resolveAge', 0),
    dataScrubber: true,
    dataScrubberDefaults: true,
    safeFields: [],
    storeCrashReports: null,
    sensitiveFields: [],
    subjectTemplate: option('subjectTemplate', '$shortID - $title'),
    securityToken: hash32(wire.id, 'security').toString(16).padStart(8, '0').repeat(4),
    securityTokenHeader: null,
    verifySSL: false,
    scrubIPAddresses: false,
    scrapeJavaScript: true,
    enableAutoReleaseCreation: option('enableAutoReleaseCreation', false),
    highlightTags: option('highlightTags', ['handled', 'level', 'release', 'environment']),
    highlightContext: option('highlightContext', {}),
    highlightPreset: { tags: ['handled', 'level'], context: { trace: ['trace_id'] } },
    groupingConfig: 'newstyle:2023-01-11',
    derivedGroupingEnhancements: '',
    groupingEnhancements: '',
    secondaryGroupingExpiry: 0,
    secondaryGroupingConfig: null,
    fingerprintingRules: '',
    processingIssues: 0,
    defaultEnvironment: null,
    relayPiiConfig: null,
    builtinSymbolSources: ['ios', 'microsoft', 'android'],
    dynamicSamplingBiases: null,
    symbolSources: '[]',
    isDynamicallySampled: false,
    tempestFetchScreenshots: false,
    autofixAutomationTuning: 'off',
    seerScannerAutomation: false,
    seerNightshiftTweaks: null,
    scmSourceContextEnabled: option('scmSourceContextEnabled', false),
    debugFilesRole: null,
  };
}

/** A team body; `detailed` (Sentry's default for lists) embeds the team's projects. */
export function teamBody(
  org: OrgData,
  team: TeamRecord,
  {
    detailed = true,
    withOrganization = false,
  }: { detailed?: boolean; withOrganization?: boolean } = {},
): SentryTeam {
  const body: SentryTeam = { ...team.wire };
  if (detailed) body.projects = teamProjects(org, team).map((project) => project.wire);
  if (withOrganization) body.organization = org.wire;
  return body;
}

export const teamProjects = (org: OrgData, team: TeamRecord): ProjectRecord[] =>
  org.projects.filter((project) => project.teamSlugs.includes(team.wire.slug));

export const teamMembers = (org: OrgData, team: TeamRecord): MemberRecord[] =>
  org.members.filter((member) => member.teamSlugs.includes(team.wire.slug));

/** `GET /organizations/{org}/members/{member_id}/`. */
export function memberDetail(org: OrgData, member: MemberRecord): SentryMemberDetail {
  const owners = org.members.filter((m) => m.wire.orgRole === 'owner' && m.userId !== null);
  return {
    ...member.wire,
    teams: [...member.teamSlugs],
    teamRoles: member.teamSlugs.map((teamSlug) => ({ teamSlug, role: null })),
    invite_link: member.wire.pending
      ? `https://sentry.io/accept/${member.wire.id}/${hash32(member.wire.id).toString(16)}/`
      : null,
    isOnlyOwner: member.wire.orgRole === 'owner' && owners.length === 1,
    orgRoleList: orgRoleList(),
    teamRoleList: teamRoleList(),
  };
}

/** `GET /teams/{org}/{team}/members/` rows. */
export function teamMemberBody(member: MemberRecord, team: TeamRecord): SentryTeamMember {
  return {
    ...member.wire,
    teamRole: member.wire.orgRole === 'member' ? 'contributor' : 'admin',
    teamSlug: team.wire.slug,
  };
}

/** `GET /organizations/{org}/users/` rows: members with a user, with their project slugs. */
export function organizationUser(org: OrgData, member: MemberRecord): SentryOrganizationUser {
  const projects = org.projects
    .filter((project) => project.teamSlugs.some((slug) => member.teamSlugs.includes(slug)))
    .map((project) => project.wire.slug);
  return { ...member.wire, projects };
}

// ---------------------------------------------------------------------------------------------
// Releases and commits
// ---------------------------------------------------------------------------------------------

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
    userAgent: null,
    versionInfo: wire.versionInfo,
    firstEvent: wire.firstEvent ?? null,
    lastEvent: wire.lastEvent ?? null,
    newGroups: wire.newGroups,
    authors: wire.authors,
    owner: null,
    projects: wire.projects.map(({ name, slug }) => ({ name, slug })),
  };
}

/** A release row/detail body with the embedded deploy shaped as the spec wants. */
export function releaseBody(org: OrgData, version: string) {
  const release = org.releasesByVersion.get(version);
  if (!release) return undefined;
  return { ...release.wire, lastDeploy: embeddedDeploy(release.wire.lastDeploy) };
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

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/** An issue-stream row with `stats` for `groupStatsPeriod` (`''` drops the series). */
export function issueRow(
  data: LocalData,
  issue: IssueRecord,
  statsPeriod: StatsPeriod | '' = '24h',
): SentryIssue {
  if (statsPeriod === '24h') return issue.wire;
  const stats =
    statsPeriod === '' ? {} : { [statsPeriod]: statsSeries(issue.events, data.now, statsPeriod) };
  return { ...issue.wire, stats };
}

/** `GET /organizations/{org}/issues/{issue_id}/`. */
export function issueDetail(data: LocalData, issue: IssueRecord): SentryIssueDetail {
  const org = data.organizations.get(issue.org) as OrgData;
  const wire = issue.wire;
  const activity: SentryIssueActivity[] = [];
  const activityId = (n: number) => String(hash32(wire.id, 'activity', n) % 1_000_000_000);
  if (wire.status === 'resolved') {
    activity.push({
      id: activityId(2),
      type: 'set_resolved',
      data: {},
      dateCreated: wire.lastSeen ?? iso(data.now),
      user: null,
    });
  } else if (wire.status === 'ignored') {
    activity.push({
      id: activityId(2),
      type: 'set_ignored',
      data: { ...wire.statusDetails } as SentryJsonObject,
      dateCreated: wire.lastSeen ?? iso(data.now),
      user: null,
    });
  }
  if (wire.assignedTo) {
    activity.push({
      id: activityId(1),
      type: 'assigned',
      data: {
        assignee: wire.assignedTo.id,
        assigneeType: wire.assignedTo.type,
        assigneeEmail: wire.assignedTo.email ?? null,
      },
      dateCreated: wire.firstSeen ?? iso(data.now),
      user: null,
    });
  }
  activity.push({
    id: activityId(0),
    type: 'first_seen',
    data: { priority: wire.priority },
    dateCreated: wire.firstSeen ?? iso(data.now),
    user: null,
  });

  const participants =
    wire.assignedTo?.type === 'user'
      ? [data.users.get(wire.assignedTo.id)].filter((user) => user !== undefined)
      : [];
  const seenBy = issue.seenBy
    .map((id) => data.users.get(id))
    .filter((user) => user !== undefined)
    .map((user) => ({ ...user, lastSeen: wire.lastSeen }));
  const project = data.projectsById.get(issue.projectId);
  const userReportCount =
    project?.feedback.filter((feedback) => feedback.issueId === wire.id).length ?? 0;
  const { owners, ...rest } = wire;
  return {
    ...rest,
    // The detail body's `owners` is a list (one object on list rows, per the spec).
    owners: owners === null ? null : Array.isArray(owners) ? owners : [owners],
    stats: {
      '24h': wire.stats['24h'] ?? statsSeries(issue.events, data.now, '24h'),
      '30d': statsSeries(issue.events, data.now, '30d'),
    },
    firstRelease: releaseSummary(org, issue.firstRelease),
    lastRelease: releaseSummary(org, issue.lastRelease),
    tags: issueTags(data, issue).map(({ key, name, totalValues }) => ({
      key,
      name,
      totalValues: totalValues ?? 0,
    })),
    activity,
    seenBy: seenBy as unknown as SentryJsonObject[],
    userReportCount,
    participants: participants as unknown as SentryJsonObject[],
  };
}

export function shortIdLookup(data: LocalData, issue: IssueRecord): SentryShortIdLookup {
  const project = data.projectsById.get(issue.projectId);
  return {
    organizationSlug: issue.org,
    projectSlug: project?.wire.slug ?? issue.wire.project.slug,
    groupId: issue.wire.id,
    group: issue.wire,
    shortId: issue.wire.shortId,
  };
}

/** `GET /organizations/{org}/issues/{issue_id}/hashes/`. */
export function issueHashes(data: LocalData, issue: IssueRecord): SentryIssueHash[] {
  return issue.hashes.map((hash, i) => {
    // Events go to hashes round-robin; the newest event of each hash is its `latestEvent`.
    const event = issue.events.find((_, index) => index % issue.hashes.length === i);
    return {
      id: hash,
      latestEvent: event ? eventDetail(data, event) : null,
      mergedBySeer: false,
      seerMatchDistance: null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const BROWSERS = [
  { name: 'Chrome', version: '131.0.0', weight: 6 },
  { name: 'Safari', version: '18.1', weight: 2 },
  { name: 'Firefox', version: '132.0', weight: 1.5 },
  { name: 'Edge', version: '131.0.0', weight: 1 },
  { name: 'Mobile Safari', version: '18.1', weight: 1.5 },
] as const;

const CLIENT_OSES = [
  { name: 'Windows', version: '10', weight: 4 },
  { name: 'Mac OS X', version: '10.15.7', weight: 3 },
  { name: 'iOS', version: '18.1', weight: 1.5 },
  { name: 'Android', version: '14', weight: 1.5 },
  { name: 'Linux', version: '', weight: 0.5 },
] as const;

const DEVICES = [
  { brand: 'samsung', model: 'SM-S918B', family: 'Galaxy S23 Ultra' },
  { brand: 'google', model: 'Pixel 8', family: 'Pixel' },
  { brand: 'Xiaomi', model: '2201117TG', family: 'Redmi Note 11' },
  { brand: 'OnePlus', model: 'CPH2449', family: 'OnePlus 11' },
] as const;

const RUNTIMES: Record<string, { name: string; version: string }> = {
  python: { name: 'CPython', version: '3.12.7' },
  node: { name: 'node', version: 'v20.18.0' },
  go: { name: 'go', version: 'go1.23.3' },
  java: { name: 'Android', version: '14' },
};

/** The per-event facts not stored on the record, drawn from its seed in a fixed order. */
export interface EventFacets {
  browser: { name: string; version: string } | null;
  os: { name: string; version: string };
  device: { brand: string; model: string; family: string } | null;
  runtime: { name: string; version: string } | null;
  serverName: string | null;
  url: string | null;
  method: string;
  traceId: string;
  spanId: string;
  size: number;
}

const HOSTS: Record<string, string> = { acme: 'acme.com', globex: 'globex.com' };

/** What {@link eventFacets} computed for an event, and from which inputs. */
interface CachedFacets {
  seed: number;
  org: string;
  template: ErrorTemplate;
  facets: EventFacets;
}

const facetsCache = new WeakMap<EventRecord, CachedFacets>();

/** The event's facets (memoized per event while its seed, organization and template stay). */
export function eventFacets(event: EventRecord, template: ErrorTemplate): EventFacets {
  const cached = facetsCache.get(event);
  if (
    cached !== undefined &&
    cached.seed === event.seed &&
    cached.org === event.org &&
    cached.template === template
  ) {
    return cached.facets;
  }
  const facets = computeFacets(event, template);
  facetsCache.set(event, { seed: event.seed, org: event.org, template, facets });
  return facets;
}

function computeFacets(event: EventRecord, template: ErrorTemplate): EventFacets {
  const random = new Random(event.seed);
  const platform = template.platform;
  const browserPick = random.weighted(BROWSERS.map((b) => [b, b.weight] as const));
  const osPick = random.weighted(CLIENT_OSES.map((o) => [o, o.weight] as const));
  const device = random.pick(DEVICES);
  const pod = `${random.hex(9)}-${random.hex(5)}`;
  const id = random.int(1, 99_999);
  const traceId = random.hex(32);
  const spanId = random.hex(16);
  const size = random.int(3_000, 24_000);
  const host = HOSTS[event.org] ?? `${event.org}.example.com`;
  const path = template.transaction.replace(/\{[a-z_]+\}|:[a-z]+/g, String(id));
  const web = platform === 'javascript';
  const server = platform === 'python' || platform === 'node' || platform === 'go';
  return {
    browser: web ? { name: browserPick.name, version: browserPick.version } : null,
    os: web
      ? { name: osPick.name, version: osPick.version }
      : platform === 'java'
        ? { name: 'Android', version: '14' }
        : { name: 'Linux', version: '6.1.0' },
    device: platform === 'java' ? device : null,
    runtime: RUNTIMES[platform] ?? null,
    serverName: server ? `${template.platform === 'go' ? 'payments' : 'web'}-${pod}` : null,
    url: web
      ? `https://app.${host}${path}`
      : server && path.startsWith('/')
        ? `https://api.${host}${path}`
        : server && /^(GET|POST|PUT|DELETE) /.test(path)
          ? `https://api.${host}${path.slice(path.indexOf(' ') + 1)}`
          : null,
    method: /^POST |checkout|invoices|quotes|transfers/.test(template.transaction) ? 'POST' : 'GET',
    traceId,
    spanId,
    size,
  };
}

function eventUserBody(org: OrgData, event: EventRecord): SentryEventUser | null {
  const user = org.eventUsers[event.user];
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    ip_address: user.ipAddress,
    name: user.name,
    geo: geoOf(user),
    data: null,
  };
}

const GEOS = [
  { country_code: 'US', city: 'San Francisco', region: 'United States' },
  { country_code: 'DE', city: 'Berlin', region: 'Germany' },
  { country_code: 'GB', city: 'London', region: 'United Kingdom' },
  { country_code: 'BR', city: 'São Paulo', region: 'Brazil' },
  { country_code: 'JP', city: 'Tokyo', region: 'Japan' },
  { country_code: 'IN', city: 'Bengaluru', region: 'India' },
];

const geoOf = (user: EventUser): Record<string, string> =>
  GEOS[Number(user.id) % GEOS.length] as Record<string, string>;

/** The event's tags, sorted by key as Sentry returns them. */
export function eventTags(data: LocalData, event: EventRecord): SentryEventTag[] {
  const issue = data.issuesById.get(event.issueId);
  const org = data.organizations.get(event.org);
  if (!issue || !org) return [];
  return tagPairs(org, event, issue.template).map(([key, value]) => ({ key, value }));
}

/** What {@link tagPairs} computed for an event, and from which inputs. */
interface CachedTags {
  facets: EventFacets;
  environment: string;
  level: string;
  release: string | null;
  user: EventUser | undefined;
  pairs: readonly (readonly [string, string])[];
}

const tagsCache = new WeakMap<EventRecord, CachedTags>();

/**
 * The event's `[key, value]` tags sorted by key, memoized per event while everything they are
 * read from stays the same (the facets cover the seed, organization and template). Read only.
 */
function tagPairs(
  org: OrgData,
  event: EventRecord,
  template: ErrorTemplate,
): readonly (readonly [string, string])[] {
  const facets = eventFacets(event, template);
  const user = org.eventUsers[event.user];
  const cached = tagsCache.get(event);
  if (
    cached !== undefined &&
    cached.facets === facets &&
    cached.environment === event.environment &&
    cached.level === event.level &&
    cached.release === event.release &&
    cached.user === user
  ) {
    return cached.pairs;
  }
  const pairs = computeTagPairs(event, template, facets, user);
  tagsCache.set(event, {
    facets,
    environment: event.environment,
    level: event.level,
    release: event.release,
    user,
    pairs,
  });
  return pairs;
}

function computeTagPairs(
  event: EventRecord,
  template: ErrorTemplate,
  facets: EventFacets,
  user: EventUser | undefined,
): [string, string][] {
  const tags: [string, string][] = [
    ['environment', event.environment],
    ['handled', template.handled ? 'yes' : 'no'],
    ['level', event.level],
    ['mechanism', template.mechanism],
    ['os', facets.os.version ? `${facets.os.name} ${facets.os.version}` : facets.os.name],
    ['os.name', facets.os.name],
    ['transaction', template.transaction],
  ];
  if (facets.browser) {
    tags.push(
      ['browser', `${facets.browser.name} ${facets.browser.version}`],
      ['browser.name', facets.browser.name],
    );
  }
  if (facets.device)
    tags.push(['device', facets.device.model], ['device.family', facets.device.family]);
  if (facets.runtime && template.platform !== 'java') {
    tags.push(
      ['runtime', `${facets.runtime.name} ${facets.runtime.version}`],
      ['runtime.name', facets.runtime.name],
    );
  }
  if (facets.serverName) tags.push(['server_name', facets.serverName]);
  if (event.release) tags.push(['release', event.release]);
  if (facets.url) tags.push(['url', facets.url]);
  if (user) tags.push(['user', `id:${user.id}`]);
  return tags.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One tag value of an event, or undefined when the event lacks the tag. */
export function eventTagValue(
  data: LocalData,
  event: EventRecord,
  key: string,
): string | undefined {
  return eventTags(data, event).find((tag) => tag.key === key)?.value;
}

function crashFrame(template: ErrorTemplate) {
  return template.frames[template.frames.length - 1];
}

/** Row of the issue and project event lists. */
export function eventSummary(data: LocalData, event: EventRecord): SentryEventSummary {
  const issue = data.issuesById.get(event.issueId) as IssueRecord;
  const org = data.organizations.get(event.org) as OrgData;
  const template = issue.template;
  return {
    id: event.id,
    'event.type': 'error',
    groupID: event.issueId,
    eventID: event.id,
    projectID: event.projectId,
    message: issue.wire.title,
    title: issue.wire.title,
    location: crashFrame(template)?.filename ?? null,
    culprit: template.culprit,
    user: eventUserBody(org, event),
    tags: tagPairs(org, event, template).map(([key, value]) => ({ key, value })),
    platform: template.platform,
    dateCreated: iso(event.timestamp),
    crashFile: null,
    metadata: eventMetadata(template),
  };
}

function eventMetadata(template: ErrorTemplate): SentryJsonObject {
  const frame = crashFrame(template);
  return {
    type: template.type,
    value: template.value,
    filename: frame?.filename ?? null,
    function: frame?.function ?? null,
    in_app_frame_mix: 'mixed',
    display_title_with_tree_label: false,
  };
}

function varValue(name: string, random: Random): string {
  switch (name) {
    case 'request':
    case 'req':
      return `<WSGIRequest: GET '/api/orders/${random.int(1, 9999)}/'>`;
    case 'self':
    case 'this':
      return `<${name === 'this' ? 'ProfileActivity' : 'Task'} at 0x7f${random.hex(10)}>`;
    case 'order_id':
    case 'id':
    case 'accountId':
      return String(random.int(1000, 99_999));
    case 'amount':
    case 'count':
    case 'batch_size':
      return String(random.int(1, 5000));
    default:
      return random.chance(0.2) ? 'None' : `'${name}-${random.hex(6)}'`;
  }
}

function stackFrames(template: ErrorTemplate, event: EventRecord): SentryStackFrame[] {
  const random = new Random(hash32(event.seed, 'vars'));
  return template.frames.map((frame) => ({
    filename: frame.filename,
    absPath: frame.absPath,
    module: frame.module,
    package: null,
    platform: null,
    function: frame.function,
    rawFunction: null,
    lineNo: frame.lineNo,
    colNo: frame.colNo,
    inApp: frame.inApp,
    context: frame.context,
    vars:
      frame.vars.length === 0
        ? null
        : Object.fromEntries(frame.vars.map((name) => [name, varValue(name, random)])),
    instructionAddr: null,
    symbol: null,
    trust: null,
    errors: null,
  }));
}

function breadcrumbs(
  template: ErrorTemplate,
  event: EventRecord,
  facets: EventFacets,
): SentryBreadcrumb[] {
  const random = new Random(hash32(event.seed, 'crumbs'));
  const count = random.int(3, 8);
  const crumbs: SentryBreadcrumb[] = [];
  const web = template.platform === 'javascript';
  for (let i = count; i > 0; i--) {
    const at = event.timestamp - i * random.int(200, 9000);
    const kind = random.int(0, 3);
    if (web && kind === 0) {
      crumbs.push({
        timestamp: iso(at),
        type: 'navigation',
        category: 'navigation',
        level: 'info',
        message: null,
        data: { from: '/', to: template.transaction },
      });
    } else if (web && kind === 1) {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'ui.click',
        level: 'info',
        message: `button#submit.btn.btn-primary`,
        data: null,
      });
    } else if (kind === 2 && template.platform === 'python') {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'query',
        level: 'info',
        message: `SELECT "orders_order"."id", "orders_order"."total" FROM "orders_order" WHERE "orders_order"."id" = %s`,
        data: null,
      });
    } else if (kind === 3) {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'console',
        level: random.chance(0.3) ? 'warning' : 'info',
        message: random.chance(0.5) ? 'cache miss for session' : 'retrying request (attempt 2)',
        data: { logger: 'console' },
      });
    } else {
      const status = random.chance(0.8) ? 200 : 502;
      crumbs.push({
        timestamp: iso(at),
        type: 'http',
        category: web ? 'fetch' : 'httplib',
        level: status >= 400 ? 'error' : 'info',
        message: null,
        data: {
          method: facets.method,
          url: facets.url ?? 'https://api.internal/health',
          status_code: status,
        },
      });
    }
  }
  return crumbs;
}

function entries(
  org: OrgData,
  template: ErrorTemplate,
  event: EventRecord,
  facets: EventFacets,
): SentryEventEntry[] {
  const list: SentryEventEntry[] = [
    {
      type: 'exception',
      data: {
        values: [
          {
            type: template.type,
            value: template.value,
            module: template.module,
            mechanism: { type: template.mechanism, handled: template.handled },
            stacktrace: {
              frames: stackFrames(template, event),
              framesOmitted: null,
              registers: null,
              hasSystemFrames: true,
            },
            rawStacktrace: null,
            threadId: null,
          },
        ],
        excOmitted: null,
        hasSystemFrames: true,
      },
    },
    { type: 'breadcrumbs', data: { values: breadcrumbs(template, event, facets) } },
  ];
  if (facets.url) {
    const user = org.eventUsers[event.user];
    const url = new URL(facets.url);
    list.push({
      type: 'request',
      data: {
        url: `${url.origin}${url.pathname}`,
        method: facets.method,
        headers: [
          ['Accept', 'application/json'],
          ['Host', url.host],
          [
            'User-Agent',
            facets.browser
              ? `Mozilla/5.0 (${facets.os.name}) ${facets.browser.name}/${facets.browser.version}`
              : 'python-requests/2.32.3',
          ],
          ['X-Request-Id', facets.spanId],
        ],
        query: [['ref', 'email']],
        data:
          facets.method === 'POST'
            ? { customer: user?.id ?? null, items: [{ sku: 'SKU-1042', quantity: 2 }] }
            : null,
        env:
          template.platform === 'python'
            ? { SERVER_NAME: facets.serverName ?? 'web', SERVER_PORT: '8000' }
            : null,
        cookies: [],
        fragment: null,
        inferredContentType: facets.method === 'POST' ? 'application/json' : null,
      },
    });
  }
  return list;
}

function contexts(template: ErrorTemplate, facets: EventFacets): SentryJsonObject {
  const result: SentryJsonObject = {
    os: { name: facets.os.name, version: facets.os.version, type: 'os' },
    trace: {
      trace_id: facets.traceId,
      span_id: facets.spanId,
      op: template.platform === 'javascript' ? 'navigation' : 'http.server',
      status: 'internal_error',
      type: 'trace',
    },
  };
  if (facets.browser)
    result['browser'] = {
      name: facets.browser.name,
      version: facets.browser.version,
      type: 'browser',
    };
  if (facets.runtime)
    result['runtime'] = {
      name: facets.runtime.name,
      version: facets.runtime.version,
      type: 'runtime',
    };
  if (facets.device) result['device'] = { ...facets.device, type: 'device', simulator: false };
  return result;
}

/** The full event body, built on demand; deterministic for a given record. */
export function eventDetail(data: LocalData, event: EventRecord): SentryEvent {
  const issue = data.issuesById.get(event.issueId) as IssueRecord;
  const org = data.organizations.get(event.org) as OrgData;
  const template = issue.template;
  const facets = eventFacets(event, template);
  const index = issue.events.indexOf(event);
  const feedback = data.projectsById
    .get(event.projectId)
    ?.feedback.find((f) => f.wire.eventID === event.id);
  return {
    id: event.id,
    groupID: event.issueId,
    eventID: event.id,
    projectID: event.projectId,
    title: issue.wire.title,
    message: issue.wire.title,
    platform: template.platform,
    type: 'error',
    culprit: template.culprit,
    location: crashFrame(template)?.filename ?? null,
    dateCreated: iso(event.timestamp),
    dateReceived: iso(event.timestamp + 300 + (event.seed % 1700)),
    release: releaseSummary(org, event.release),
    dist: null,
    tags: tagPairs(org, event, template).map(([key, value]) => ({ key, value })),
    user: eventUserBody(org, event),
    contexts: contexts(template, facets),
    context: {},
    sdk: { name: template.sdk.name, version: template.sdk.version },
    entries: entries(org, template, event, facets),
    fingerprints: [issue.hashes[0] ?? '{{ default }}'],
    groupingConfig: { id: 'newstyle:2023-01-11', enhancements: 'eJybzDRxY3J-bm5-ts' },
    metadata: eventMetadata(template),
    size: facets.size,
    errors: [],
    packages: {},
    occurrence: null,
    crashFile: null,
    _meta: {},
    userReport: feedback ? { ...userFeedbackBody(data, feedback), issue: null } : null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: index > 0 ? (issue.events[index - 1]?.id ?? null) : null,
    previousEventID: index >= 0 ? (issue.events[index + 1]?.id ?? null) : null,
  };
}

export function eventIdLookup(data: LocalData, event: EventRecord): SentryEventIdLookup {
  const project = data.projectsById.get(event.projectId);
  return {
    organizationSlug: event.org,
    projectSlug: project?.wire.slug ?? '',
    groupId: event.issueId,
    eventId: event.id,
    event: eventDetail(data, event),
  };
}

// ---------------------------------------------------------------------------------------------
// Tags, users, feedback
// ---------------------------------------------------------------------------------------------

const TAG_NAMES: Record<string, string> = {
  browser: 'Browser',
  'browser.name': 'Browser.Name',
  device: 'Device',
  'device.family': 'Device.Family',
  environment: 'Environment',
  handled: 'Handled',
  level: 'Level',
  mechanism: 'Mechanism',
  os: 'OS',
  'os.name': 'OS.Name',
  release: 'Release',
  runtime: 'Runtime',
  'runtime.name': 'Runtime.Name',
  server_name: 'Server',
  transaction: 'Transaction',
  url: 'URL',
  user: 'User',
};

export const tagName = (key: string): string => TAG_NAMES[key] ?? key;

interface ValueStats {
  count: number;
  first: number;
  last: number;
}

function aggregateTags(
  data: LocalData,
  events: readonly EventRecord[],
  onlyKey?: string,
): Map<string, Map<string, ValueStats>> {
  const byKey = new Map<string, Map<string, ValueStats>>();
  const org = events[0] ? data.organizations.get(events[0].org) : undefined;
  if (!org) return byKey;
  for (const event of events) {
    const issue = data.issuesById.get(event.issueId);
    if (!issue) continue;
    for (const [key, value] of tagPairs(org, event, issue.template)) {
      if (onlyKey !== undefined && key !== onlyKey) continue;
      let values = byKey.get(key);
      if (!values) {
        values = new Map();
        byKey.set(key, values);
      }
      const stats = values.get(value);
      if (stats) {
        stats.count++;
        stats.first = Math.min(stats.first, event.timestamp);
        stats.last = Math.max(stats.last, event.timestamp);
      } else {
        values.set(value, { count: 1, first: event.timestamp, last: event.timestamp });
      }
    }
  }
  return byKey;
}

function tagValueRows(
  org: OrgData | undefined,
  key: string,
  values: Map<string, ValueStats>,
): SentryTagValue[] {
  return [...values.entries()]
    .sort(([va, a], [vb, b]) => b.count - a.count || (va < vb ? -1 : va > vb ? 1 : 0))
    .map(([value, stats]) => ({
      key,
      name: key === 'user' ? userDisplay(org, value) : value,
      value,
      count: stats.count,
      lastSeen: iso(stats.last),
      firstSeen: iso(stats.first),
      query: `${key}:"${value}"`,
    }));
}

/** Per `eventUsers` array: id → index of its first user with that id, and the array's length. */
const eventUserIndex = new WeakMap<EventUser[], { length: number; byId: Map<string, number> }>();

function findEventUser(users: EventUser[], id: string): EventUser | undefined {
  let index = eventUserIndex.get(users);
  if (index === undefined || index.length !== users.length) {
    const byId = new Map<string, number>();
    users.forEach((user, i) => {
      if (!byId.has(user.id)) byId.set(user.id, i);
    });
    index = { length: users.length, byId };
    eventUserIndex.set(users, index);
  }
  const at = index.byId.get(id);
  const user = at === undefined ? undefined : users[at];
  // The index is a shortcut only: a changed array answers by a scan.
  return user?.id === id ? user : users.find((candidate) => candidate.id === id);
}

function userDisplay(org: OrgData | undefined, value: string): string {
  const id = value.startsWith('id:') ? value.slice(3) : value;
  return (org ? findEventUser(org.eventUsers, id) : undefined)?.email ?? value;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/`: every tag with its top values. */
export function issueTags(data: LocalData, issue: IssueRecord): SentryTag[] {
  const org = data.organizations.get(issue.org);
  const byKey = aggregateTags(data, issue.events);
  return [...byKey.keys()]
    .sort()
    .map((key) => tagSummary(org, key, byKey.get(key) as Map<string, ValueStats>));
}

function tagSummary(
  org: OrgData | undefined,
  key: string,
  values: Map<string, ValueStats>,
): SentryTag {
  const rows = tagValueRows(org, key, values);
  return {
    key,
    name: tagName(key),
    uniqueValues: values.size,
    totalValues: rows.reduce((sum, row) => sum + (row.count ?? 0), 0),
    topValues: rows.slice(0, 9),
  };
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/`; undefined when no event has it. */
export function issueTag(data: LocalData, issue: IssueRecord, key: string): SentryTag | undefined {
  const values = aggregateTags(data, issue.events, key).get(key);
  return values ? tagSummary(data.organizations.get(issue.org), key, values) : undefined;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/values/`, most frequent first. */
export function issueTagValues(data: LocalData, issue: IssueRecord, key: string): SentryTagValue[] {
  const values = aggregateTags(data, issue.events, key).get(key);
  return values ? tagValueRows(data.organizations.get(issue.org), key, values) : [];
}

/** `GET /projects/{org}/{project}/tags/{key}/values/`, most frequent first. */
export function projectTagValues(
  data: LocalData,
  project: ProjectRecord,
  key: string,
): SentryTagValue[] {
  const values = aggregateTags(data, project.events, key).get(key);
  return values ? tagValueRows(data.organizations.get(project.org), key, values) : [];
}

/** `GET /projects/{org}/{project}/users/`: the end users seen in the project, newest first. */
export function projectUsers(data: LocalData, project: ProjectRecord): SentryProjectUser[] {
  const org = data.organizations.get(project.org) as OrgData;
  const firstSeen = new Map<number, number>();
  for (const event of project.events) {
    const seen = firstSeen.get(event.user);
    if (seen === undefined || event.timestamp < seen) firstSeen.set(event.user, event.timestamp);
  }
  return [...firstSeen.entries()]
    .sort(([ua, a], [ub, b]) => b - a || ua - ub)
    .flatMap(([index, at]) => {
      const user = org.eventUsers[index];
      if (!user) return [];
      return [
        {
          id: user.id,
          tagValue: `id:${user.id}`,
          identifier: user.id,
          username: user.username,
          email: user.email,
          name: user.name,
          ipAddress: user.ipAddress,
          avatarUrl: `https://gravatar.com/avatar/${hash32(user.email).toString(16)}?s=32&d=mm`,
          hash: new Random(hash32(project.wire.id, user.id)).hex(32),
          dateCreated: iso(at),
        },
      ];
    });
}

/** A feedback body with its issue embedded from the live store. */
export function userFeedbackBody(
  data: LocalData,
  feedback: UserFeedbackRecord,
): SentryUserFeedback {
  const issue = feedback.issueId ? data.issuesById.get(feedback.issueId) : undefined;
  return { ...feedback.wire, issue: issue ? issue.wire : null };
}

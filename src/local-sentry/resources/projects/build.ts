/**
 * Constructors for stored wire bodies, shared by the seeded generator and the store's mutation
 * helpers so that a record created by `POST` looks exactly like a seeded one. Inputs are
 * explicit (ids, dates, names); nothing here is random.
 */
import type {
  SentryActor,
  SentryDeploy,
  SentryMember,
  SentryOrganization,
  SentryProject,
  SentryProjectKey,
  SentryRelease,
  SentryRepository,
  SentryServiceHook,
  SentryTeam,
  SentryTeamRef,
  SentryUser,
} from '../../../sentry/types.ts';
import type { MemberRecord, OrgData, TeamRecord } from '../../data/model.ts';

/** Every scope a token can have; the seeded viewer has all of them. */
export const ALL_SCOPES = [
  'alerts:read',
  'alerts:write',
  'event:admin',
  'event:read',
  'event:write',
  'member:admin',
  'member:invite',
  'member:read',
  'member:write',
  'org:admin',
  'org:integrations',
  'org:read',
  'org:write',
  'project:admin',
  'project:read',
  'project:releases',
  'project:write',
  'team:admin',
  'team:read',
  'team:write',
] as const;

const TEAM_ACCESS = [
  'event:admin',
  'event:read',
  'event:write',
  'project:read',
  'project:releases',
  'project:write',
  'team:read',
  'team:write',
];

const PROJECT_FEATURES = [
  'alert-filters',
  'custom-inbound-filters',
  'data-forwarding',
  'discard-groups',
  'minidump',
  'rate-limits',
  'servicehooks',
  'similarity-indexing',
  'similarity-view',
];

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Sentry's short-id suffix alphabet (Crockford base32: no I, L, O, U). */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Sentry's `base32_encode` of the per-project counter: 1 → `1`, 42 → `1A`. */
export function base32(n: number): string {
  if (n <= 0) return '0';
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Decodes a short-id suffix (case-insensitive); NaN when it is not base32. */
export function fromBase32(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) return Number.NaN;
    n = n * 32 + digit;
  }
  return n;
}

export const shortIdOf = (projectSlug: string, counter: number): string =>
  `${projectSlug.toUpperCase()}-${base32(counter)}`;

export const permalinkOf = (org: string, issueId: string): string =>
  `https://${org}.sentry.io/issues/${issueId}/`;

const letterAvatar = () => ({ avatarType: 'letter_avatar', avatarUuid: null });

export function buildOrganization(input: {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}): SentryOrganization {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    status: { id: 'active', name: 'active' },
    dateCreated: input.dateCreated,
    isEarlyAdopter: false,
    require2FA: false,
    avatar: letterAvatar(),
    // The local server rewrites both to its own URL (see `organizationBody` in wire.ts).
    links: {
      organizationUrl: `https://${input.slug}.sentry.io`,
      regionUrl: 'https://us.sentry.io',
    },
    hasAuthProvider: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    features: ['discover-basic', 'global-views', 'incidents', 'performance-view', 'release-health'],
    access: [...ALL_SCOPES],
  };
}

export function buildUser(input: {
  id: string;
  name: string;
  email: string;
  dateJoined: string;
  lastActive: string | null;
}): SentryUser {
  return {
    id: input.id,
    name: input.name,
    username: input.email,
    email: input.email,
    avatarUrl: `https://gravatar.com/avatar/${input.id}?s=32&d=mm`,
    isActive: true,
    isSuspended: false,
    hasPasswordAuth: true,
    isManaged: false,
    dateJoined: input.dateJoined,
    lastLogin: input.lastActive,
    has2fa: false,
    lastActive: input.lastActive,
    isSuperuser: false,
    isStaff: false,
    experiments: {},
    emails: [{ id: input.id, email: input.email, is_verified: true }],
    avatar: letterAvatar(),
  };
}

const ROLE_NAMES: Record<string, string> = {
  owner: 'Owner',
  manager: 'Manager',
  admin: 'Admin',
  member: 'Member',
};

export function buildMember(input: {
  id: string;
  email: string;
  name: string;
  user: SentryUser | null;
  role: string;
  dateCreated: string;
  inviterName?: string | null;
}): SentryMember {
  const pending = input.user === null;
  return {
    id: input.id,
    email: input.email,
    name: input.name,
    user: input.user,
    orgRole: input.role,
    role: input.role,
    roleName: ROLE_NAMES[input.role] ?? input.role,
    pending,
    expired: false,
    flags: {
      'idp:provisioned': false,
      'idp:role-restricted': false,
      'sso:linked': false,
      'sso:invalid': false,
      'member-limit:restricted': false,
      'partnership:restricted': false,
    },
    dateCreated: input.dateCreated,
    inviteStatus: pending ? 'pending' : 'approved',
    inviterName: input.inviterName ?? null,
  };
}

export function buildTeam(input: {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}): SentryTeam {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    dateCreated: input.dateCreated,
    isMember: true,
    teamRole: 'admin',
    flags: { 'idp:provisioned': false },
    access: [...TEAM_ACCESS],
    hasAccess: true,
    isPending: false,
    memberCount: 0,
    avatar: letterAvatar(),
  };
}

export const teamRef = (team: SentryTeam): SentryTeamRef => ({
  id: team.id,
  name: team.name,
  slug: team.slug,
});

/** A stable colour from the slug, as Sentry derives project colours. */
function colorOf(slug: string): string {
  let h = 0;
  for (const ch of slug) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `#${(h & 0xffffff).toString(16).padStart(6, '0')}`;
}

export function buildProject(input: {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: string;
  teams: SentryTeamRef[];
}): SentryProject {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    platform: input.platform,
    dateCreated: input.dateCreated,
    isBookmarked: false,
    isMember: true,
    features: [...PROJECT_FEATURES],
    firstEvent: null,
    firstTransactionEvent: false,
    access: [...ALL_SCOPES],
    hasAccess: true,
    hasFeedbacks: false,
    hasFlags: false,
    hasMinifiedStackTrace: false,
    hasMonitors: false,
    hasNewFeedbacks: false,
    hasProfiles: false,
    hasReplays: false,
    hasSessions: false,
    hasInsightsHttp: false,
    hasInsightsDb: false,
    hasInsightsAssets: false,
    hasInsightsAppStart: false,
    hasInsightsScreenLoad: false,
    hasInsightsVitals: false,
    hasInsightsCaches: false,
    hasInsightsQueues: false,
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    hasLogs: false,
    hasTraceMetrics: false,
    isInternal: false,
    isPublic: false,
    avatar: letterAvatar(),
    color: colorOf(input.slug),
    status: 'active',
    team: input.teams[0] ?? null,
    teams: input.teams,
    platforms: input.platform ? [input.platform] : [],
    hasUserReports: false,
    environments: [],
    latestRelease: null,
    latestDeploys: null,
  };
}

export function buildProjectKey(input: {
  publicKey: string;
  secretKey: string;
  name: string;
  orgId: string;
  projectId: string;
  dateCreated: string;
  rateLimit?: { window: number; count: number } | null;
}): SentryProjectKey {
  const { publicKey: pub, secretKey: secret, orgId, projectId } = input;
  const host = `https://o${orgId}.ingest.us.sentry.io`;
  const api = `${host}/api/${projectId}`;
  return {
    id: pub,
    name: input.name,
    label: input.name,
    public: pub,
    secret,
    projectId: Number(projectId),
    isActive: true,
    rateLimit: input.rateLimit ?? null,
    dsn: {
      secret: `https://${pub}:${secret}@o${orgId}.ingest.us.sentry.io/${projectId}`,
      public: `https://${pub}@o${orgId}.ingest.us.sentry.io/${projectId}`,
      csp: `${api}/csp-report/?sentry_key=${pub}`,
      security: `${api}/security/?sentry_key=${pub}`,
      minidump: `${api}/minidump/?sentry_key=${pub}`,
      nel: `${api}/nel/?sentry_key=${pub}`,
      unreal: `${api}/unreal/${pub}/`,
      crons: `${api}/cron/___MONITOR_SLUG___/${pub}/`,
      cdn: `https://js.sentry-cdn.com/${pub}.min.js`,
      playstation: `${api}/playstation/?sentry_key=${pub}`,
      integration: `${api}/integration/`,
      otlp_traces: `${api}/integration/otlp/v1/traces`,
      otlp_logs: `${api}/integration/otlp/v1/logs`,
    },
    browserSdkVersion: '8.x',
    browserSdk: {
      choices: [
        ['latest', 'latest'],
        ['8.x', '8.x'],
        ['7.x', '7.x'],
      ],
    },
    dateCreated: input.dateCreated,
    dynamicSdkLoaderOptions: {
      hasReplay: true,
      hasPerformance: true,
      hasDebug: false,
      hasFeedback: false,
      hasLogsAndMetrics: false,
    },
    useCase: 'user',
  };
}

export function buildServiceHook(input: {
  id: string;
  url: string;
  events: string[];
  secret: string;
  dateCreated: string;
}): SentryServiceHook {
  return {
    id: input.id,
    url: input.url,
    events: [...input.events],
    secret: input.secret,
    status: 'active',
    dateCreated: input.dateCreated,
  };
}

/** `backend@1.4.0` → package `backend`, short version `1.4.0`. */
export function splitVersion(version: string): { pkg: string | null; short: string } {
  const at = version.indexOf('@');
  if (at <= 0) return { pkg: null, short: version };
  return { pkg: version.slice(0, at), short: version.slice(at + 1) };
}

function versionInfo(version: string): SentryRelease['versionInfo'] {
  const { pkg, short } = splitVersion(version);
  const semver = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(short);
  if (!semver) {
    return { package: pkg, version: { raw: short }, buildHash: null, description: short };
  }
  return {
    package: pkg,
    version: {
      raw: short,
      major: Number(semver[1]),
      minor: Number(semver[2]),
      patch: Number(semver[3]),
      pre: semver[4] ?? null,
      buildCode: semver[5] ?? null,
      components: 3,
    },
    buildHash: null,
    description: short,
  };
}

export function buildRelease(input: {
  id: number;
  version: string;
  ref: string | null;
  url: string | null;
  dateCreated: string;
  dateReleased: string | null;
  projects: { id: string; slug: string; name: string; platform: string | null }[];
}): SentryRelease {
  return {
    id: input.id,
    version: input.version,
    shortVersion: splitVersion(input.version).short,
    status: 'open',
    ref: input.ref,
    url: input.url,
    dateCreated: input.dateCreated,
    dateReleased: input.dateReleased,
    dateStarted: null,
    newGroups: 0,
    versionInfo: versionInfo(input.version),
    data: {},
    commitCount: 0,
    deployCount: 0,
    authors: [],
    projects: input.projects.map((project) => ({
      id: Number(project.id),
      slug: project.slug,
      name: project.name,
      platform: project.platform,
      platforms: project.platform ? [project.platform] : [],
      hasHealthData: false,
      newGroups: 0,
    })),
    owner: null,
    lastCommit: null,
    lastDeploy: null,
    firstEvent: null,
    lastEvent: null,
    currentProjectMeta: {},
    userAgent: null,
    adoptionStages: null,
  };
}

export function buildDeploy(input: {
  id: string;
  environment: string;
  name: string | null;
  url: string | null;
  dateStarted: string | null;
  dateFinished: string;
}): SentryDeploy {
  return {
    id: input.id,
    environment: input.environment,
    dateStarted: input.dateStarted,
    dateFinished: input.dateFinished,
    name: input.name,
    url: input.url,
  };
}

export function buildRepository(input: {
  id: string;
  name: string;
  dateCreated: string;
}): SentryRepository {
  return {
    id: input.id,
    name: input.name,
    url: `https://github.com/${input.name}`,
    provider: { id: 'integrations:github', name: 'GitHub' },
    status: 'active',
    dateCreated: input.dateCreated,
    integrationId: '1',
    externalSlug: input.name,
    externalId: input.id,
  };
}

/** The actor bodies of assignees, as issues embed them. */
export const userActor = (user: SentryUser): SentryActor => ({
  type: 'user',
  id: user.id,
  name: user.name,
  email: user.email,
});

export const teamActor = (team: TeamRecord): SentryActor => ({
  type: 'team',
  id: team.wire.id,
  name: team.wire.slug,
});

/** Members with a user account (not pending invites). */
export const activeMembers = (org: OrgData): MemberRecord[] =>
  org.members.filter((member) => member.userId !== null);

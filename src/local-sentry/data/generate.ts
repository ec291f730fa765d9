/**
 * The seeded generator: `generateData({ seed, scale })` builds a complete, realistic Sentry
 * world (organizations, teams, members, projects, releases with commits and deploys, issues
 * and their events) from a seed alone. Same seed and scale, same bytes: every timestamp counts
 * back from `DATA_EPOCH`, and every random choice comes from `Random`.
 */
import type {
  SentryIssueLevel,
  SentryIssuePriority,
  SentryIssueSubstatus,
  SentryUser,
} from '../../sentry/types.ts';
import type { EventUser } from '../resources/event-users/record.ts';
import type { EventRecord } from '../resources/events/record.ts';
import { buildServiceHook } from '../resources/hooks/store.ts';
import { teamActor, userActor } from '../resources/issues/assignees.ts';
import { permalinkOf, shortIdOf } from '../resources/issues/build.ts';
import type { IssueRecord } from '../resources/issues/record.ts';
import { statsSeries } from '../resources/issues/stats.ts';
import { buildProjectKey } from '../resources/keys/build.ts';
import { buildMember } from '../resources/members/build.ts';
import type { MemberRecord } from '../resources/members/record.ts';
import { buildOrganization } from '../resources/organizations/build.ts';
import { buildProject } from '../resources/projects/build.ts';
import type { ProjectRecord } from '../resources/projects/record.ts';
import { buildRelease } from '../resources/releases/build.ts';
import { buildDeploy } from '../resources/releases/deploys.ts';
import type {
  CommitRecord,
  ReleaseRecord,
  RepositoryRecord,
} from '../resources/releases/record.ts';
import { buildRepository } from '../resources/releases/repositories.ts';
import { buildTeam, teamRef } from '../resources/teams/build.ts';
import type { TeamRecord } from '../resources/teams/record.ts';
import { buildUser } from '../resources/users/build.ts';
import type { LocalData, OrgData, Scale, SequenceKind } from './model.ts';
import { Random } from './random.ts';
import { buildTemplates, type ErrorTemplate, type Platform } from './templates/index.ts';
import { DAY, HOUR, iso } from './time.ts';

/** The data's "now": 2026-11-01T00:00:00Z. */
export const DATA_EPOCH = Date.UTC(2026, 10, 1);

export interface GenerateOptions {
  /** Default 1. */
  seed?: number;
  /** Default `small`. */
  scale?: Scale;
}

interface ScaleSpec {
  issues: number;
  events: number;
  releasesPerProject: [number, number];
  commitsPerRelease: [number, number];
  extraProjectsPerOrg: number;
  extraTeamsPerOrg: number;
  /** Members of acme and globex (the last of each is a pending invite). */
  members: [number, number];
  eventUsersPerOrg: number;
}

const SCALES: Record<Scale, ScaleSpec> = {
  small: {
    issues: 200,
    events: 2000,
    releasesPerProject: [3, 4],
    commitsPerRelease: [1, 4],
    extraProjectsPerOrg: 0,
    extraTeamsPerOrg: 0,
    members: [9, 6],
    eventUsersPerOrg: 80,
  },
  medium: {
    issues: 800,
    events: 8000,
    releasesPerProject: [5, 7],
    commitsPerRelease: [2, 5],
    extraProjectsPerOrg: 4,
    extraTeamsPerOrg: 2,
    members: [30, 20],
    eventUsersPerOrg: 250,
  },
  large: {
    issues: 5200,
    events: 52_000,
    releasesPerProject: [5, 7],
    commitsPerRelease: [2, 5],
    extraProjectsPerOrg: 17,
    extraTeamsPerOrg: 24,
    members: [130, 90],
    eventUsersPerOrg: 1500,
  },
};

interface ProjectSpec {
  slug: string;
  name: string;
  platform: Platform;
  teams: string[];
  weight: number;
}

interface OrgSpec {
  id: string;
  slug: string;
  name: string;
  domain: string;
  ageDays: number;
  teams: { slug: string; name: string }[];
  projects: ProjectSpec[];
}

const BASE_ORGS: OrgSpec[] = [
  {
    id: '4508001',
    slug: 'acme',
    name: 'Acme Corp',
    domain: 'acme.com',
    ageDays: 900,
    teams: [
      { slug: 'platform', name: 'Platform' },
      { slug: 'web', name: 'Web' },
      { slug: 'mobile', name: 'Mobile' },
    ],
    projects: [
      { slug: 'backend', name: 'Backend', platform: 'python', teams: ['platform'], weight: 5 },
      { slug: 'frontend', name: 'Frontend', platform: 'javascript', teams: ['web'], weight: 4 },
      {
        slug: 'api-gateway',
        name: 'API Gateway',
        platform: 'node',
        teams: ['platform'],
        weight: 2,
      },
      { slug: 'android', name: 'Android', platform: 'java', teams: ['mobile'], weight: 2 },
    ],
  },
  {
    id: '4508002',
    slug: 'globex',
    name: 'Globex',
    domain: 'globex.com',
    ageDays: 700,
    teams: [
      { slug: 'payments', name: 'Payments' },
      { slug: 'frontend', name: 'Frontend' },
    ],
    projects: [
      { slug: 'web', name: 'Web', platform: 'javascript', teams: ['frontend'], weight: 3 },
      { slug: 'payments', name: 'Payments', platform: 'go', teams: ['payments'], weight: 3 },
    ],
  },
];

const AREAS = [
  'search',
  'billing',
  'identity',
  'catalog',
  'inventory',
  'shipping',
  'reports',
  'analytics',
  'messaging',
  'pricing',
  'reviews',
  'recommendations',
  'media',
  'support',
  'onboarding',
  'loyalty',
  'tax',
  'fraud',
  'ledger',
  'checkout',
  'notifications',
  'scheduler',
  'exports',
  'imports',
  'webhooks',
  'insights',
  'growth',
  'partners',
  'compliance',
  'storefront',
];

const PLATFORM_SUFFIX: Record<Platform, string> = {
  python: 'service',
  javascript: 'web',
  node: 'api',
  go: 'svc',
  java: 'android',
};

const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'Diego',
  'Emma',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Mateo',
  'Nina',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
  'Umar',
  'Vera',
  'Wes',
  'Xena',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Elif',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Liam',
  'Maya',
  'Noah',
];

const LAST_NAMES = [
  'Adams',
  'Baker',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Kim',
  'Lopez',
  'Muller',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quist',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Varga',
  'Walsh',
  'Xu',
  'Young',
  'Zhang',
  'Andersen',
  'Bianchi',
  'Costa',
  'Dahl',
  'Eriksen',
  'Ferreira',
  'Gomez',
  'Horvat',
  'Ivanova',
  'Jovanovic',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Novak',
];

const COMMIT_VERBS = ['fix', 'feat', 'perf', 'refactor', 'chore'];
const COMMIT_SUBJECTS = [
  'handle missing customer_id in order payload',
  'retry payment provider timeouts with backoff',
  'guard against empty cart on checkout',
  'upgrade sentry sdk',
  'add index on orders.created_at',
  'cache exchange rates for five minutes',
  'lazy-load the charts bundle',
  'validate quantity before creating invoice',
  'close db connections after celery tasks',
  'show a toast when the session expires',
  'stop double-submitting the checkout form',
  'log the upstream status on quote failures',
  'bump dependencies',
  'split the order list into pages',
  'normalize emails before uniqueness checks',
];

const FEEDBACK_COMMENTS = [
  'The page went blank after I clicked Pay.',
  'I got an error when saving my profile.',
  'Checkout keeps failing with my card.',
  'The order list does not load on my phone.',
  'It logged me out in the middle of an order.',
  'Nothing happens when I press submit.',
];

/** Builds the seeded world. */
export function generateData({ seed = 1, scale = 'small' }: GenerateOptions = {}): LocalData {
  const spec = SCALES[scale];
  const rng = new Random(seed);
  const now = DATA_EPOCH;
  const templates = buildTemplates();
  const templatesByPlatform = new Map<Platform, ErrorTemplate[]>();
  for (const template of templates) {
    const list = templatesByPlatform.get(template.platform) ?? [];
    list.push(template);
    templatesByPlatform.set(template.platform, list);
  }

  const sequences: Record<SequenceKind, number> = {
    organization: 4508003,
    user: 100001,
    member: 200001,
    team: 300001,
    project: 4508100000000001,
    issue: 6100000001,
    release: 410001,
    deploy: 510001,
    repository: 610001,
    file: 710001,
    key: 1,
    hook: 810001,
    feedback: 910001,
    activity: 1000001,
  };
  const nextId = (kind: SequenceKind): string => String(sequences[kind]++);

  const data: LocalData = {
    seed,
    scale,
    now,
    organizations: new Map(),
    users: new Map(),
    projectsById: new Map(),
    issuesById: new Map(),
    eventsById: new Map(),
    issueRedirects: new Map(),
    sequences,
  };

  // Organizations, teams, members and projects.
  const weights = new Map<ProjectRecord, number>();
  let personIndex = 0;
  const orgSpecs = BASE_ORGS.map((base, o) => withExtras(base, o, spec, rng));
  for (const [o, orgSpec] of orgSpecs.entries()) {
    const created = now - orgSpec.ageDays * DAY;
    const org: OrgData = {
      slug: orgSpec.slug,
      wire: buildOrganization({
        id: orgSpec.id,
        slug: orgSpec.slug,
        name: orgSpec.name,
        dateCreated: iso(created),
      }),
      projects: [],
      projectsBySlug: new Map(),
      teams: [],
      teamsBySlug: new Map(),
      teamsById: new Map(),
      members: [],
      membersById: new Map(),
      issues: [],
      issuesByShortId: new Map(),
      events: [],
      releases: [],
      releasesByVersion: new Map(),
      repositories: [],
      repositoriesById: new Map(),
      eventUsers: [],
      environments: [],
    };
    data.organizations.set(org.slug, org);

    for (const [t, teamSpec] of orgSpec.teams.entries()) {
      const team: TeamRecord = {
        org: org.slug,
        wire: buildTeam({
          id: nextId('team'),
          slug: teamSpec.slug,
          name: teamSpec.name,
          dateCreated: iso(created + (t + 1) * DAY),
        }),
      };
      org.teams.push(team);
      org.teamsBySlug.set(team.wire.slug, team);
      org.teamsById.set(team.wire.id, team);
    }

    const memberCount = spec.members[o] ?? 5;
    let ownerName: string | null = null;
    for (let m = 0; m < memberCount; m++) {
      const first = FIRST_NAMES[personIndex % FIRST_NAMES.length] as string;
      const last = LAST_NAMES[
        ((personIndex % LAST_NAMES.length) + Math.floor(personIndex / FIRST_NAMES.length)) %
          LAST_NAMES.length
      ] as string;
      personIndex++;
      const name = `${first} ${last}`;
      const email = `${first}.${last}@${orgSpec.domain}`.toLowerCase();
      const joined = created + (m + 1) * 3 * DAY;
      const pending = m === memberCount - 1;
      let user: SentryUser | null = null;
      if (!pending) {
        user = buildUser({
          id: nextId('user'),
          name,
          email,
          dateJoined: iso(joined),
          lastActive: iso(now - rng.int(1, 14 * 24) * HOUR),
        });
        data.users.set(user.id, user);
      }
      const role = m === 0 ? 'owner' : m === 1 ? 'manager' : m < 4 ? 'admin' : 'member';
      const teamSlugs =
        m === 0
          ? org.teams.map((team) => team.wire.slug)
          : rng.shuffle(org.teams.map((team) => team.wire.slug)).slice(0, rng.chance(0.3) ? 2 : 1);
      const member: MemberRecord = {
        org: org.slug,
        wire: buildMember({
          id: nextId('member'),
          email,
          name: pending ? email : name,
          user,
          role,
          dateCreated: iso(joined),
          inviterName: m === 0 ? null : ownerName,
        }),
        userId: user?.id ?? null,
        teamSlugs,
      };
      if (m === 0) ownerName = name;
      org.members.push(member);
      org.membersById.set(member.wire.id, member);
    }
    for (const team of org.teams) {
      team.wire.memberCount = org.members.filter(
        (member) => member.userId !== null && member.teamSlugs.includes(team.wire.slug),
      ).length;
    }

    for (let u = 0; u < spec.eventUsersPerOrg; u++) {
      const first = FIRST_NAMES[(u * 7 + o) % FIRST_NAMES.length] as string;
      const last = LAST_NAMES[(u * 11 + o * 3) % LAST_NAMES.length] as string;
      const username = `${first}${last}${u}`.toLowerCase();
      org.eventUsers.push({
        id: String(10_000 + u),
        email: `${username}@example.com`,
        username,
        name: `${first} ${last}`,
        ipAddress: `${10 + (u % 200)}.${(u * 37) % 256}.${(u * 91) % 256}.${(u % 250) + 1}`,
      });
    }

    for (const [p, projectSpec] of orgSpec.projects.entries()) {
      const teams = projectSpec.teams
        .map((slug) => org.teamsBySlug.get(slug))
        .filter((team): team is TeamRecord => team !== undefined);
      const project: ProjectRecord = {
        org: org.slug,
        wire: buildProject({
          id: nextId('project'),
          slug: projectSpec.slug,
          name: projectSpec.name,
          platform: projectSpec.platform,
          dateCreated: iso(created + (10 + p * 5) * DAY),
          teams: teams.map((team) => teamRef(team.wire)),
        }),
        teamSlugs: teams.map((team) => team.wire.slug),
        issues: [],
        events: [],
        keys: [],
        hooks: [],
        feedback: [],
        nextShortId: 1,
      };
      project.wire.isBookmarked = p === 0;
      weights.set(project, projectSpec.weight);
      org.projects.push(project);
      org.projectsBySlug.set(project.wire.slug, project);
      data.projectsById.set(project.wire.id, project);

      project.keys.push({
        org: org.slug,
        projectId: project.wire.id,
        wire: buildProjectKey({
          publicKey: rng.hex(32),
          secretKey: rng.hex(32),
          name: 'Default',
          orgId: org.wire.id,
          projectId: project.wire.id,
          dateCreated: project.wire.dateCreated,
        }),
      });
      if (rng.chance(0.25)) {
        project.keys.push({
          org: org.slug,
          projectId: project.wire.id,
          wire: buildProjectKey({
            publicKey: rng.hex(32),
            secretKey: rng.hex(32),
            name: 'CI',
            orgId: org.wire.id,
            projectId: project.wire.id,
            dateCreated: iso(now - rng.int(30, 200) * DAY),
            rateLimit: { window: 60, count: 1000 },
          }),
        });
      }
      if (p % 3 === 0) {
        project.hooks.push({
          org: org.slug,
          projectId: project.wire.id,
          wire: buildServiceHook({
            id: nextId('hook'),
            url: `https://hooks.${orgSpec.domain}/sentry/${project.wire.slug}`,
            events: ['event.alert', 'event.created'],
            secret: rng.hex(64),
            dateCreated: iso(now - rng.int(20, 300) * DAY),
          }),
        });
      }

      generateReleases(data, org, project, spec, rng, nextId);
    }
    org.releases.sort((a, b) => compareDesc(a.wire.dateCreated, b.wire.dateCreated));
  }

  generateIssues(data, spec, rng, templatesByPlatform, weights, nextId);
  return data;
}

function compareDesc(a: string | null | undefined, b: string | null | undefined): number {
  return (b ?? '').localeCompare(a ?? '');
}

function titleCase(slug: string): string {
  return slug
    .split('-')
    .map((word) => (word === 'api' ? 'API' : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** Adds the scale's extra teams and projects to a base organization. */
function withExtras(base: OrgSpec, o: number, spec: ScaleSpec, rng: Random): OrgSpec {
  const teams = [...base.teams];
  const projects = [...base.projects];
  const platforms: Platform[] = ['python', 'javascript', 'node', 'go', 'java'];
  for (let t = 0; t < spec.extraTeamsPerOrg; t++) {
    const area = AREAS[(t + o * 7) % AREAS.length] as string;
    const slug = teams.some((team) => team.slug === area) ? `${area}-eng` : area;
    teams.push({ slug, name: titleCase(slug) });
  }
  for (let k = 0; k < spec.extraProjectsPerOrg; k++) {
    const area = AREAS[(k * 3 + o * 11) % AREAS.length] as string;
    const platform = platforms[(k + o) % platforms.length] as Platform;
    let slug = `${area}-${PLATFORM_SUFFIX[platform]}`;
    if (projects.some((project) => project.slug === slug)) slug = `${slug}-${k}`;
    const ownTeam = teams.find((team) => team.slug === area || team.slug === `${area}-eng`);
    const team = ownTeam ?? rng.pick(teams);
    const projectTeams = [team.slug];
    if (rng.chance(0.2)) {
      const other = rng.pick(teams).slug;
      if (other !== team.slug) projectTeams.push(other);
    }
    projects.push({ slug, name: titleCase(slug), platform, teams: projectTeams, weight: 1 });
  }
  return { ...base, teams, projects };
}

function generateReleases(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  spec: ScaleSpec,
  rng: Random,
  nextId: (kind: SequenceKind) => string,
): void {
  const now = data.now;
  const slug = project.wire.slug;
  const repo: RepositoryRecord = {
    org: org.slug,
    wire: buildRepository({
      id: nextId('repository'),
      name: `${org.slug}/${slug}`,
      dateCreated: project.wire.dateCreated,
    }),
    commits: [],
    commitsById: new Map(),
  };
  org.repositories.push(repo);
  org.repositoriesById.set(repo.wire.id, repo);

  const members = org.members.filter((member) => member.userId !== null);
  const count = rng.int(...spec.releasesPerProject);
  let minor = rng.int(0, 9);
  let patch = 0;
  const major = rng.int(1, 3);
  const window = 88 * DAY;
  const releases: ReleaseRecord[] = [];
  for (let r = 0; r < count; r++) {
    if (r > 0) {
      if (rng.chance(0.7)) {
        minor++;
        patch = 0;
      } else {
        patch++;
      }
    }
    const version = `${slug}@${major}.${minor}.${patch}`;
    const released = now - 89 * DAY + Math.floor(((r + 0.2 + rng.float() * 0.6) * window) / count);
    const created = released - rng.int(10, 90) * 60_000;

    // Commits made in the days before the release.
    const commitIds: string[] = [];
    const commitCount = rng.int(...spec.commitsPerRelease);
    const authors = new Map<string, SentryUser | { name: string | null; email: string }>();
    let lastCommit: CommitRecord | null = null;
    for (let c = 0; c < commitCount; c++) {
      const sha = rng.hex(40);
      const date = created - (c + 1) * rng.int(2, 20) * HOUR;
      const mapped = rng.chance(0.75) && members.length > 0;
      let author: SentryUser | { name: string | null; email: string };
      if (mapped) {
        const member = rng.pick(members);
        author = data.users.get(member.userId ?? '') as SentryUser;
      } else {
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        author = {
          name: `${first} ${last}`,
          email: `${first}.${last}@users.noreply.github.com`.toLowerCase(),
        };
      }
      authors.set(author.email, author);
      const commit: CommitRecord = {
        org: org.slug,
        repositoryId: repo.wire.id,
        wire: {
          id: sha,
          message: `${rng.pick(COMMIT_VERBS)}: ${rng.pick(COMMIT_SUBJECTS)}`,
          dateCreated: iso(date),
          pullRequest: null,
          suspectCommitType: '',
          repository: repo.wire,
          author,
        },
        releaseVersions: [version],
      };
      repo.commits.push(commit);
      repo.commitsById.set(sha, commit);
      commitIds.push(sha);
      if (lastCommit === null) lastCommit = commit;
    }

    const release: ReleaseRecord = {
      org: org.slug,
      wire: buildRelease({
        id: Number(nextId('release')),
        version,
        ref: lastCommit?.wire.id ?? null,
        url: `https://github.com/${repo.wire.name}/releases/tag/${major}.${minor}.${patch}`,
        dateCreated: iso(created),
        dateReleased: iso(released),
        projects: [project.wire],
      }),
      projectIds: [project.wire.id],
      deploys: [],
      commitIds,
      files: [],
    };
    release.wire.commitCount = commitIds.length;
    release.wire.authors = [...authors.values()];
    release.wire.lastCommit = lastCommit
      ? { ...lastCommit.wire, repository: { ...repo.wire } }
      : null;

    const newest = r === count - 1;
    const deploys = [];
    if (rng.chance(0.7)) deploys.push({ env: 'staging', at: released + rng.int(10, 120) * 60_000 });
    if (rng.chance(newest ? 0.5 : 0.85)) {
      deploys.push({ env: 'production', at: released + rng.int(3, 30) * HOUR });
    }
    for (const { env, at } of deploys) {
      if (at >= now) continue;
      const id = nextId('deploy');
      release.deploys.unshift(
        buildDeploy({
          id,
          environment: env,
          name: `${version} to ${env}`,
          url: rng.chance(0.5) ? `https://ci.${org.slug}.example.com/deploys/${id}` : null,
          dateStarted: iso(at - rng.int(2, 15) * 60_000),
          dateFinished: iso(at),
        }),
      );
    }
    release.wire.deployCount = release.deploys.length;
    release.wire.lastDeploy = release.deploys[0] ?? null;

    if (project.wire.platform === 'javascript' || project.wire.platform === 'node') {
      const bundle = rng.hex(8);
      const prefix = project.wire.platform === 'javascript' ? '~/static/js' : 'app:///dist';
      const names =
        project.wire.platform === 'javascript'
          ? [`main.${bundle}.js`, `main.${bundle}.js.map`, `vendor.${rng.hex(8)}.js`]
          : ['server.js', 'server.js.map'];
      for (const name of names) {
        const map = name.endsWith('.map');
        release.files.push({
          id: nextId('file'),
          name: `${prefix}/${name}`,
          dist: null,
          headers: { 'Content-Type': map ? 'application/json' : 'application/javascript' },
          size: rng.int(map ? 200_000 : 40_000, map ? 2_000_000 : 600_000),
          sha1: rng.hex(40),
          dateCreated: iso(created + 60_000),
        });
      }
    }

    releases.push(release);
    org.releases.push(release);
    org.releasesByVersion.set(version, release);
  }
  repo.commits.sort((a, b) => compareDesc(a.wire.dateCreated, b.wire.dateCreated));

  const latest = releases[releases.length - 1];
  project.wire.latestRelease = latest ? { version: latest.wire.version } : null;
  const latestDeploys: Record<string, Record<string, string>> = {};
  for (const release of releases) {
    for (const deploy of [...release.deploys].reverse()) {
      latestDeploys[deploy.environment] = {
        version: release.wire.version,
        dateFinished: deploy.dateFinished,
      };
    }
  }
  project.wire.latestDeploys = Object.keys(latestDeploys).length > 0 ? latestDeploys : null;
}

interface IssueDraft {
  project: ProjectRecord;
  org: OrgData;
  template: ErrorTemplate;
  firstSeen: number;
  lastSeen: number;
  weight: number;
  productionOnly: boolean;
  order: number;
}

function generateIssues(
  data: LocalData,
  spec: ScaleSpec,
  rng: Random,
  templatesByPlatform: Map<Platform, ErrorTemplate[]>,
  weights: Map<ProjectRecord, number>,
  nextId: (kind: SequenceKind) => string,
): void {
  const now = data.now;
  const projects = [...weights.entries()];
  const releaseTimes = new Map<string, { version: string; at: number }[]>();
  for (const org of data.organizations.values()) {
    for (const release of org.releases) {
      const at = Date.parse(release.wire.dateReleased ?? release.wire.dateCreated ?? '');
      for (const projectId of release.projectIds) {
        const list = releaseTimes.get(projectId) ?? [];
        list.push({ version: release.wire.version, at });
        releaseTimes.set(projectId, list);
      }
    }
  }
  for (const list of releaseTimes.values()) list.sort((a, b) => a.at - b.at);
  /** The release a project ran at `timestamp`: the newest one released before it. */
  const releaseAt = (projectId: string, timestamp: number): string | null => {
    let found: string | null = null;
    for (const { version, at } of releaseTimes.get(projectId) ?? []) {
      if (at > timestamp) break;
      found = version;
    }
    return found;
  };

  const drafts: IssueDraft[] = [];
  for (let i = 0; i < spec.issues; i++) {
    const project = rng.weighted(projects);
    const org = data.organizations.get(project.org) as OrgData;
    const templates = templatesByPlatform.get(project.wire.platform as Platform) ?? [];
    const template = rng.pick(templates);
    // Skewed towards recent issues, as a live issue stream is.
    const firstSeen = now - Math.floor(rng.float() ** 1.6 * 88 * DAY) - rng.int(1, 3600) * 1000;
    const recent = rng.chance(0.45);
    const lastSeen = recent
      ? Math.max(firstSeen, now - rng.int(60, 23 * 3600) * 1000)
      : firstSeen + Math.floor(rng.float() * (now - firstSeen));
    drafts.push({
      project,
      org,
      template,
      firstSeen,
      lastSeen,
      weight: rng.float() ** 4 + 0.01,
      productionOnly: rng.chance(0.3),
      order: i,
    });
  }
  drafts.sort((a, b) => a.firstSeen - b.firstSeen || a.order - b.order);
  const totalWeight = drafts.reduce((sum, draft) => sum + draft.weight, 0);

  for (const draft of drafts) {
    const { org, project, template } = draft;
    const id = nextId('issue');
    const counter = project.nextShortId++;
    const eventCount = Math.max(1, Math.round((spec.events * draft.weight) / totalWeight));

    // Events: the first at firstSeen, the last at lastSeen, the rest in between.
    const affected = Math.max(
      1,
      Math.min(org.eventUsers.length, Math.ceil(eventCount * (0.3 + rng.float() * 0.5))),
    );
    const userOffset = rng.int(0, org.eventUsers.length - 1);
    const events: EventRecord[] = [];
    for (let e = 0; e < eventCount; e++) {
      const timestamp =
        e === 0
          ? draft.firstSeen
          : e === eventCount - 1
            ? draft.lastSeen
            : draft.firstSeen + Math.floor(rng.float() * (draft.lastSeen - draft.firstSeen));
      const environment = draft.productionOnly
        ? 'production'
        : rng.chance(0.8)
          ? 'production'
          : 'staging';
      const event: EventRecord = {
        id: rng.hex(32),
        issueId: id,
        projectId: project.wire.id,
        org: org.slug,
        timestamp,
        release: releaseAt(project.wire.id, timestamp),
        environment,
        level: rng.chance(0.9) ? template.level : 'error',
        user: (userOffset + rng.int(0, affected - 1)) % org.eventUsers.length,
        seed: rng.uint32(),
      };
      events.push(event);
    }
    events.sort((a, b) => b.timestamp - a.timestamp || a.id.localeCompare(b.id));
    const oldest = events[events.length - 1] as EventRecord;
    const newest = events[0] as EventRecord;

    const level: SentryIssueLevel = template.level;
    const ageDays = (now - draft.firstSeen) / DAY;
    const statusRoll = rng.float();
    let status: 'unresolved' | 'resolved' | 'ignored' = 'unresolved';
    let substatus: SentryIssueSubstatus | null;
    let statusDetails: IssueRecord['wire']['statusDetails'] = {};
    if (statusRoll < 0.6) {
      substatus =
        ageDays < 7
          ? 'new'
          : rng.weighted<SentryIssueSubstatus>([
              ['ongoing', 7],
              ['escalating', 1.5],
              ['regressed', 1.5],
            ]);
    } else if (statusRoll < 0.85) {
      status = 'resolved';
      substatus = null;
      if (newest.release && rng.chance(0.4)) statusDetails = { inRelease: newest.release };
    } else {
      status = 'ignored';
      substatus = rng.weighted<SentryIssueSubstatus>([
        ['archived_until_escalating', 6],
        ['archived_forever', 2],
        ['archived_until_condition_met', 2],
      ]);
      if (substatus === 'archived_until_condition_met') statusDetails = { ignoreCount: 100 };
    }
    const priority: SentryIssuePriority =
      level === 'fatal'
        ? 'high'
        : level === 'error'
          ? rng.chance(0.4)
            ? 'high'
            : 'medium'
          : level === 'warning'
            ? rng.chance(0.5)
              ? 'medium'
              : 'low'
            : 'low';

    const assigneeRoll = rng.float();
    const teams = project.teamSlugs
      .map((slug) => org.teamsBySlug.get(slug))
      .filter((team): team is TeamRecord => team !== undefined);
    const members = org.members.filter((member) => member.userId !== null);
    let assignedTo: IssueRecord['wire']['assignedTo'] = null;
    if (assigneeRoll < 0.4 && members.length > 0) {
      assignedTo = userActor(data.users.get(rng.pick(members).userId ?? '') as SentryUser);
    } else if (assigneeRoll < 0.6 && teams.length > 0) {
      assignedTo = teamActor(rng.pick(teams));
    }

    const users = new Set(events.map((event) => event.user));
    const frame = template.frames[template.frames.length - 1];
    const hasSeen = rng.chance(0.5);
    const issue: IssueRecord = {
      org: org.slug,
      projectId: project.wire.id,
      template,
      firstRelease: oldest.release,
      lastRelease: newest.release,
      events,
      hashes: Array.from(
        {
          length: rng.weighted([
            [1, 16],
            [2, 3],
            [3, 1],
          ]),
        },
        () => rng.hex(32),
      ),
      environments: [...new Set(events.map((event) => event.environment))].sort(),
      seenBy: hasSeen && members.length > 0 ? [rng.pick(members).userId ?? ''] : [],
      wire: {
        id,
        shareId: null,
        shortId: shortIdOf(project.wire.slug, counter),
        title: `${template.type}: ${template.value}`,
        culprit: template.culprit,
        permalink: permalinkOf(org.slug, id),
        logger: template.logger,
        level,
        status,
        statusDetails,
        substatus,
        isPublic: false,
        platform: project.wire.platform,
        priority,
        priorityLockedAt: null,
        seerFixabilityScore: rng.chance(0.3) ? Math.round(rng.float() * 1000) / 1000 : null,
        seerAutofixLastTriggered: null,
        seerExplorerAutofixLastTriggered: null,
        project: {
          id: project.wire.id,
          name: project.wire.name,
          slug: project.wire.slug,
          platform: project.wire.platform,
        },
        type: 'error',
        issueType: 'error',
        issueCategory: 'error',
        metadata: {
          type: template.type,
          value: template.value,
          filename: frame?.filename ?? null,
          function: frame?.function ?? null,
          display_title_with_tree_label: false,
          in_app_frame_mix: 'mixed',
          sdk: { name: template.sdk.name, name_normalized: template.sdk.name },
          initial_priority: priority === 'high' ? 75 : priority === 'medium' ? 50 : 25,
        },
        numComments: rng.chance(0.7) ? 0 : rng.int(1, 6),
        assignedTo,
        isBookmarked: rng.chance(0.05),
        isSubscribed: assignedTo?.type === 'user' || rng.chance(0.3),
        subscriptionDetails: assignedTo?.type === 'user' ? { reason: 'assigned' } : null,
        hasSeen,
        annotations: [],
        isUnhandled: !template.handled,
        count: String(events.length),
        userCount: users.size,
        firstSeen: iso(oldest.timestamp),
        lastSeen: iso(newest.timestamp),
        stats: { '24h': statsSeries(events, now, '24h') },
        derivedData: {
          blocker: '',
          progress: '',
          status: '',
          viewCount: hasSeen ? rng.int(1, 20) : 0,
          hasOpenFixPr: false,
          isAssigned: assignedTo !== null,
          hasRootCause: false,
          lastCompletedAutofixStep: '',
          lastProgressedAt: null,
        },
        lifetime: {
          count: String(events.length),
          userCount: users.size,
          firstSeen: iso(oldest.timestamp),
          lastSeen: iso(newest.timestamp),
        },
        filtered: null,
        sessionCount: 0,
        inbox: {
          reason: substatus === 'regressed' ? 2 : substatus === 'escalating' ? 3 : 0,
          reason_details: null,
          date_added: iso(oldest.timestamp),
        },
        // The spec types list-row `owners` as one object (Sentry itself sends a list or null).
        owners: {
          type: 'ownershipRule',
          owner: `team:${teams[0]?.wire.id ?? '0'}`,
          date_added: iso(oldest.timestamp),
        },
        integrationIssues: [],
        sentryAppIssues: [],
        latestEventHasAttachments: false,
        matchingEventId: null,
        matchingEventEnvironment: null,
      },
    };

    org.issuesByShortId.set(issue.wire.shortId, issue);
    data.issuesById.set(id, issue);
    project.issues.push(issue);
    org.issues.push(issue);
    for (const event of events) {
      data.eventsById.set(event.id, event);
      project.events.push(event);
      org.events.push(event);
    }

    if (rng.chance(0.05)) {
      const user = org.eventUsers[newest.user] as EventUser;
      project.feedback.push({
        org: org.slug,
        projectId: project.wire.id,
        issueId: id,
        wire: {
          id: nextId('feedback'),
          eventID: newest.id,
          name: user.name,
          email: user.email,
          comments: rng.pick(FEEDBACK_COMMENTS),
          dateCreated: iso(Math.min(now - 1000, newest.timestamp + rng.int(1, 30) * 60_000)),
          event: { id: newest.id, eventID: newest.id },
          issue: null,
          user: {
            id: user.id,
            email: user.email,
            username: user.username,
            name: user.name,
            ipAddress: user.ipAddress,
            avatarUrl: null,
          },
        },
      });
      project.wire.hasUserReports = true;
      project.wire.hasFeedbacks = true;
    }
  }

  const byTimeDesc = (a: EventRecord, b: EventRecord) =>
    b.timestamp - a.timestamp || a.id.localeCompare(b.id);
  for (const org of data.organizations.values()) {
    org.issues.reverse();
    org.events.sort(byTimeDesc);
    const environments = new Set<string>();
    for (const project of org.projects) {
      project.issues.reverse();
      project.events.sort(byTimeDesc);
      project.feedback.reverse();
      const projectEnvironments = new Set(project.events.map((event) => event.environment));
      project.wire.environments = [...projectEnvironments].sort();
      for (const environment of projectEnvironments) environments.add(environment);
      const oldest = project.events[project.events.length - 1];
      project.wire.firstEvent = oldest ? iso(oldest.timestamp) : null;
    }
    org.environments = [...environments].sort();
    finishReleases(org);
  }
}

/** Fills in what releases learn from events: first/last event and new issue counts. */
function finishReleases(org: OrgData): void {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const event of org.events) {
    if (event.release === null) continue;
    first.set(
      event.release,
      Math.min(first.get(event.release) ?? Number.POSITIVE_INFINITY, event.timestamp),
    );
    last.set(event.release, Math.max(last.get(event.release) ?? 0, event.timestamp));
  }
  const newGroups = new Map<string, number>();
  for (const issue of org.issues) {
    if (issue.firstRelease !== null) {
      newGroups.set(issue.firstRelease, (newGroups.get(issue.firstRelease) ?? 0) + 1);
    }
  }
  for (const release of org.releases) {
    const version = release.wire.version;
    const firstAt = first.get(version);
    const lastAt = last.get(version);
    release.wire.firstEvent = firstAt === undefined ? null : iso(firstAt);
    release.wire.lastEvent = lastAt === undefined ? null : iso(lastAt);
    release.wire.newGroups = newGroups.get(version) ?? 0;
    for (const project of release.wire.projects) project.newGroups = release.wire.newGroups;
  }
}

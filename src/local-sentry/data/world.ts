/**
 * The shape of the seeded world: how much of everything each scale holds, and the organizations,
 * teams and projects it is built around (plus the extra ones larger scales add).
 */
import type { LocalData, Scale } from './model.ts';
import type { Random } from './random.ts';
import type { Platform } from './templates/index.ts';

/**
 * What every resource's generator draws on: the store it fills, the one random stream, the scale.
 */
export interface Seeding {
  data: LocalData;
  rng: Random;
  spec: ScaleSpec;
}

export interface ScaleSpec {
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

export const SCALES: Record<Scale, ScaleSpec> = {
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

export interface ProjectSpec {
  slug: string;
  name: string;
  platform: Platform;
  teams: string[];
  weight: number;
}

export interface OrgSpec {
  id: string;
  slug: string;
  name: string;
  domain: string;
  ageDays: number;
  teams: { slug: string; name: string }[];
  projects: ProjectSpec[];
}

export const BASE_ORGS: OrgSpec[] = [
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

function titleCase(slug: string): string {
  return slug
    .split('-')
    .map((word) => (word === 'api' ? 'API' : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** Adds the scale's extra teams and projects to a base organization. */
export function withExtras(base: OrgSpec, o: number, spec: ScaleSpec, rng: Random): OrgSpec {
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

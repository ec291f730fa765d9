/**
 * The seeded generator: `generateData({ seed, scale })` builds a complete, realistic Sentry
 * world (organizations, teams, members, projects, releases with commits and deploys, issues
 * and their events) from a seed alone. Same seed and scale, same bytes: every timestamp counts
 * back from `DATA_EPOCH`, and every random choice comes from `Random`. Each resource generates
 * its own records (`resources/<resource>/generate.ts`); this module calls them in a fixed order,
 * since they all draw from one random stream.
 */
import { generateAlertRules, newAlertRuleIds } from '../resources/alert-rules/generate.ts';
import { generateEventUsers } from '../resources/event-users/generate.ts';
import { newestFirst } from '../resources/events/store.ts';
import { generateServiceHooks } from '../resources/hooks/generate.ts';
import { generateIssues } from '../resources/issues/generate.ts';
import { generateProjectKeys } from '../resources/keys/generate.ts';
import { generateMembers } from '../resources/members/generate.ts';
import { generateMonitors } from '../resources/monitors/generate.ts';
import { generateOrganization } from '../resources/organizations/generate.ts';
import { deriveProjectFlags } from '../resources/projects/flags.ts';
import { generateProject } from '../resources/projects/generate.ts';
import type { ProjectRecord } from '../resources/projects/record.ts';
import { finishReleases, generateReleases, sortReleases } from '../resources/releases/generate.ts';
import { generateReplays } from '../resources/replays/generate.ts';
import { countTeamMembers, generateTeams } from '../resources/teams/generate.ts';
import type { LocalData, OrgData, Scale, SequenceKind } from './model.ts';
import { Random } from './random.ts';
import { DAY, iso } from './time.ts';
import { BASE_ORGS, SCALES, type Seeding, withExtras } from './world.ts';

/** The data's "now": 2026-11-01T00:00:00Z. */
export const DATA_EPOCH = Date.UTC(2026, 10, 1);

export interface GenerateOptions {
  /** Default 1. */
  seed?: number;
  /** Default `small`. */
  scale?: Scale;
}

/** The first id of each kind. */
const FIRST_IDS: Record<SequenceKind, number> = {
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

/** Builds the seeded world. */
export function generateData({ seed = 1, scale = 'small' }: GenerateOptions = {}): LocalData {
  const spec = SCALES[scale];
  const rng = new Random(seed);
  const now = DATA_EPOCH;
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
    sequences: { ...FIRST_IDS },
  };
  const seeding: Seeding = { data, rng, spec };

  // Organizations, teams, members and projects.
  const weights = new Map<ProjectRecord, number>();
  let personIndex = 0;
  const orgSpecs = BASE_ORGS.map((base, o) => withExtras(base, o, spec, rng));
  for (const [o, orgSpec] of orgSpecs.entries()) {
    const created = now - orgSpec.ageDays * DAY;
    const org = generateOrganization(orgSpec, created);
    data.organizations.set(org.slug, org);
    generateTeams(data, org, orgSpec.teams, created);
    personIndex = generateMembers(seeding, org, {
      count: spec.members[o] ?? 5,
      domain: orgSpec.domain,
      created,
      personIndex,
    });
    countTeamMembers(org);
    generateEventUsers(org, o, spec.eventUsersPerOrg);
    for (const [p, projectSpec] of orgSpec.projects.entries()) {
      const project = generateProject(data, org, projectSpec, p, created);
      weights.set(project, projectSpec.weight);
      generateProjectKeys(seeding, org, project);
      generateServiceHooks(seeding, org, project, { p, domain: orgSpec.domain });
      generateReleases(seeding, org, project);
    }
    sortReleases(org);
  }

  generateIssues(seeding, weights);
  for (const org of data.organizations.values()) finishOrganization(org);
  for (const org of data.organizations.values()) generateMonitors(data, org);
  for (const org of data.organizations.values()) generateReplays(data, org);
  const alertRuleIds = newAlertRuleIds();
  for (const org of data.organizations.values()) generateAlertRules(data, org, alertRuleIds);
  for (const org of data.organizations.values()) deriveProjectFlags(org);
  return data;
}

/**
 * What the lists and bodies learn once every event exists: newest-first order, the projects' and
 * organization's environments, each project's first event, the releases' event facts.
 */
function finishOrganization(org: OrgData): void {
  org.issues.reverse();
  org.events.sort(newestFirst);
  const environments = new Set<string>();
  for (const project of org.projects) {
    project.issues.reverse();
    project.events.sort(newestFirst);
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

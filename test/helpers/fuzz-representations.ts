/** Fuzz representations for `_entities`: seeded ids, hostile strings, wrong types and typenames. */

import type { Random } from './fuzz-random.ts';

/** Identifiers that exist in the embedded Sentry, read through the gateway before the run. */
export interface FuzzSeeds {
  orgs: string[];
  projects: { org: string; slug: string; sentryId: string; id: string }[];
  issues: { org: string; sentryId: string; shortId: string; id: string }[];
  events: { org: string; projectSentryId: string; eventId: string; id: string }[];
  releases: { org: string; version: string; id: string }[];
  /** Global ids of every kind the seed query met (teams, members, users too). */
  globalIds: string[];
}

/** Strings that must never reach a URL unencoded nor crash anything. */
export const HOSTILE_STRINGS: readonly string[] = [
  '../x',
  '..',
  '.',
  '%2F',
  '%2e%2e',
  'a/b',
  'acme/../globex',
  '',
  ' ',
  '\t',
  '\n',
  '\u0000',
  'ä',
  'Ünïcödé',
  '😀',
  '名前',
  '\u202e',
  'x'.repeat(300),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'toString',
  '?a=b',
  '#frag',
  'ACME',
  '-1',
  '0',
  '1e3',
  '9'.repeat(30),
  'null',
  'undefined',
  'is:unresolved',
];

/** Values of the wrong type for a key field. */
const WRONG_VALUES: readonly unknown[] = [
  0,
  -1,
  1.5,
  1e21,
  42,
  null,
  true,
  false,
  {},
  { slug: 'acme' },
  [],
  ['acme'],
  [1, 2],
  [[]],
  { __typename: 'Project' },
];

const ENTITY_TYPES = ['Organization', 'Project', 'Issue', 'Event', 'Release'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

const UNKNOWN_TYPENAMES: readonly unknown[] = [
  'Nope',
  'Query',
  'Mutation',
  'Team',
  'User',
  'Member',
  'Node',
  '_Entity',
  '_Service',
  '_Any',
  'String',
  'IssueStatus',
  '__Schema',
  '__Type',
  'project',
  '',
  null,
  5,
  {},
  ['Project'],
];

/** A random string, sometimes a seeded identifier, sometimes hostile. */
export function randomString(random: Random, seeds: FuzzSeeds): string {
  const choice = random.int(0, 5);
  if (choice === 0) return random.pick(HOSTILE_STRINGS);
  if (choice === 1) return random.pick(seeds.orgs);
  if (choice === 2 && seeds.projects.length > 0) return random.pick(seeds.projects).slug;
  if (choice === 3 && seeds.issues.length > 0) return random.pick(seeds.issues).sentryId;
  if (choice === 4 && seeds.releases.length > 0) return random.pick(seeds.releases).version;
  const length = random.int(1, 12);
  let out = '';
  for (let index = 0; index < length; index += 1) {
    out += String.fromCharCode(
      random.int(0, 9) === 0 ? random.int(0x80, 0x2fff) : random.int(32, 126),
    );
  }
  return out;
}

/** The key fields of a valid representation of `type`, from the seeds. */
function validKey(random: Random, seeds: FuzzSeeds, type: EntityType): Record<string, unknown> {
  switch (type) {
    case 'Organization':
      return { slug: random.pick(seeds.orgs) };
    case 'Project': {
      const project = random.pick(seeds.projects);
      return random.chance(0.5)
        ? { organizationSlug: project.org, sentryId: project.sentryId }
        : { organizationSlug: project.org, slug: project.slug };
    }
    case 'Issue': {
      const issue = random.pick(seeds.issues);
      return { organizationSlug: issue.org, sentryId: issue.sentryId };
    }
    case 'Event': {
      const event = random.pick(seeds.events);
      return {
        organizationSlug: event.org,
        projectSentryId: event.projectSentryId,
        eventId: event.eventId,
      };
    }
    case 'Release': {
      const release = random.pick(seeds.releases);
      return { organizationSlug: release.org, version: release.version };
    }
  }
}

/** A value for one key field: mostly plausible, often not. */
function keyValue(random: Random, seeds: FuzzSeeds, valid: unknown): unknown {
  const choice = random.int(0, 9);
  if (choice <= 3) return valid;
  if (choice <= 5) return random.pick(HOSTILE_STRINGS);
  if (choice <= 7) return random.pick(WRONG_VALUES);
  if (choice === 8) return randomString(random, seeds);
  // A foreign or unknown organization, or an id that does not exist.
  return random.pick(['globex', 'acme', 'initech', '999999999', '1', 'deadbeef'.repeat(4)]);
}

/** One representation, as a federation router would send it or as an attacker might. */
export function randomRepresentation(
  random: Random,
  seeds: FuzzSeeds,
  earlier: readonly unknown[],
): unknown {
  const choice = random.int(0, 19);
  if (choice === 0 && earlier.length > 0) return random.pick(earlier); // duplicate
  if (choice === 1) return random.pick([5, 'Project', true, [], [{}], 1.5, ['acme']]);
  if (choice === 2) {
    const rest = validKey(random, seeds, random.pick(ENTITY_TYPES));
    return random.chance(0.5) ? rest : { ...rest, __typename: random.pick(UNKNOWN_TYPENAMES) };
  }
  const type = random.pick(ENTITY_TYPES);
  const key = validKey(random, seeds, type);
  if (choice <= 9) return { __typename: type, ...key }; // valid, existing
  const mutated: Record<string, unknown> = { __typename: type };
  for (const [field, value] of Object.entries(key)) {
    if (random.chance(0.15)) continue; // missing key field
    mutated[field] = keyValue(random, seeds, value);
  }
  if (random.chance(0.15)) mutated[random.pick(['sentryId', 'slug', 'id', 'extra'])] = 'x';
  if (random.chance(0.05)) {
    // An own "__proto__" key, as JSON.parse makes one (a plain assignment would set the prototype).
    Object.defineProperty(mutated, '__proto__', { value: { polluted: true }, enumerable: true });
  }
  return mutated;
}

/** A list of 0 to 8 (rarely 30) representations. */
export function randomRepresentations(random: Random, seeds: FuzzSeeds): unknown[] {
  const length = random.chance(0.05) ? 30 : random.int(0, 8);
  const list: unknown[] = [];
  for (let index = 0; index < length; index += 1) {
    list.push(randomRepresentation(random, seeds, list));
  }
  return list;
}

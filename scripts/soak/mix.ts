/**
 * The soak's operations, shared by `npm run soak` (scripts/soak.ts) and the soak tests: every
 * query and mutation of `schema/operations/` (read as the benchmark reads them), aimed at one
 * organization of the seeded data with identifiers picked from that data, and the writes each
 * one sends to Sentry, so that the writes the embedded server saw can be checked against them.
 */
import { fileURLToPath } from 'node:url';
import { fillVariables, type OperationFile, readOperationFiles } from '../../bench/operations.ts';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { issueKey, projectKey, teamKey } from '../../src/loaders/keys.ts';
import { seededRandom } from '../../src/local-sentry/http/faults.ts';
import type { LocalSentry } from '../../src/local-sentry/http/server.ts';

/** The embedded server's store (the same seed and scale give the same data, byte for byte). */
export type SeededData = LocalSentry['data'];
export type SeededOrg = SeededData['organizations'] extends Map<string, infer O> ? O : never;
type SeededIssue = SeededOrg['issues'][number];

export const OPERATIONS_DIR = fileURLToPath(new URL('../../schema/operations/', import.meta.url));

/** A write route of Sentry's API (`METHOD template`, as `/_local/stats` names it). */
export interface WriteExpectation {
  route: string;
  /** `true`: sent exactly once per operation; `false`: at most once (a read decides first). */
  exact: boolean;
}

/**
 * The writes each mutation of `schema/operations/` sends, by operation name. A mutation file
 * missing here makes `buildOperations` throw, so a new one cannot slip past the write count.
 */
export const MUTATION_WRITES: Record<string, WriteExpectation> = {
  // PUT the issue; the answer is the updated issue, nothing is read first.
  TriageIssue: { route: 'PUT /api/0/organizations/{org}/issues/{issue_id}/', exact: true },
  // The ids are checked with a GET first: when that read fails, the PUT is never sent.
  TriageBulk: { route: 'PUT /api/0/organizations/{org}/issues/', exact: false },
  ReleaseCreate: { route: 'POST /api/0/organizations/{org}/releases/', exact: true },
  ReleaseDeploy: {
    route: 'POST /api/0/organizations/{org}/releases/{version}/deploys/',
    exact: true,
  },
};

/** One operation ready to send. */
export interface SoakOperation {
  /** Operation name, e.g. `IssueStream`. */
  name: string;
  kind: 'query' | 'mutation';
  /** The organization it is aimed at. */
  org: string;
  document: string;
  variables: Record<string, unknown>;
  /** The write it sends, for mutations. */
  write?: WriteExpectation;
  /** What a mutation changes, so a test can look for it in the store afterwards. */
  target?: MutationTarget;
}

/** Where a mutation leaves its mark in the store. */
export type MutationTarget =
  | { kind: 'issue'; issueIds: string[] }
  | { kind: 'release'; version: string }
  | { kind: 'deploy'; version: string; environment: string };

/** Identifiers of one organization that the operation files' placeholders stand for. */
export interface OrgFixtures {
  org: string;
  /** Slug of its first project, which the project operations open. */
  project: string;
  SHORT_ID: string;
  ISSUE_ID: string;
  EVENT_ID: string;
  VERSION: string;
  NODE_IDS: string[];
}

/** Reads the operation files the soak runs: queries and mutations, no subscriptions. */
export async function readSoakOperationFiles(dir = OPERATIONS_DIR): Promise<OperationFile[]> {
  const files = await readOperationFiles(dir);
  const broken = files.find((file) => file.invalid !== undefined);
  if (broken) throw new Error(`${broken.file}: ${broken.invalid}`);
  return files.filter((file) => file.kind !== 'subscription');
}

function organization(data: SeededData, slug: string): SeededOrg {
  const org = data.organizations.get(slug);
  if (!org) throw new Error(`the seeded data has no organization "${slug}"`);
  return org;
}

/** The issue the read operations open: the first unresolved one that has events. */
function featuredIssue(org: SeededOrg): SeededIssue {
  const issue = org.issues.find((i) => i.wire.status === 'unresolved' && i.events.length > 0);
  if (!issue) throw new Error(`${org.slug}: no unresolved issue with events`);
  return issue;
}

/** Picks the identifiers from the seeded data, as the benchmark picks them from the gateway. */
export function orgFixtures(data: SeededData, slug: string): OrgFixtures {
  const org = organization(data, slug);
  const issue = featuredIssue(org);
  const event = issue.events[0];
  const release =
    org.releases.find((r) => r.deploys.length > 0 && r.commitIds.length > 0) ?? org.releases[0];
  const project = org.projects[0];
  if (!event || !release || !project) throw new Error(`${slug}: no events, releases or projects`);
  return {
    org: slug,
    project: project.wire.slug,
    SHORT_ID: issue.wire.shortId,
    ISSUE_ID: issue.wire.id,
    EVENT_ID: event.id,
    VERSION: release.wire.version,
    NODE_IDS: [
      ...org.issues.slice(0, 8).map((i) => encodeGlobalId('Issue', issueKey(slug, i.wire.id))),
      ...org.projects
        .slice(0, 3)
        .map((p) => encodeGlobalId('Project', projectKey(slug, p.wire.id))),
    ],
  };
}

/**
 * The issues a tag's mutations change: three of the first project's issues, none shared with
 * another tag (`tagIndex`) nor with the issue the reads open, so a test can tell who wrote.
 */
function tagIssues(data: SeededData, slug: string, tagIndex: number): SeededIssue[] {
  const org = organization(data, slug);
  const featured = featuredIssue(org);
  const candidates = (org.projects[0]?.issues ?? []).filter((issue) => issue !== featured);
  const issues = candidates.slice(tagIndex * 3, tagIndex * 3 + 3);
  if (issues.length < 3) throw new Error(`${slug}: too few issues for tag ${tagIndex}`);
  return issues;
}

/**
 * Variables of one operation file aimed at `fixtures.org`: the file's own, its placeholders
 * filled, `"acme"`/`"backend"` turned into this organization and project, and the mutations'
 * targets made the tag's own (its issues, a release version and a deploy environment that
 * carry the tag), so runs under different tags never touch the same objects.
 */
function variablesFor(
  file: OperationFile,
  fixtures: OrgFixtures,
  data: SeededData,
  tag: { name: string; index: number },
): { variables: Record<string, unknown>; target?: MutationTarget } {
  const { variables, missing } = fillVariables(file.variablesTemplate, { ...fixtures });
  if (missing.length > 0) throw new Error(`${file.file}: no fixture for ${missing.join(', ')}`);
  if (variables['org'] !== undefined) variables['org'] = fixtures.org;
  if (variables['project'] !== undefined) variables['project'] = fixtures.project;
  if (variables['projects'] !== undefined) variables['projects'] = [fixtures.project];
  const slug = fixtures.org;
  const issueIds = tagIssues(data, slug, tag.index).map((issue) => issue.wire.id);
  const gid = (id: string) => encodeGlobalId('Issue', issueKey(slug, id));
  switch (file.name) {
    case 'TriageIssue': {
      const org = organization(data, slug);
      const teamSlug = org.projects[0]?.teamSlugs[0] ?? org.teams[0]?.wire.slug ?? '';
      const team = org.teamsBySlug.get(teamSlug);
      if (!team) throw new Error(`${slug}: the first project has no team`);
      variables['id'] = gid(issueIds[0] ?? '');
      variables['team'] = encodeGlobalId('Team', teamKey(slug, team.wire.id));
      return { variables, target: { kind: 'issue', issueIds: issueIds.slice(0, 1) } };
    }
    case 'TriageBulk':
      variables['ids'] = issueIds.slice(1).map(gid);
      return { variables, target: { kind: 'issue', issueIds: issueIds.slice(1) } };
    case 'ReleaseCreate': {
      // One version per tag and organization: a release is an identifier of its organization.
      const version = `soak-${tag.name}-${slug}@1.0.0`;
      variables['version'] = version;
      return { variables, target: { kind: 'release', version } };
    }
    case 'ReleaseDeploy': {
      const environment = `soak-${tag.name}`;
      variables['environment'] = environment;
      return {
        variables,
        target: { kind: 'deploy', version: fixtures.VERSION, environment },
      };
    }
    default:
      return { variables };
  }
}

/**
 * Every operation file aimed at each organization in `orgs`, with the identifiers of that
 * organization; mutations change only objects of `tag` (see `variablesFor`).
 */
export function buildOperations(
  files: readonly OperationFile[],
  data: SeededData,
  orgs: readonly string[],
  tag: { name: string; index: number },
): SoakOperation[] {
  return orgs.flatMap((slug) => {
    const fixtures = orgFixtures(data, slug);
    return files.map((file): SoakOperation => {
      if (file.kind === 'subscription') throw new Error(`${file.file}: a subscription`);
      const { variables, target } = variablesFor(file, fixtures, data, tag);
      const operation: SoakOperation = {
        name: file.name,
        kind: file.kind,
        org: slug,
        document: file.document,
        variables,
      };
      if (target) operation.target = target;
      if (file.kind === 'mutation') {
        const write = MUTATION_WRITES[file.name];
        if (!write) {
          throw new Error(
            `${file.file}: a mutation the soak does not know (add it to MUTATION_WRITES)`,
          );
        }
        operation.write = write;
      }
      return operation;
    });
  });
}

/**
 * `count` items drawn from `items` in a seeded order: whole shuffled rounds of every item, so
 * that each appears `count / items.length` times (±1) and the same seed gives the same run.
 */
export function schedule<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length === 0) throw new Error('nothing to schedule');
  const random = seededRandom(seed);
  const out: T[] = [];
  while (out.length < count) {
    const round = [...items];
    for (let i = round.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j] as T, round[i] as T];
    }
    out.push(...round.slice(0, count - out.length));
  }
  return out;
}

/** Runs `task` for indices 0..count-1, at most `concurrency` at a time, in index order. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

/**
 * Runs fuzz cases (`fuzz.ts`) against a gateway in a child process (`fuzz-server.ts`) and
 * checks every answer: the process stays up and prints nothing about unhandled rejections,
 * no HTTP status is 5xx, every error carries a documented `extensions.code`, and no answer
 * echoes a token. Shared by the integration test and `npm run fuzz`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, type GraphQLSchema, getIntrospectionQuery } from 'graphql';
import { DOCUMENTED_CODES } from '../../scripts/soak/check.ts';
import { type FuzzCase, type FuzzIdentity, fuzzCase } from './fuzz.ts';
import { representationLists } from './fuzz-documents.ts';
import type { FuzzHttp } from './fuzz-envelopes.ts';
import type { FuzzSeeds } from './fuzz-representations.ts';

const SERVER = fileURLToPath(new URL('./fuzz-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The gateway child process. */
export interface FuzzTarget extends AsyncDisposable {
  gateway: string;
  sentry: string;
  tokens: { valid: string; limited: string };
  child: ChildProcess;
  /** Everything the child wrote to stderr (and stdout after its ready line). */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts `fuzz-server.ts` in its own Node process and waits for its ready line. */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = once(child, 'exit');
  const alive = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + 60_000;
  let ready: { gateway: string; sentry: string; tokens: FuzzTarget['tokens'] } | undefined;
  while (!ready) {
    const line = stdout.split('\n').find((text) => text.startsWith('{'));
    if (line) ready = JSON.parse(line);
    else if (!alive() || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fuzz target did not start:\n${output}`);
    } else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyLine = stdout.split('\n')[0] ?? '';
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return {
    ...ready,
    child,
    output: () => output.replace(readyLine, '').trim(),
    alive,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** The `Authorization` header of an identity, or undefined for none. */
function authorization(
  identity: FuzzIdentity,
  target: FuzzTarget,
  index: number,
): string | undefined {
  switch (identity) {
    case 'valid':
      return `Bearer ${target.tokens.valid}`;
    case 'limited':
      return `Bearer ${target.tokens.limited}`;
    case 'bad':
      return 'Bearer not-a-real-token';
    case 'none':
      return undefined;
    case 'malformed':
      return ['Basic Zm9vOmJhcg==', 'Bearer', 'bearer  ', 'Bearer a b', 'Token x'][index % 5];
  }
}

export interface PostResult {
  status: number;
  text: string;
  body: unknown;
}

async function post(
  target: FuzzTarget,
  body: unknown,
  headers: Record<string, string>,
): Promise<PostResult> {
  const result = await send(
    target,
    { method: 'POST', search: '', contentType: 'application/json', body: JSON.stringify(body) },
    headers,
  );
  if (!result) throw new Error('request aborted');
  return result;
}

/** Sends one request; undefined when it was aborted on purpose (`abortAfterMs`). */
async function send(
  target: FuzzTarget,
  http: FuzzHttp,
  headers: Record<string, string>,
  abortAfterMs?: number,
): Promise<PostResult | undefined> {
  const controller = new AbortController();
  const timer =
    abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  let response: Response;
  try {
    response = await fetch(`${target.gateway}${http.search}`, {
      method: http.method,
      headers: {
        ...(http.contentType ? { 'content-type': http.contentType } : {}),
        ...http.headers,
        ...headers,
      },
      ...(http.body === undefined ? {} : { body: http.body }),
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed };
}

/** Reads the schema (introspection) and identifiers to aim at (one seed query) from the gateway. */
export async function readTarget(
  target: FuzzTarget,
): Promise<{ schema: GraphQLSchema; seeds: FuzzSeeds }> {
  const headers = { authorization: `Bearer ${target.tokens.valid}` };
  const introspection = await post(target, { query: getIntrospectionQuery() }, headers);
  const schema = buildClientSchema(
    (introspection.body as { data: Parameters<typeof buildClientSchema>[0] }).data,
  );
  const seedQuery = `{ organizations(first: 5) { nodes { id slug
    projects(first: 5) { nodes { id sentryId slug teams { id } } }
    issues(first: 8) { nodes { id sentryId shortId latestEvent { id eventId projectSentryId } } }
    releases(first: 4) { nodes { id version } }
    members(first: 3) { nodes { id } } } } }`;
  const result = await post(target, { query: seedQuery }, headers);
  const data = (result.body as { data?: SeedData }).data;
  if (!data?.organizations) throw new Error(`seed query failed: ${result.text.slice(0, 500)}`);
  const seeds: FuzzSeeds = {
    orgs: [],
    projects: [],
    issues: [],
    events: [],
    releases: [],
    globalIds: [],
  };
  for (const org of data.organizations.nodes) {
    seeds.orgs.push(org.slug);
    seeds.globalIds.push(org.id);
    for (const project of org.projects?.nodes ?? []) {
      seeds.projects.push({ org: org.slug, ...project });
      seeds.globalIds.push(project.id, ...(project.teams ?? []).map((team) => team.id));
    }
    for (const issue of org.issues?.nodes ?? []) {
      seeds.issues.push({ org: org.slug, ...issue });
      seeds.globalIds.push(issue.id);
      const event = issue.latestEvent;
      if (event) {
        seeds.events.push({ org: org.slug, ...event });
        seeds.globalIds.push(event.id);
      }
    }
    for (const release of org.releases?.nodes ?? []) {
      seeds.releases.push({ org: org.slug, ...release });
      seeds.globalIds.push(release.id);
    }
    seeds.globalIds.push(...(org.members?.nodes ?? []).map((member) => member.id));
  }
  if (seeds.projects.length === 0 || seeds.issues.length === 0 || seeds.events.length === 0) {
    throw new Error(`seed query found too little: ${result.text.slice(0, 500)}`);
  }
  return { schema, seeds };
}

interface SeedData {
  organizations: {
    nodes: {
      id: string;
      slug: string;
      projects?: {
        nodes: { id: string; sentryId: string; slug: string; teams?: { id: string }[] | null }[];
      } | null;
      issues?: {
        nodes: {
          id: string;
          sentryId: string;
          shortId: string;
          latestEvent?: { id: string; eventId: string; projectSentryId: string } | null;
        }[];
      } | null;
      releases?: { nodes: { id: string; version: string }[] } | null;
      members?: { nodes: { id: string }[] } | null;
    }[];
  };
}

/** What is wrong with one answer (empty when nothing is). */
export function checkAnswer(result: PostResult, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  if (result.status >= 500 || result.status < 200 || (result.status > 200 && result.status < 400)) {
    problems.push(`HTTP ${result.status}`);
  }
  for (const secret of secrets) {
    if (result.text.includes(secret)) problems.push('the answer contains a token');
  }
  const body = result.body as { data?: unknown; errors?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || (!('data' in body) && !('errors' in body))) {
    // 405 (a GET mutation, a PUT) and 415 (text/plain, a CSRF-prone type) need no GraphQL body.
    if (result.status !== 200 && result.status !== 400) return problems;
    problems.push(`not a GraphQL response: ${result.text.slice(0, 200)}`);
    return problems;
  }
  const errors = Array.isArray(body.errors) ? body.errors : [];
  for (const error of errors as { message?: string; extensions?: { code?: unknown } }[]) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !DOCUMENTED_CODES.has(code)) {
      problems.push(`error code ${JSON.stringify(code)}: ${String(error.message).slice(0, 200)}`);
    }
  }
  return problems;
}

export interface FuzzReport {
  cases: number;
  /** Requests with `_entities` fields. */
  entities: number;
  /** Representation lists in them (one per `_entities` field). */
  lists: number;
  documents: number;
  /** Malformed or unusual HTTP requests. */
  envelopes: number;
  /** Requests the client hung up on before the answer. */
  aborted: number;
  representations: number;
  /** By identity. */
  identities: Record<string, number>;
  /** HTTP statuses seen, with counts. */
  statuses: Record<string, number>;
  /** Error codes seen, with counts. */
  codes: Record<string, number>;
  /** Answers with data and no error. */
  clean: number;
  /** Failures: the case, and what was wrong. */
  failures: { index: number; case: FuzzCase; problems: string[] }[];
  /** Set when the child process died or printed something during the run. */
  processProblem?: string | undefined;
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Requests in flight at once. @default 8 */
  concurrency?: number;
  /** Share of random upstream faults (0..1) injected into the embedded Sentry. @default 0 */
  failRate?: number;
  /** Stop collecting failures past this many. @default 20 */
  maxFailures?: number;
  /** Called every `progressEvery` cases. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

/** Runs `cases` cases from `seed` against `target`; never throws for a bad answer, reports it. */
export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const { schema, seeds } = await readTarget(target);
  const { seed, cases, concurrency = 8, maxFailures = 20 } = options;
  if (options.failRate) {
    const response = await fetch(`${target.sentry}/_local/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failRate: options.failRate }),
    });
    if (!response.ok) throw new Error(`could not set faults: ${await response.text()}`);
  }
  const report: FuzzReport = {
    cases: 0,
    entities: 0,
    lists: 0,
    documents: 0,
    envelopes: 0,
    aborted: 0,
    representations: 0,
    identities: {},
    statuses: {},
    codes: {},
    clean: 0,
    failures: [],
  };
  const secrets = [target.tokens.valid, target.tokens.limited];
  let next = 0;
  const worker = async () => {
    while (next < cases && target.alive() && report.failures.length < maxFailures) {
      const index = next;
      next += 1;
      const fuzz = fuzzCase(seed, index, schema, seeds);
      const auth = authorization(fuzz.identity, target, index);
      let result: PostResult | undefined;
      try {
        result = await send(
          target,
          fuzz.http,
          { accept: fuzz.accept, ...(auth === undefined ? {} : { authorization: auth }) },
          fuzz.abortAfterMs,
        );
      } catch (error) {
        report.failures.push({ index, case: fuzz, problems: [`request failed: ${String(error)}`] });
        continue;
      }
      report.cases += 1;
      tally(report, fuzz);
      if (!result) report.aborted += 1;
      else {
        count(report.statuses, String(result.status));
        const errors = (result.body as { errors?: { extensions?: { code?: unknown } }[] })?.errors;
        if (!errors?.length) report.clean += 1;
        for (const error of errors ?? []) count(report.codes, String(error.extensions?.code));
        const problems = checkAnswer(result, secrets);
        if (problems.length > 0) report.failures.push({ index, case: fuzz, problems });
      }
      if (options.onProgress && report.cases % (options.progressEvery ?? 1000) === 0) {
        options.onProgress(report.cases);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // Unhandled rejections surface a tick or a timer later: give them the time to kill the child.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  if (!target.alive()) {
    report.processProblem = `the gateway process exited (code ${target.child.exitCode}, signal ${target.child.signalCode}):\n${target.output().slice(-4000)}`;
  } else if (target.output() !== '') {
    report.processProblem = `the gateway process printed:\n${target.output().slice(0, 4000)}`;
  }
  return report;
}

function count(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Counts a case by kind and identity. */
function tally(report: FuzzReport, fuzz: FuzzCase): void {
  count(report.identities, fuzz.identity);
  if (fuzz.kind === 'entities' && fuzz.request) {
    report.entities += 1;
    const lists = representationLists(fuzz.request);
    report.lists += lists.length;
    report.representations += lists.reduce((sum, list) => sum + list.length, 0);
  } else if (fuzz.kind === 'document') report.documents += 1;
  else report.envelopes += 1;
}

/** One line per count, for logs. */
export function summarise(report: FuzzReport): string {
  const pairs = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
  return [
    `fuzz: ${report.cases} cases (${report.entities} _entities requests: ${report.lists} lists, ${report.representations} representations; ${report.documents} documents, ${report.envelopes} odd HTTP requests; ${report.aborted} hung up on by the client), ${report.clean} without errors`,
    `  identities: ${pairs(report.identities)}`,
    `  HTTP: ${pairs(report.statuses)}`,
    `  codes: ${pairs(report.codes)}`,
    `  failures: ${report.failures.length}${report.processProblem ? `; process: ${report.processProblem.split('\n')[0]}` : ''}`,
  ].join('\n');
}

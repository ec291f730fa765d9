import { DOCUMENTED_CODES } from '../../scripts/soak/check.ts';
import { type FuzzCase, fuzzCase } from './fuzz.ts';
import { representationLists } from './fuzz-documents.ts';
import { authorization, type PostResult, readTarget, send } from './fuzz-requests.ts';
import type { FuzzTarget } from './fuzz-target.ts';

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

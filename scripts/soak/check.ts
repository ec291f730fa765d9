/**
 * What the soak checks in every response and counts over a run, shared by `npm run soak` and
 * the soak tests: outcome (clean, partial, failed), HTTP 5xx, errors without a documented
 * `extensions.code`, `userErrors`, and the writes the embedded server saw against the writes
 * the soak's mutations send (each exactly once: writes are never retried).
 */
import type { SoakOperation, WriteExpectation } from './mix.ts';

/** Every `extensions.code` the README's error table documents. */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'UPSTREAM_ERROR',
  'QUERY_TOO_EXPENSIVE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'REQUEST_ENTITY_TOO_LARGE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_MISMATCH',
  'PERSISTED_QUERY_REQUIRED',
]);

/** An HTTP response of the gateway: its status and its body (parsed JSON, else the text). */
export interface GatewayResponse {
  status: number;
  body: unknown;
}

export interface ResponseError {
  message?: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export type Outcome = 'clean' | 'partial' | 'failed';

export interface Classified {
  outcome: Outcome;
  /** `extensions.code` of every error, in order (`(none)` when absent). */
  codes: string[];
  /** Errors whose code is missing or not in the README's table. */
  untyped: ResponseError[];
  /** `userErrors` entries anywhere in `data`. */
  userErrors: number;
  /** Whether `data` holds any data (see `hasNonNullLeaf`). */
  hasData: boolean;
}

function asErrors(body: unknown): ResponseError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as ResponseError[]) : [];
}

/**
 * True when `value` holds data: a non-null leaf other than `__typename`, or an empty list (an
 * answer too); `userErrors` do not count.
 */
export function hasNonNullLeaf(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length === 0 || value.some(hasNonNullLeaf);
  if (typeof value === 'object') {
    return Object.entries(value).some(
      ([key, child]) => key !== '__typename' && key !== 'userErrors' && hasNonNullLeaf(child),
    );
  }
  return true;
}

function countUserErrors(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + countUserErrors(item), 0);
  let count = 0;
  for (const [key, child] of Object.entries(value)) {
    count += key === 'userErrors' && Array.isArray(child) ? child.length : countUserErrors(child);
  }
  return count;
}

/**
 * Sorts one response: `clean` (HTTP 200, no errors, no userErrors), `partial` (errors beside
 * some data) or `failed` (anything else).
 */
export function classify(response: GatewayResponse): Classified {
  const errors = asErrors(response.body);
  const data = (response.body as { data?: unknown } | null)?.data;
  const codes = errors.map((error) => {
    const code = error.extensions?.['code'];
    return typeof code === 'string' ? code : '(none)';
  });
  const untyped = errors.filter((_, index) => !DOCUMENTED_CODES.has(codes[index] ?? ''));
  const userErrors = countUserErrors(data);
  const hasData = hasNonNullLeaf(data);
  const isJson = typeof response.body === 'object' && response.body !== null;
  let outcome: Outcome = 'failed';
  if (response.status === 200 && isJson && errors.length === 0 && userErrors === 0 && hasData) {
    outcome = 'clean';
  } else if (response.status === 200 && errors.length > 0 && hasData) {
    outcome = 'partial';
  }
  // A body that is not GraphQL's JSON at all is an error without a code.
  if (!isJson) untyped.push({ message: `HTTP ${response.status}: not a JSON body` });
  return { outcome, codes, untyped, userErrors, hasData };
}

/** Counts over a run. */
export class SoakTally {
  operations = 0;
  clean = 0;
  partial = 0;
  failed = 0;
  http5xx = 0;
  untyped = 0;
  userErrors = 0;
  readonly codes: Record<string, number> = {};
  /** The first few errors without a documented code, for the report. */
  readonly untypedSamples: string[] = [];
  /** The first few 5xx responses, for the report. */
  readonly http5xxSamples: string[] = [];
  /** Outcomes of queries and of mutations apart (reads are retried, writes never). */
  readonly byKind: Record<'query' | 'mutation', Record<Outcome, number>> = {
    query: { clean: 0, partial: 0, failed: 0 },
    mutation: { clean: 0, partial: 0, failed: 0 },
  };
  /** Mutations sent, per write route they send. */
  readonly writesSent = new Map<string, { count: number; exact: boolean }>();

  add(
    operation: Pick<SoakOperation, 'name' | 'write'> & Partial<Pick<SoakOperation, 'kind'>>,
    response: GatewayResponse,
  ): Classified {
    const result = classify(response);
    this.operations += 1;
    this[result.outcome] += 1;
    if (operation.kind) this.byKind[operation.kind][result.outcome] += 1;
    if (response.status >= 500) {
      this.http5xx += 1;
      if (this.http5xxSamples.length < 5) {
        this.http5xxSamples.push(
          `${operation.name}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
        );
      }
    }
    this.untyped += result.untyped.length;
    for (const error of result.untyped) {
      if (this.untypedSamples.length >= 5) break;
      this.untypedSamples.push(
        `${operation.name}: ${JSON.stringify(error.extensions?.['code'] ?? null)} ${error.message ?? ''} at ${JSON.stringify(error.path ?? [])}`,
      );
    }
    this.userErrors += result.userErrors;
    for (const code of result.codes) this.codes[code] = (this.codes[code] ?? 0) + 1;
    if (operation.write) this.countWrite(operation.write);
    return result;
  }

  countWrite(write: WriteExpectation): void {
    const sent = this.writesSent.get(write.route) ?? { count: 0, exact: write.exact };
    sent.count += 1;
    this.writesSent.set(write.route, sent);
  }
}

export interface WriteRow {
  route: string;
  /** Mutations sent that send this write. */
  sent: number;
  /** Requests of this route the embedded server saw. */
  seen: number;
  /** `exact`: seen must equal sent; `at most`: seen ≤ sent; `none`: no mutation sends it. */
  rule: 'exact' | 'at most' | 'none';
  ok: boolean;
}

const isWrite = (route: string) => !/^(GET|HEAD|OPTIONS) /.test(route);

/**
 * Compares the writes the server saw (`/_local/stats` `byRoute`) with the mutations sent: a
 * write that every mutation sends must have been seen exactly once per mutation, one sent only
 * after a successful read at most once per mutation, and no other write route at all.
 */
export function checkWrites(
  sent: ReadonlyMap<string, { count: number; exact: boolean }>,
  byRoute: Readonly<Record<string, number>>,
): WriteRow[] {
  const routes = new Set([...sent.keys(), ...Object.keys(byRoute).filter(isWrite)]);
  return [...routes].sort().map((route) => {
    const expected = sent.get(route);
    const seen = byRoute[route] ?? 0;
    if (!expected) return { route, sent: 0, seen, rule: 'none', ok: seen === 0 };
    const rule = expected.exact ? 'exact' : 'at most';
    const ok = expected.exact ? seen === expected.count : seen <= expected.count;
    return { route, sent: expected.count, seen, rule, ok };
  });
}

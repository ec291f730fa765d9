/**
 * The mixed-token soak: tokens with different scopes and organizations (and an invalid one,
 * and none at all) sending the same operations through one gateway. What each may do and see
 * follows from its spec and the seeded data; `checkTokenResponse` holds every response to it,
 * and `storeProblems` checks afterwards that only the tokens that may write wrote.
 */
import { classify, type GatewayResponse } from './check.ts';
import type { MutationTarget, SeededData, SoakOperation } from './mix.ts';
import { findLeaks, type Hidden, hiddenFrom, mentioned } from './visibility.ts';

export interface SoakToken {
  /** Short name; also tags the objects its mutations change (see `buildOperations`). */
  label: string;
  /** Bearer token sent; `null` sends no `Authorization` header. */
  token: string | null;
  /** `--token` spec the embedded server is started with; absent: the server does not know it. */
  spec?: string;
  /** Organizations it may use: absent, every one; `[]`, none. */
  organizations?: readonly string[];
  /** Whether it holds the scopes the soak's mutations need. */
  writes: boolean;
}

/** Read scopes only: every read of the soak, no write. */
const READ_SCOPES = 'org:read,project:read,team:read,member:read,event:read';

export const MIXED_TOKENS: readonly SoakToken[] = [
  { label: 'admin', token: 'soak-admin', spec: 'soak-admin', writes: true },
  { label: 'reader', token: 'soak-reader', spec: `soak-reader:${READ_SCOPES}`, writes: false },
  {
    label: 'acme-only',
    token: 'soak-acme-only',
    spec: 'soak-acme-only@acme',
    organizations: ['acme'],
    writes: true,
  },
  {
    label: 'globex-only',
    token: 'soak-globex-only',
    spec: 'soak-globex-only@globex',
    organizations: ['globex'],
    writes: true,
  },
  { label: 'invalid', token: 'soak-invalid-token', organizations: [], writes: false },
  { label: 'anonymous', token: null, organizations: [], writes: false },
];

/** The specs to start the embedded server with: every token it should know. */
export const tokenSpecs = (tokens: readonly SoakToken[]): string[] =>
  tokens.flatMap((token) => (token.spec === undefined ? [] : [token.spec]));

const canUse = (token: SoakToken, org: string) =>
  token.organizations === undefined || token.organizations.includes(org);

/** What a response must be: clean, or refused with only these codes and no data. */
export type Expected = { allowed: true } | { allowed: false; codes: readonly string[] };

export function expectedFor(token: SoakToken, operation: SoakOperation): Expected {
  if (token.spec === undefined) return { allowed: false, codes: ['UNAUTHENTICATED'] };
  // Sentry answers 403 for an organization the token may not use (404 is allowed too).
  if (!canUse(token, operation.org)) return { allowed: false, codes: ['FORBIDDEN', 'NOT_FOUND'] };
  if (operation.kind === 'mutation' && !token.writes) {
    return { allowed: false, codes: ['FORBIDDEN'] };
  }
  return { allowed: true };
}

/** Operations that name no organization (the organization switcher lists the caller's own). */
const ORGANIZATION_FREE = new Set(['OrgSwitcher']);

/** What a token may not see, per token label, for `checkTokenResponse`. */
export function hiddenByToken(
  data: SeededData,
  tokens: readonly SoakToken[],
  operations: readonly SoakOperation[],
): Map<string, Hidden> {
  // The releases the soak creates are identifiers of their organization too.
  const extra: Record<string, string[]> = {};
  for (const operation of operations) {
    if (operation.target?.kind === 'release') {
      extra[operation.org] = [...(extra[operation.org] ?? []), operation.target.version];
    }
  }
  return new Map(
    tokens.map((token) => [token.label, hiddenFrom(data, token.organizations, extra)]),
  );
}

/**
 * Everything wrong with one response of `token` to `operation`: not HTTP 200, an error without
 * a documented code, an outcome other than the one expected, data beside a refusal, or any
 * identifier of an organization the token may not use.
 */
export function checkTokenResponse(
  token: SoakToken,
  operation: SoakOperation,
  response: GatewayResponse,
  hidden: Hidden,
): string[] {
  const problems: string[] = [];
  const result = classify(response);
  if (response.status !== 200) problems.push(`HTTP ${response.status}`);
  if (result.untyped.length > 0) problems.push(`untyped error: ${JSON.stringify(result.untyped)}`);
  let expected = expectedFor(token, operation);
  if (ORGANIZATION_FREE.has(operation.name) && token.spec !== undefined) {
    expected = { allowed: true };
  }
  if (expected.allowed) {
    if (result.outcome !== 'clean') {
      problems.push(`expected a clean answer, got ${result.outcome} ${result.codes.join(',')}`);
    }
  } else {
    const stray = result.codes.filter((code) => !expected.codes.includes(code));
    if (result.codes.length === 0 || stray.length > 0) {
      problems.push(`expected only ${expected.codes.join('/')}, got [${result.codes.join(',')}]`);
    }
    if (result.hasData) problems.push('data beside a refusal');
    if (result.userErrors > 0) problems.push('userErrors instead of a refusal');
  }
  const leaks = findLeaks(
    response.body,
    hidden,
    mentioned(operation.document, operation.variables),
  );
  if (leaks.length > 0) problems.push(`shows what it may not see: ${leaks.slice(0, 5).join(', ')}`);
  return problems.map(
    (problem) => `${token.label} ${operation.name} (${operation.org}): ${problem}`,
  );
}

/** The fields of an issue that the soak's mutations change. */
function issueState(data: SeededData, org: string, issueId: string): string {
  const issue = data.organizations.get(org)?.issues.find((i) => i.wire.id === issueId);
  if (!issue) return 'missing';
  const { status, substatus, priority, assignedTo, isBookmarked } = issue.wire as unknown as Record<
    string,
    unknown
  >;
  return JSON.stringify({ status, substatus, priority, assignedTo, isBookmarked });
}

/** The state of every object a mutation of `operations` may change, to compare afterwards. */
export function snapshotTargets(
  data: SeededData,
  operations: readonly SoakOperation[],
): Map<string, string> {
  const snapshot = new Map<string, string>();
  for (const operation of operations) {
    if (operation.target?.kind !== 'issue') continue;
    for (const id of operation.target.issueIds) {
      snapshot.set(`${operation.org}/${id}`, issueState(data, operation.org, id));
    }
  }
  return snapshot;
}

/** Whether the store shows the change `target` stands for (an issue: changed since `before`). */
function written(
  data: SeededData,
  org: string,
  target: MutationTarget,
  before: ReadonlyMap<string, string>,
): boolean {
  const orgData = data.organizations.get(org);
  switch (target.kind) {
    case 'release':
      return orgData?.releasesByVersion.has(target.version) ?? false;
    case 'deploy':
      return (
        orgData?.releasesByVersion
          .get(target.version)
          ?.deploys.some((deploy) => deploy.environment === target.environment) ?? false
      );
    case 'issue':
      return target.issueIds.some((id) => issueState(data, org, id) !== before.get(`${org}/${id}`));
  }
}

/**
 * After a run: each mutation a token was allowed to make left its mark in the store, and none
 * of the refused ones did (the issues it aimed at are as they were, its release and deploy do
 * not exist). `sent` pairs each token with the operations it sent.
 */
export function storeProblems(
  data: SeededData,
  sent: readonly { token: SoakToken; operation: SoakOperation }[],
  before: ReadonlyMap<string, string>,
): string[] {
  const problems = new Set<string>();
  for (const { token, operation } of sent) {
    if (!operation.target) continue;
    const allowed = expectedFor(token, operation).allowed;
    if (written(data, operation.org, operation.target, before) !== allowed) {
      problems.add(
        `${token.label} ${operation.name} (${operation.org}): ${allowed ? 'not written' : 'written although refused'}`,
      );
    }
  }
  return [...problems];
}

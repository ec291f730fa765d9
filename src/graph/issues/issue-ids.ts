/**
 * Issue ids in mutation input: one `Issue` id, or the list of a bulk mutation.
 *
 * Bulk changes follow SENTRY-API.md 2.6: Sentry's bulk endpoints change *every* issue matching
 * the default query when the id list is empty, and newer Sentry does the same when none of the
 * ids is in scope. So a bulk mutation refuses an empty list before any call, checks that every
 * id exists with one `group=` read, sends `project=-1` with the ids, and reads the issues back
 * (lazily, through the cleared loader) instead of returning Sentry's change set.
 */
import type { Context } from '../../context.ts';
import { type IssueKey, issueKey, splitKey } from '../../loaders/keys.ts';
import { SentryNotFoundError } from '../../sentry/http/errors.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import type { InputFields } from '../schema-kit/mutations/payloads.ts';
import { type FieldPath, readIdOf, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Issue, type IssueShape, refreshIssue } from './issue.ts';

/** Most issues one bulk mutation takes: one `group=` read and one URL must hold them all. */
export const MAX_BULK_ISSUES = 100;

/** The `ids` input of a bulk mutation. */
export function issueIdsField(t: InputFields, verb: string, min: number, scope: string) {
  return t.idList({
    description: `The \`Issue\`s to ${verb}: ${min} to ${MAX_BULK_ISSUES}, of one ${scope}.`,
  });
}

export const parseIssueKey = (id: string): IssueKey => issueKey(...splitKey(id));

/** The `Issue` named by the global id at `input.id`. */
export function readIssueId(errors: UserErrors, id: string): IssueKey | undefined {
  return readIdOf(errors, ['input', 'id'], id, 'Issue', parseIssueKey);
}

/** The issues of one bulk mutation: one organization, unique keys, with the input path of each. */
export interface IssueIdList {
  org: string;
  keys: IssueKey[];
  pathOf: Map<IssueKey, FieldPath>;
}

export function readIssueIds(
  errors: UserErrors,
  ids: readonly string[],
  { min, field = 'ids' }: { min: number; field?: string },
): IssueIdList | undefined {
  const base = ['input', field];
  if (ids.length === 0) {
    errors.add(
      'EMPTY_LIST',
      'Name at least one issue: Sentry would change every issue otherwise.',
      base,
    );
    return undefined;
  }
  const keys: IssueKey[] = [];
  const pathOf = new Map<IssueKey, FieldPath>();
  ids.forEach((id, index) => {
    const key = readIdOf(errors, [...base, index], id, 'Issue', parseIssueKey);
    if (key && !pathOf.has(key)) {
      keys.push(key);
      pathOf.set(key, [...base, index]);
    }
  });
  if (errors.any) return undefined;
  if (keys.length < min) {
    errors.add('TOO_FEW', `Name at least ${min} different issues.`, base);
    return undefined;
  }
  if (keys.length > MAX_BULK_ISSUES) {
    errors.add('TOO_MANY', `At most ${MAX_BULK_ISSUES} issues per mutation.`, base);
    return undefined;
  }
  const orgs = new Set(keys.map((key) => splitKey(key)[0]));
  const [org] = orgs;
  if (org === undefined || orgs.size > 1) {
    errors.add('WRONG_ORGANIZATION', 'All issues must belong to one organization.', base);
    return undefined;
  }
  return { org, keys, pathOf };
}

/**
 * Checks that every issue exists with one `group=` read (through the loader, which it primes).
 * Misses become NOT_FOUND user errors; upstream failures are thrown.
 */
export async function existingIssues(
  context: Context,
  errors: UserErrors,
  list: IssueIdList,
): Promise<IssueShape[]> {
  const results = await Issue.getDataloader(context).loadMany(list.keys);
  const issues: IssueShape[] = [];
  results.forEach((result, index) => {
    const key = list.keys[index] as IssueKey;
    if (!(result instanceof Error)) issues.push(result as IssueShape);
    else if (result instanceof SentryNotFoundError) {
      errors.add(
        'NOT_FOUND',
        'Sentry has no such issue (or the token cannot see it).',
        list.pathOf.get(key),
      );
    } else throw result;
  });
  return issues;
}

/** After a write: this request's loaders must not serve the old state. */
export function forgetIssues(context: Context, keys: readonly IssueKey[]): void {
  for (const key of keys) refreshIssue(context, key);
}

export const issueGlobalId = (key: IssueKey) => encodeGlobalId('Issue', key);

export const idOf = (key: IssueKey): string => splitKey(key)[1];

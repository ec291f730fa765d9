/**
 * Issue triage: update, delete and merge issues, one at a time or in bulk.
 *
 * Bulk changes follow SENTRY-API.md 2.6: Sentry's bulk endpoints change *every* issue matching
 * the default query when the id list is empty, and newer Sentry does the same when none of the
 * ids is in scope. So a bulk mutation refuses an empty list before any call, checks that every
 * id exists with one `group=` read, sends `project=-1` with the ids, and reads the issues back
 * (lazily, through the cleared loader) instead of returning Sentry's change set.
 */
import type { Context } from '../../context.ts';
import { type IssueKey, issueKey, splitKey, teamKey, userKey } from '../../loaders/keys.ts';
import { SentryNotFoundError } from '../../sentry/http/errors.ts';
import type { SentryIssueUpdate } from '../../sentry/types.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../global-id.ts';
import { Issue, type IssueShape, refreshIssue } from '../issue.ts';
import { IssuePriority } from '../issue-priority.ts';
import { IssueSubstatus } from '../issue-substatus.ts';
import { checkVersionValue } from './input-checks.ts';
import {
  attempt,
  type BuilderTypes,
  type FieldPath,
  readId,
  readIdOf,
  type UserErrorShape,
  UserErrors,
  userErrorsField,
} from './user-errors.ts';

type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** Most issues one bulk mutation takes: one `group=` read and one URL must hold them all. */
export const MAX_BULK_ISSUES = 100;
/** Sentry's longest ignore window (`StatusDetailsValidator`: one week, in minutes). */
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

const parseIssueKey = (id: string): IssueKey => issueKey(...splitKey(id));

export const IssueStatusChange = builder.enumType('IssueStatusChange', {
  description: 'A status to set on an issue.',
  values: {
    RESOLVED: {
      value: 'resolved',
      description:
        'Fixed. With `statusDetails.inRelease` or `inCommit`: fixed in that release or commit, so events of older releases do not reopen it.',
    },
    RESOLVED_IN_NEXT_RELEASE: {
      value: 'resolvedInNextRelease',
      description: 'Fixed in the next release of its project; reopens if seen in a later one.',
    },
    UNRESOLVED: { value: 'unresolved', description: 'Open (again).' },
    IGNORED: {
      value: 'ignored',
      description:
        'Archived: until it escalates, forever (`substatus: ARCHIVED_FOREVER`), or until a `statusDetails.ignore*` condition is met.',
    },
  } as const,
});

const IssueCommitInput = builder.inputType('IssueCommitInput', {
  description: 'A commit of a repository Sentry knows.',
  fields: (t) => ({
    commit: t.string({ description: 'The commit hash.' }),
    repository: t.string({ description: 'Repository name as Sentry shows it, e.g. "acme/api".' }),
  }),
});

const IssueStatusDetailsInput = builder.inputType('IssueStatusDetailsInput', {
  description:
    'Details of a status change. `inRelease` and `inCommit` go with RESOLVED; the `ignore*` fields with IGNORED.',
  fields: (t) => ({
    inRelease: t.string({
      required: false,
      description: 'RESOLVED in this release version, or "latest" for the newest release.',
    }),
    inCommit: t.field({
      type: IssueCommitInput,
      required: false,
      description: 'RESOLVED in this commit.',
    }),
    ignoreDuration: t.int({
      required: false,
      description: 'IGNORED for this many minutes.',
    }),
    ignoreCount: t.int({
      required: false,
      description: 'IGNORED until this many more events occur (within `ignoreWindow`).',
    }),
    ignoreWindow: t.int({
      required: false,
      description: 'Minutes (at most one week) in which `ignoreCount` events must occur.',
    }),
    ignoreUserCount: t.int({
      required: false,
      description: 'IGNORED until this many more users are affected (within `ignoreUserWindow`).',
    }),
    ignoreUserWindow: t.int({
      required: false,
      description: 'Minutes (at most one week) in which `ignoreUserCount` users must be affected.',
    }),
  }),
});

/** The change fields shared by `updateIssue` and `updateIssues`. */
const issueChangeFields = (t: InputFields) => ({
  status: t.field({
    type: IssueStatusChange,
    required: false,
    description: 'The new status; see `statusDetails` and `substatus` for its details.',
  }),
  statusDetails: t.field({
    type: IssueStatusDetailsInput,
    required: false,
    description: 'Needs `status`: RESOLVED for `inRelease`/`inCommit`, IGNORED for `ignore*`.',
  }),
  substatus: t.field({
    type: IssueSubstatus,
    required: false,
    description:
      'Needs `status`: NEW, ONGOING, ESCALATING or REGRESSED with UNRESOLVED; ARCHIVED_* with IGNORED.',
  }),
  priority: t.field({
    type: IssuePriority,
    required: false,
    description: 'Sets the priority; Sentry stops adjusting it automatically.',
  }),
  assignedTo: t.id({
    required: false,
    description: 'A `User` or `Team` id of the same organization; `null` unassigns.',
  }),
  assignedToEmail: t.string({
    required: false,
    description: "Assign by a member's email or username instead of `assignedTo` (not both).",
  }),
  hasSeen: t.boolean({ required: false, description: "Mark it seen by the token's user." }),
  isBookmarked: t.boolean({ required: false, description: "For the token's user." }),
  isSubscribed: t.boolean({
    required: false,
    description: "Subscribe the token's user to its workflow notifications.",
  }),
  isPublic: t.boolean({ required: false, description: 'Share it with a public link.' }),
});

type StatusChange = (typeof IssueStatusChange)['$inferType'];
type Substatus = (typeof IssueSubstatus)['$inferType'];

interface IssueChanges {
  status?: StatusChange | null | undefined;
  statusDetails?:
    | {
        inRelease?: string | null | undefined;
        inCommit?: { commit: string; repository: string } | null | undefined;
        ignoreDuration?: number | null | undefined;
        ignoreCount?: number | null | undefined;
        ignoreWindow?: number | null | undefined;
        ignoreUserCount?: number | null | undefined;
        ignoreUserWindow?: number | null | undefined;
      }
    | null
    | undefined;
  substatus?: Substatus | null | undefined;
  priority?: (typeof IssuePriority)['$inferType'] | null | undefined;
  assignedTo?: string | null | undefined;
  assignedToEmail?: string | null | undefined;
  hasSeen?: boolean | null | undefined;
  isBookmarked?: boolean | null | undefined;
  isSubscribed?: boolean | null | undefined;
  isPublic?: boolean | null | undefined;
}

const UNRESOLVED_SUBSTATUSES: readonly Substatus[] = ['new', 'ongoing', 'escalating', 'regressed'];
const IGNORE_CONDITIONS = ['ignoreDuration', 'ignoreCount', 'ignoreUserCount'] as const;

/**
 * Validates the change fields and builds Sentry's PUT body, adding a user error for anything
 * Sentry would refuse or silently drop. `org` is the issues' organization (for the assignee).
 */
function issueUpdateBody(
  errors: UserErrors,
  org: string | undefined,
  input: IssueChanges,
): SentryIssueUpdate {
  const body: SentryIssueUpdate = {};
  const status = input.status ?? undefined;
  if (status) body.status = status;
  const details = input.statusDetails ?? undefined;
  if (details) {
    const statusDetails = statusDetailsBody(errors, status, details);
    if (statusDetails && Object.keys(statusDetails).length > 0) body.statusDetails = statusDetails;
  }
  if (input.substatus != null) {
    const substatus = input.substatus;
    const path = ['input', 'substatus'];
    if (!status) {
      errors.add('CONFLICTING_FIELDS', '`substatus` needs a `status` to go with.', path);
    } else if (status === 'ignored') {
      const conditional = IGNORE_CONDITIONS.some((name) => details?.[name] != null);
      if (!substatus.startsWith('archived_')) {
        errors.add('CONFLICTING_FIELDS', 'IGNORED takes an ARCHIVED_* substatus.', path);
      } else if (conditional !== (substatus === 'archived_until_condition_met')) {
        errors.add(
          'CONFLICTING_FIELDS',
          conditional
            ? 'An `ignore*` condition goes with ARCHIVED_UNTIL_CONDITION_MET.'
            : 'ARCHIVED_UNTIL_CONDITION_MET needs an `ignore*` condition in `statusDetails`.',
          path,
        );
      }
    } else if (status === 'unresolved') {
      if (!UNRESOLVED_SUBSTATUSES.includes(substatus)) {
        errors.add(
          'CONFLICTING_FIELDS',
          'UNRESOLVED takes NEW, ONGOING, ESCALATING or REGRESSED.',
          path,
        );
      }
    } else {
      errors.add('CONFLICTING_FIELDS', 'A resolved issue has no substatus.', path);
    }
    body.substatus = substatus;
  }
  if (input.priority != null) body.priority = input.priority;
  const assignee = assigneeBody(errors, org, input);
  if (assignee !== undefined) body.assignedTo = assignee;
  for (const flag of ['hasSeen', 'isBookmarked', 'isSubscribed', 'isPublic'] as const) {
    const value = input[flag];
    if (value != null) body[flag] = value;
  }
  if (Object.keys(body).length === 0 && !errors.any) {
    errors.add('NOTHING_TO_CHANGE', 'Name at least one change: `status`, `priority`, ….');
  }
  return body;
}

function statusDetailsBody(
  errors: UserErrors,
  status: StatusChange | undefined,
  details: NonNullable<IssueChanges['statusDetails']>,
): SentryIssueUpdate['statusDetails'] {
  const base = ['input', 'statusDetails'];
  const set = (Object.keys(details) as (keyof typeof details)[]).filter(
    (name) => details[name] != null,
  );
  if (!status) {
    errors.add(
      'CONFLICTING_FIELDS',
      '`statusDetails` needs a `status`: RESOLVED for `inRelease`/`inCommit`, IGNORED for `ignore*`.',
      base,
    );
    return undefined;
  }
  const needs = (name: string) =>
    name === 'inRelease' || name === 'inCommit' ? 'resolved' : 'ignored';
  const misplaced = set.filter((name) => needs(name) !== status);
  for (const name of misplaced) {
    errors.add(
      'CONFLICTING_FIELDS',
      `\`statusDetails.${name}\` goes with status ${needs(name) === 'resolved' ? 'RESOLVED' : 'IGNORED'}.`,
      [...base, name],
    );
  }
  if (misplaced.length > 0) return undefined;
  if (details.inRelease != null && details.inCommit != null) {
    errors.add('CONFLICTING_FIELDS', 'Pass `inRelease` or `inCommit`, not both.', base);
  }
  const out: NonNullable<SentryIssueUpdate['statusDetails']> = {};
  if (details.inRelease != null) {
    const version = details.inRelease;
    if (version !== 'latest') checkVersionValue(errors, [...base, 'inRelease'], version);
    out.inRelease = version;
  }
  if (details.inCommit != null) {
    const { commit, repository } = details.inCommit;
    if (!/^[0-9A-Za-z._-]{1,64}$/.test(commit)) {
      errors.add('INVALID_VALUE', 'Not a commit hash.', [...base, 'inCommit', 'commit']);
    }
    if (repository.trim() === '' || repository.length > 200) {
      errors.add('INVALID_VALUE', 'Name the repository.', [...base, 'inCommit', 'repository']);
    }
    out.inCommit = { commit, repository };
  }
  const positive = (
    name:
      | 'ignoreDuration'
      | 'ignoreCount'
      | 'ignoreWindow'
      | 'ignoreUserCount'
      | 'ignoreUserWindow',
    max?: number,
  ) => {
    const value = details[name];
    if (value == null) return;
    if (value < 1 || (max !== undefined && value > max)) {
      const range = max === undefined ? 'at least 1' : `between 1 and ${max} minutes`;
      errors.add('INVALID_VALUE', `\`${name}\` must be ${range}.`, [...base, name]);
    }
    out[name] = value;
  };
  positive('ignoreDuration');
  positive('ignoreCount');
  positive('ignoreWindow', MAX_WINDOW_MINUTES);
  positive('ignoreUserCount');
  positive('ignoreUserWindow', MAX_WINDOW_MINUTES);
  if (details.ignoreWindow != null && details.ignoreCount == null) {
    errors.add('CONFLICTING_FIELDS', '`ignoreWindow` needs `ignoreCount`.', [
      ...base,
      'ignoreWindow',
    ]);
  }
  if (details.ignoreUserWindow != null && details.ignoreUserCount == null) {
    errors.add('CONFLICTING_FIELDS', '`ignoreUserWindow` needs `ignoreUserCount`.', [
      ...base,
      'ignoreUserWindow',
    ]);
  }
  return out;
}

/** `user:<id>` / `team:<id>` / an email, `null` to unassign, `undefined` to leave it. */
function assigneeBody(
  errors: UserErrors,
  org: string | undefined,
  input: IssueChanges,
): string | null | undefined {
  const byId = input.assignedTo;
  const byEmail = input.assignedToEmail;
  if (byId !== undefined && byEmail !== undefined) {
    errors.add('CONFLICTING_FIELDS', 'Pass `assignedTo` or `assignedToEmail`, not both.', [
      'input',
      'assignedToEmail',
    ]);
    return undefined;
  }
  if (byEmail !== undefined) {
    if (byEmail === null) return null;
    const email = byEmail.trim();
    if (email === '' || email.length > 200 || /\s/.test(email)) {
      errors.add('INVALID_VALUE', 'Not an email or username.', ['input', 'assignedToEmail']);
    }
    return email;
  }
  if (byId === undefined) return undefined;
  if (byId === null) return null;
  const path = ['input', 'assignedTo'];
  const actor = readId(errors, path, byId, {
    User: (id) => userKey(...splitKey(id)),
    Team: (id) => teamKey(...splitKey(id)),
  });
  if (!actor) return undefined;
  const [actorOrg, actorId] = splitKey(actor.key);
  if (org !== undefined && actorOrg !== org) {
    errors.add(
      'WRONG_ORGANIZATION',
      `The ${actor.typename.toLowerCase()} belongs to organization "${actorOrg}", the issue to "${org}".`,
      path,
    );
    return undefined;
  }
  return `${actor.typename === 'Team' ? 'team' : 'user'}:${actorId}`;
}

/** Sentry field-error names → input paths, for 400 answers to an issue PUT. */
function issueFieldPaths(input: IssueChanges): Record<string, FieldPath> {
  return {
    assignedTo: ['input', input.assignedToEmail !== undefined ? 'assignedToEmail' : 'assignedTo'],
    statusDetails: ['input', 'statusDetails'],
    inRelease: ['input', 'statusDetails', 'inRelease'],
  };
}

/** The issues of one bulk mutation: one organization, unique keys, with the input path of each. */
interface IssueIdList {
  org: string;
  keys: IssueKey[];
  pathOf: Map<IssueKey, FieldPath>;
}

function readIssueIds(
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
async function existingIssues(
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
function forgetIssues(context: Context, keys: readonly IssueKey[]): void {
  for (const key of keys) refreshIssue(context, key);
}

const issueGlobalId = (key: IssueKey) => encodeGlobalId('Issue', key);

const ISSUE_SCOPES = { authenticated: true } as const;

builder.relayMutationField(
  'updateIssue',
  {
    description: 'Changes to one issue.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Issue` to change.' }),
      ...issueChangeFields(t),
    }),
  },
  {
    description:
      'Changes one issue: status (with its details), substatus, priority, assignee and flags. One REST call: `PUT /organizations/{org}/issues/{id}/`, which answers with the updated issue.',
    nullable: true,
    authScopes: ISSUE_SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'id'], input.id, 'Issue', parseIssueKey);
      const [org, issueId] = key ? splitKey(key) : [undefined, undefined];
      const body = issueUpdateBody(errors, org, input);
      if (errors.any || !key || !org || !issueId) return { issue: null, userErrors: errors.list };
      const issue = await attempt(
        errors,
        { target: ['input', 'id'], what: 'issue', fields: issueFieldPaths(input) },
        () => context.sentry.issues.update(org, issueId, body),
      ).finally(() => refreshIssue(context, key));
      if (issue) refreshIssue(context, key, issue);
      return { issue: issue ?? null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `updateIssue`.',
    outputFields: (t) => ({
      issue: t.field({
        type: Issue,
        nullable: true,
        description: 'The issue as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.issue,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

interface BulkIssuesPayload {
  keys: IssueKey[] | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'updateIssues',
  {
    description: 'The same changes to several issues of one organization.',
    inputFields: (t) => ({
      ids: t.idList({
        description: `The \`Issue\`s to change: 1 to ${MAX_BULK_ISSUES}, of one organization.`,
      }),
      ...issueChangeFields(t),
    }),
  },
  {
    description:
      "Applies the same changes to several issues. REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist; none is changed otherwise), then `PUT /organizations/{org}/issues/?id=..&project=-1`, then — when `issues` is selected — one more `group=` read, since Sentry's bulk answer is a change set, not the issues.",
    nullable: true,
    authScopes: ISSUE_SCOPES,
    resolve: async (_root, { input }, context): Promise<BulkIssuesPayload> => {
      const errors = new UserErrors();
      const list = readIssueIds(errors, input.ids, { min: 1 });
      const body = issueUpdateBody(errors, list?.org, input);
      if (errors.any || !list) return { keys: null, userErrors: errors.list };
      const issues = await existingIssues(context, errors, list);
      if (errors.any) return { keys: null, userErrors: errors.list };
      if (needsOneProject(body) && new Set(issues.map((issue) => issue.project.id)).size > 1) {
        errors.add(
          'DIFFERENT_PROJECTS',
          'Sentry resolves issues in a release or commit only within one project.',
          ['input', 'ids'],
        );
        return { keys: null, userErrors: errors.list };
      }
      const result = await attempt(
        errors,
        { target: ['input', 'ids'], what: 'issues', fields: issueFieldPaths(input) },
        () => context.sentry.issues.bulkUpdate(list.org, list.keys.map(idOf), body),
      ).finally(() => forgetIssues(context, list.keys));
      if (result === null) {
        errors.add('NOT_FOUND', 'Sentry matched none of the issues.', ['input', 'ids']);
      }
      return { keys: errors.any ? null : list.keys, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `updateIssues`.',
    outputFields: (t) => ({
      issues: t.field({
        type: [Issue],
        nullable: true,
        description:
          'The issues as Sentry now has them, in input order (read back: one call). Null when `userErrors` says why.',
        resolve: (payload) => payload.keys,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

/** Release- and commit-based resolution: Sentry refuses it across projects. */
function needsOneProject(body: SentryIssueUpdate): boolean {
  return (
    body.status === 'resolvedInNextRelease' ||
    body.statusDetails?.inRelease !== undefined ||
    body.statusDetails?.inCommit !== undefined ||
    body.statusDetails?.inNextRelease === true
  );
}

const idOf = (key: IssueKey): string => splitKey(key)[1];

builder.relayMutationField(
  'deleteIssue',
  {
    description: 'The issue to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `Issue` to delete.' }) }),
  },
  {
    description:
      'Deletes one issue and its events. One REST call: `DELETE /organizations/{org}/issues/{id}/`.',
    nullable: true,
    authScopes: ISSUE_SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'id'], input.id, 'Issue', parseIssueKey);
      if (!key) return { deletedIssueId: null, userErrors: errors.list };
      const [org, issueId] = splitKey(key);
      const done = await attempt(errors, { target: ['input', 'id'], what: 'issue' }, async () => {
        await context.sentry.issues.delete(org, issueId);
        return true;
      }).finally(() => forgetIssues(context, [key]));
      return { deletedIssueId: done ? issueGlobalId(key) : null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `deleteIssue`.',
    outputFields: (t) => ({
      deletedIssueId: t.id({
        nullable: true,
        description: 'The id of the deleted issue, for removing it from client caches.',
        resolve: (payload) => payload.deletedIssueId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

builder.relayMutationField(
  'deleteIssues',
  {
    description: 'The issues to delete.',
    inputFields: (t) => ({
      ids: t.idList({
        description: `The \`Issue\`s to delete: 1 to ${MAX_BULK_ISSUES}, of one organization.`,
      }),
    }),
  },
  {
    description:
      'Deletes several issues. REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist; none is deleted otherwise), then `DELETE /organizations/{org}/issues/?id=..&project=-1`.',
    nullable: true,
    authScopes: ISSUE_SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const list = readIssueIds(errors, input.ids, { min: 1 });
      if (!list) return { deletedIssueIds: null, userErrors: errors.list };
      await existingIssues(context, errors, list);
      if (errors.any) return { deletedIssueIds: null, userErrors: errors.list };
      const done = await attempt(errors, { target: ['input', 'ids'], what: 'issues' }, async () => {
        await context.sentry.issues.bulkDelete(list.org, list.keys.map(idOf));
        return true;
      }).finally(() => forgetIssues(context, list.keys));
      return {
        deletedIssueIds: done ? list.keys.map(issueGlobalId) : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `deleteIssues`.',
    outputFields: (t) => ({
      deletedIssueIds: t.idList({
        nullable: true,
        description: 'The ids of the deleted issues, for removing them from client caches.',
        resolve: (payload) => payload.deletedIssueIds,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

interface MergePayload {
  parent: IssueKey | null;
  merged: IssueKey[] | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'mergeIssues',
  {
    description: 'The issues to merge.',
    inputFields: (t) => ({
      ids: t.idList({
        description: `The \`Issue\`s to merge: 2 to ${MAX_BULK_ISSUES}, of one project.`,
      }),
    }),
  },
  {
    description:
      'Merges issues of one project into one (Sentry picks the one that stays). REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist, all in one project), `PUT /organizations/{org}/issues/?id=..&project=-1` with `merge`, then — when `issue` is selected — one `group=` read of the issue that stays.',
    nullable: true,
    authScopes: ISSUE_SCOPES,
    resolve: async (_root, { input }, context): Promise<MergePayload> => {
      const errors = new UserErrors();
      const none = () => ({ parent: null, merged: null, userErrors: errors.list });
      const list = readIssueIds(errors, input.ids, { min: 2 });
      if (!list) return none();
      const issues = await existingIssues(context, errors, list);
      if (errors.any) return none();
      if (new Set(issues.map((issue) => issue.project.id)).size > 1) {
        errors.add('DIFFERENT_PROJECTS', 'Sentry merges issues of one project only.', [
          'input',
          'ids',
        ]);
        return none();
      }
      const result = await attempt(errors, { target: ['input', 'ids'], what: 'issues' }, () =>
        context.sentry.issues.bulkUpdate(list.org, list.keys.map(idOf), { merge: true }),
      ).finally(() => forgetIssues(context, list.keys));
      if (result === undefined) return none();
      const merge = result?.merge;
      // Sentry echoes `merge: true` when fewer than two of the issues were left to merge.
      if (typeof merge !== 'object') {
        errors.add('REJECTED', 'Sentry did not merge the issues.', ['input', 'ids']);
        return none();
      }
      return {
        parent: issueKey(list.org, String(merge.parent)),
        merged: merge.children.map((child) => issueKey(list.org, String(child))),
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `mergeIssues`.',
    outputFields: (t) => ({
      issue: t.field({
        type: Issue,
        nullable: true,
        description: 'The issue the others were merged into (read back: one call).',
        resolve: (payload) => payload.parent,
      }),
      mergedIssueIds: t.idList({
        nullable: true,
        description: 'The ids of the issues merged into `issue`; they no longer exist.',
        resolve: (payload) => payload.merged?.map(issueGlobalId) ?? null,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

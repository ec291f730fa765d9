/**
 * The changes `updateIssue` and `updateIssues` take (status with its details, substatus,
 * priority, assignee, flags) and Sentry's PUT body built from them, refusing as user errors what
 * Sentry would refuse or silently drop.
 */
import { splitKey, teamKey, userKey } from '../../loaders/keys.ts';
import type { SentryIssueUpdate } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { checkVersionValue } from '../schema-kit/mutations/input-checks.ts';
import type { InputFields } from '../schema-kit/mutations/payloads.ts';
import { type FieldPath, readId, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { IssuePriority } from './issue-priority.ts';
import { IssueSubstatus } from './issue-substatus.ts';

/** Sentry's longest ignore window (`StatusDetailsValidator`: one week, in minutes). */
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

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
export const issueChangeFields = (t: InputFields) => ({
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
export function issueUpdateBody(
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
export function issueFieldPaths(input: IssueChanges): Record<string, FieldPath> {
  return {
    assignedTo: ['input', input.assignedToEmail !== undefined ? 'assignedToEmail' : 'assignedTo'],
    statusDetails: ['input', 'statusDetails'],
    inRelease: ['input', 'statusDetails', 'inRelease'],
  };
}

/** Release- and commit-based resolution: Sentry refuses it across projects. */
export function needsOneProject(body: SentryIssueUpdate): boolean {
  return (
    body.status === 'resolvedInNextRelease' ||
    body.statusDetails?.inRelease !== undefined ||
    body.statusDetails?.inCommit !== undefined ||
    body.statusDetails?.inNextRelease === true
  );
}

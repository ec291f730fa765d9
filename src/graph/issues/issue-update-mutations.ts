/** `updateIssue` and `updateIssues`: the same changes to one issue or to several. */
import { type IssueKey, splitKey } from '../../loaders/keys.ts';
import { builder } from '../schema-kit/builder.ts';
import { MUTATION_SCOPES, payload, storedPayload } from '../schema-kit/mutations/payloads.ts';
import { attempt, type UserErrorShape, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Issue, refreshIssue } from './issue.ts';
import {
  issueChangeFields,
  issueFieldPaths,
  issueUpdateBody,
  needsOneProject,
} from './issue-changes.ts';
import {
  existingIssues,
  forgetIssues,
  idOf,
  issueIdsField,
  readIssueId,
  readIssueIds,
} from './issue-ids.ts';

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
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const key = readIssueId(errors, input.id);
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
  storedPayload('updateIssue', 'issue', Issue, 'issue'),
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
      ids: issueIdsField(t, 'change', 1, 'organization'),
      ...issueChangeFields(t),
    }),
  },
  {
    description:
      "Applies the same changes to several issues. REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist; none is changed otherwise), then `PUT /organizations/{org}/issues/?id=..&project=-1`, then — when `issues` is selected — one more `group=` read, since Sentry's bulk answer is a change set, not the issues.",
    nullable: true,
    authScopes: MUTATION_SCOPES,
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
  payload<BulkIssuesPayload>('updateIssues', (t) => ({
    issues: t.field({
      type: [Issue],
      nullable: true,
      description:
        'The issues as Sentry now has them, in input order (read back: one call). Null when `userErrors` says why.',
      resolve: (bulk) => bulk.keys,
    }),
  })),
);

/** `mergeIssues`: issues of one project merged into one. */
import { type IssueKey, issueKey } from '../../loaders/keys.ts';
import { builder } from '../schema-kit/builder.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import { attempt, type UserErrorShape, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Issue } from './issue.ts';
import {
  existingIssues,
  forgetIssues,
  idOf,
  issueGlobalId,
  issueIdsField,
  readIssueIds,
} from './issue-ids.ts';

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
      ids: issueIdsField(t, 'merge', 2, 'project'),
    }),
  },
  {
    description:
      'Merges issues of one project into one (Sentry picks the one that stays). REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist, all in one project), `PUT /organizations/{org}/issues/?id=..&project=-1` with `merge`, then — when `issue` is selected — one `group=` read of the issue that stays.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
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
  payload<MergePayload>('mergeIssues', (t) => ({
    issue: t.field({
      type: Issue,
      nullable: true,
      description: 'The issue the others were merged into (read back: one call).',
      resolve: (merge) => merge.parent,
    }),
    mergedIssueIds: t.idList({
      nullable: true,
      description: 'The ids of the issues merged into `issue`; they no longer exist.',
      resolve: (merge) => merge.merged?.map(issueGlobalId) ?? null,
    }),
  })),
);

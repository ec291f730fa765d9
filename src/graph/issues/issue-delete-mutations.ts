/** `deleteIssue` and `deleteIssues`: delete one issue or several, with their events. */
import { splitKey } from '../../loaders/keys.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation, deleted } from '../schema-kit/mutations/deletes.ts';
import {
  type DeletedPayload,
  deletedListPayload,
  MUTATION_SCOPES,
} from '../schema-kit/mutations/payloads.ts';
import { UserErrors } from '../schema-kit/mutations/user-errors.ts';
import {
  existingIssues,
  forgetIssues,
  idOf,
  issueGlobalId,
  issueIdsField,
  parseIssueKey,
  readIssueIds,
} from './issue-ids.ts';

deleteByIdMutation('deleteIssue', {
  typename: 'Issue',
  parse: parseIssueKey,
  input: 'The issue to delete.',
  id: 'The `Issue` to delete.',
  description:
    'Deletes one issue and its events. One REST call: `DELETE /organizations/{org}/issues/{id}/`.',
  what: 'issue',
  field: 'deletedIssueId',
  fieldDescription: 'The id of the deleted issue, for removing it from client caches.',
  remove: (context, key) => context.sentry.issues.delete(...splitKey(key)),
  forget: (context, key) => forgetIssues(context, [key]),
});

builder.relayMutationField(
  'deleteIssues',
  {
    description: 'The issues to delete.',
    inputFields: (t) => ({
      ids: issueIdsField(t, 'delete', 1, 'organization'),
    }),
  },
  {
    description:
      'Deletes several issues. REST calls: `GET /organizations/{org}/issues/?group=..&project=-1` (every id must exist; none is deleted otherwise), then `DELETE /organizations/{org}/issues/?id=..&project=-1`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (
      _root,
      { input },
      context,
    ): Promise<DeletedPayload<'deletedIssueIds', string[]>> => {
      const errors = new UserErrors();
      const list = readIssueIds(errors, input.ids, { min: 1 });
      if (!list) return { deletedIssueIds: null, userErrors: errors.list };
      await existingIssues(context, errors, list);
      if (errors.any) return { deletedIssueIds: null, userErrors: errors.list };
      const done = await deleted(errors, { target: ['input', 'ids'], what: 'issues' }, () =>
        context.sentry.issues.bulkDelete(list.org, list.keys.map(idOf)),
      ).finally(() => forgetIssues(context, list.keys));
      return {
        deletedIssueIds: done ? list.keys.map(issueGlobalId) : null,
        userErrors: errors.list,
      };
    },
  },
  deletedListPayload(
    'deleteIssues',
    'deletedIssueIds',
    'The ids of the deleted issues, for removing them from client caches.',
  ),
);

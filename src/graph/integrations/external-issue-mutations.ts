/**
 * `createExternalIssue` and `deleteExternalIssue`: link an issue in a Sentry App to a Sentry
 * issue, or remove the link. The issue is refetched afterwards if asked for (its annotations
 * changed), so this request's cached copy is dropped.
 */
import { type IssueKey, splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentrySentryAppIssue } from '../../sentry/types.ts';
import { Issue, type IssueShape } from '../issues/issue.ts';
import { forgetIssues, idOf, parseIssueKey } from '../issues/issue-ids.ts';
import { SentryAppIssue } from '../issues/issue-triage-types.ts';
import { builder } from '../schema-kit/builder.ts';
import { checkText, checkUrl } from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  type FieldPath,
  readIdOf,
  type UserErrorShape,
  UserErrors,
} from '../schema-kit/mutations/user-errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUuid(errors: UserErrors, path: FieldPath, value: string): string {
  if (!UUID.test(value)) errors.add('INVALID_VALUE', 'Not an installation uuid.', path);
  return value;
}

interface ExternalIssuePayload {
  externalIssue: OrgScoped<SentrySentryAppIssue> | null;
  issueKey: IssueKey | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'createExternalIssue',
  {
    description: 'The issue to link, and the external issue to link it to.',
    inputFields: (t) => ({
      installationUuid: t.string({
        description: 'The `SentryAppInstallation.uuid` of the app the external issue lives in.',
      }),
      issueId: t.id({ description: 'The Sentry `Issue` to link.' }),
      webUrl: t.string({ description: "The external issue's page (absolute http(s) URL)." }),
      project: t.string({ description: 'The external service\'s project, e.g. "ENG".' }),
      identifier: t.string({
        description: "The external issue's identifier there; Sentry shows `project#identifier`.",
      }),
    }),
  },
  {
    description:
      "Links an external issue to a Sentry issue, or updates the app's existing link (one per app and issue). One REST call: `POST /sentry-app-installations/{uuid}/external-issues/` (scope `event:write`).",
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ExternalIssuePayload> => {
      const errors = new UserErrors();
      const uuid = checkUuid(errors, ['input', 'installationUuid'], input.installationUuid);
      const key = readIdOf(errors, ['input', 'issueId'], input.issueId, 'Issue', parseIssueKey);
      const webUrl = checkUrl(errors, ['input', 'webUrl'], input.webUrl);
      const project = checkText(errors, ['input', 'project'], input.project, {
        max: 200,
        required: true,
      });
      const identifier = checkText(errors, ['input', 'identifier'], input.identifier, {
        max: 200,
        required: true,
      });
      if (errors.any || key === undefined) {
        return { externalIssue: null, issueKey: null, userErrors: errors.list };
      }
      const [org] = splitKey(key);
      const link = await attempt(
        errors,
        { target: ['input', 'issueId'], what: 'issue or installation' },
        () =>
          context.sentry.appInstallations.createExternalIssue(org, uuid, {
            issueId: Number(idOf(key)),
            webUrl,
            project,
            identifier,
          }),
      );
      forgetIssues(context, [key]);
      return { externalIssue: link ?? null, issueKey: link ? key : null, userErrors: errors.list };
    },
  },
  payload<ExternalIssuePayload>('createExternalIssue', (t) => ({
    externalIssue: t.field({
      type: SentryAppIssue,
      nullable: true,
      description: 'The link as Sentry stored it; null when `userErrors` says why.',
      resolve: (result) => result.externalIssue,
    }),
    issue: t.field({
      type: Issue,
      nullable: true,
      description: 'The Sentry issue, read again if asked for (its annotations changed).',
      resolve: (result, _args, context): Promise<IssueShape> | null =>
        result.issueKey ? Issue.getDataloader(context).load(result.issueKey) : null,
    }),
  })),
);

interface DeletedExternalIssuePayload {
  deletedExternalIssueId: string | null;
  issueKey: IssueKey | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'deleteExternalIssue',
  {
    description: 'The link to remove.',
    inputFields: (t) => ({
      installationUuid: t.string({ description: 'The installation that created the link.' }),
      externalIssueId: t.string({ description: 'The `SentryAppIssue.sentryId` to remove.' }),
      issueId: t.id({ description: 'The Sentry `Issue` it is linked to.' }),
    }),
  },
  {
    description:
      'Removes an external issue link. One REST call: `DELETE /sentry-app-installations/{uuid}/external-issues/{id}/` (scope `event:admin`).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeletedExternalIssuePayload> => {
      const errors = new UserErrors();
      const uuid = checkUuid(errors, ['input', 'installationUuid'], input.installationUuid);
      if (!/^\d{1,20}$/.test(input.externalIssueId)) {
        errors.add('INVALID_VALUE', 'Not an external issue id.', ['input', 'externalIssueId']);
      }
      const key = readIdOf(errors, ['input', 'issueId'], input.issueId, 'Issue', parseIssueKey);
      if (errors.any || key === undefined) {
        return { deletedExternalIssueId: null, issueKey: null, userErrors: errors.list };
      }
      const [org] = splitKey(key);
      const done = await attempt(
        errors,
        { target: ['input', 'externalIssueId'], what: 'external issue' },
        async () => {
          await context.sentry.appInstallations.deleteExternalIssue(
            org,
            uuid,
            input.externalIssueId,
          );
          return true;
        },
      );
      forgetIssues(context, [key]);
      return {
        deletedExternalIssueId: done ? input.externalIssueId : null,
        issueKey: done ? key : null,
        userErrors: errors.list,
      };
    },
  },
  payload<DeletedExternalIssuePayload>('deleteExternalIssue', (t) => ({
    deletedExternalIssueId: t.string({
      nullable: true,
      description: 'The `sentryId` of the removed link; null when `userErrors` says why.',
      resolve: (result) => result.deletedExternalIssueId,
    }),
    issue: t.field({
      type: Issue,
      nullable: true,
      description: 'The Sentry issue, read again if asked for.',
      resolve: (result, _args, context): Promise<IssueShape> | null =>
        result.issueKey ? Issue.getDataloader(context).load(result.issueKey) : null,
    }),
  })),
);

/**
 * Release tooling: create, update and delete releases. A release is named by its global `id`
 * or, as release scripts know it, by `organizationSlug` and `version` (release-inputs.ts).
 */
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryRelease,
  SentryReleaseCreate,
  SentryReleaseUpdate,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { deleted } from '../schema-kit/mutations/deletes.ts';
import {
  checkNewVersion,
  checkSlugList,
  checkSlugValue,
  checkText,
  checkUrl,
} from '../schema-kit/mutations/input-checks.ts';
import {
  type DeletedPayload,
  deletedPayload,
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Release } from './release.ts';
import {
  commitsBody,
  MAX_COMMITS,
  primeRelease,
  RELEASE_FIELDS,
  ReleaseCommitInput,
  ReleaseStatusChange,
  readReleaseKey,
  releaseLocatorFields,
  releaseTarget,
} from './release-inputs.ts';

type ReleasePayload = StoredPayload<'release', OrgScoped<SentryRelease>>;

builder.relayMutationField(
  'createRelease',
  {
    description: 'A new release.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization the release belongs to.' }),
      version: t.string({
        description:
          'Unique in the organization, e.g. "backend@1.4.0" or a commit hash; not "latest".',
      }),
      projects: t.stringList({
        description: 'Slugs of the projects it belongs to (at least one).',
      }),
      ref: t.string({ required: false, description: 'VCS ref, e.g. a tag or commit hash.' }),
      url: t.string({ required: false, description: 'A link to the release, e.g. on GitHub.' }),
      dateReleased: t.field({
        type: 'DateTime',
        required: false,
        description: 'When it went live; unset means not released yet.',
      }),
      commits: t.field({
        type: [ReleaseCommitInput],
        required: false,
        description: `The commits in it (at most ${MAX_COMMITS}).`,
      }),
    }),
  },
  {
    description:
      'Creates a release (or, as Sentry does for an existing version, adds the projects to it and returns it). One REST call: `POST /organizations/{org}/releases/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ReleasePayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(
        errors,
        ['input', 'organizationSlug'],
        input.organizationSlug,
        'organization',
      );
      const body: SentryReleaseCreate = {
        version: checkNewVersion(errors, ['input', 'version'], input.version),
        projects: checkSlugList(errors, ['input', 'projects'], input.projects, {
          what: 'project',
          required: true,
        }),
      };
      if (input.ref != null)
        body.ref = checkText(errors, ['input', 'ref'], input.ref, { max: 250 });
      if (input.url != null) body.url = checkUrl(errors, ['input', 'url'], input.url);
      if (input.dateReleased != null) body.dateReleased = input.dateReleased;
      if (input.commits != null)
        body.commits = commitsBody(errors, input.commits, ['input', 'commits']);
      if (errors.any) return { release: null, userErrors: errors.list };
      const release = await attempt(
        errors,
        { target: ['input', 'organizationSlug'], what: 'organization', fields: RELEASE_FIELDS },
        () => context.sentry.releases.create(org, body),
      );
      if (release) primeRelease(context, release);
      return { release: release ?? null, userErrors: errors.list };
    },
  },
  storedPayload('createRelease', 'release', Release, 'release'),
);

builder.relayMutationField(
  'updateRelease',
  {
    description: 'Changes to a release. Fields left out stay as they are.',
    inputFields: (t) => ({
      ...releaseLocatorFields(t),
      ref: t.string({ required: false, description: 'VCS ref; `null` clears it.' }),
      url: t.string({ required: false, description: '`null` clears it.' }),
      dateReleased: t.field({
        type: 'DateTime',
        required: false,
        description: 'When it went live.',
      }),
      commits: t.field({
        type: [ReleaseCommitInput],
        required: false,
        description: 'Replaces its commits.',
      }),
      status: t.field({
        type: ReleaseStatusChange,
        required: false,
        description: 'Archive it or open it again.',
      }),
    }),
  },
  {
    description:
      'Changes a release. One REST call: `PUT /organizations/{org}/releases/{version}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ReleasePayload> => {
      const errors = new UserErrors();
      const key = readReleaseKey(errors, input);
      const body: SentryReleaseUpdate = {};
      if (input.ref !== undefined) {
        body.ref =
          input.ref === null ? null : checkText(errors, ['input', 'ref'], input.ref, { max: 250 });
      }
      if (input.url !== undefined) {
        body.url = input.url === null ? null : checkUrl(errors, ['input', 'url'], input.url);
      }
      if (input.dateReleased != null) body.dateReleased = input.dateReleased;
      if (input.commits != null)
        body.commits = commitsBody(errors, input.commits, ['input', 'commits']);
      if (input.status != null) body.status = input.status;
      if (Object.keys(body).length === 0 && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !key) return { release: null, userErrors: errors.list };
      const [org, version] = splitKey(key);
      const release = await attempt(
        errors,
        {
          target: releaseTarget(input),
          what: 'release',
          fields: RELEASE_FIELDS,
        },
        () => context.sentry.releases.update(org, version, body),
      );
      if (release) primeRelease(context, release);
      return { release: release ?? null, userErrors: errors.list };
    },
  },
  storedPayload('updateRelease', 'release', Release, 'release'),
);

builder.relayMutationField(
  'deleteRelease',
  {
    description: 'The release to delete.',
    inputFields: (t) => releaseLocatorFields(t),
  },
  {
    description:
      'Deletes a release; Sentry refuses while issues refer to it. One REST call: `DELETE /organizations/{org}/releases/{version}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeletedPayload<'deletedReleaseId'>> => {
      const errors = new UserErrors();
      const key = readReleaseKey(errors, input);
      if (!key) return { deletedReleaseId: null, userErrors: errors.list };
      const [org, version] = splitKey(key);
      const done = await deleted(errors, { target: releaseTarget(input), what: 'release' }, () =>
        context.sentry.releases.delete(org, version),
      ).finally(() => Release.getDataloader(context).clear(key));
      return {
        deletedReleaseId: done ? encodeGlobalId('Release', key) : null,
        userErrors: errors.list,
      };
    },
  },
  deletedPayload(
    'deleteRelease',
    'deletedReleaseId',
    'The id of the deleted release, for removing it from client caches.',
  ),
);

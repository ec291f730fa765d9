/**
 * Release tooling: create, update and delete releases, and record deploys. A release is named by
 * its global `id` or, as release scripts know it, by `organizationSlug` and `version`.
 */
import { type ReleaseKey, releaseKey, splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryCommitInput,
  SentryDeploy,
  SentryRelease,
  SentryReleaseCreate,
  SentryReleaseUpdate,
} from '../../sentry/types.ts';
import { builder } from '../builder.ts';
import { Deploy } from '../deploy.ts';
import { encodeGlobalId } from '../global-id.ts';
import { Release } from '../release.ts';
import {
  checkEmail,
  checkEnvironment,
  checkNewVersion,
  checkSlugList,
  checkSlugValue,
  checkText,
  checkUrl,
  checkVersionValue,
} from './input-checks.ts';
import {
  attempt,
  type BuilderTypes,
  type FieldPath,
  readIdOf,
  type UserErrorShape,
  UserErrors,
  userErrorsField,
} from './user-errors.ts';

type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** Most commits one release write carries. */
const MAX_COMMITS = 1000;

const ReleaseStatusChange = builder.enumType('ReleaseStatusChange', {
  description: 'A status to set on a release.',
  values: {
    OPEN: { value: 'open', description: 'Listed among the releases.' },
    ARCHIVED: { value: 'archived', description: 'Hidden from release lists by default.' },
  } as const,
});

const ReleaseCommitInput = builder.inputType('ReleaseCommitInput', {
  description: 'A commit that went into a release.',
  fields: (t) => ({
    id: t.string({ description: 'The commit hash.' }),
    repository: t.string({
      required: false,
      description: 'Repository name as Sentry shows it, e.g. "acme/api".',
    }),
    message: t.string({ required: false, description: 'The commit message.' }),
    authorName: t.string({
      required: false,
      description: 'Shown when the email matches no member.',
    }),
    authorEmail: t.string({
      required: false,
      description: 'Matched to a Sentry user when a member has this email.',
    }),
    timestamp: t.field({ type: 'DateTime', required: false, description: 'Commit time.' }),
  }),
});

type CommitInput = {
  id: string;
  repository?: string | null | undefined;
  message?: string | null | undefined;
  authorName?: string | null | undefined;
  authorEmail?: string | null | undefined;
  timestamp?: string | null | undefined;
};

function commitsBody(
  errors: UserErrors,
  commits: readonly CommitInput[],
  path: FieldPath,
): SentryCommitInput[] {
  if (commits.length > MAX_COMMITS) {
    errors.add('TOO_MANY', `At most ${MAX_COMMITS} commits per mutation.`, path);
  }
  return commits.map((commit, index) => {
    const at = [...path, index];
    checkText(errors, [...at, 'id'], commit.id, { max: 64, required: true });
    const body: SentryCommitInput = { id: commit.id };
    if (commit.repository != null) {
      body.repository = checkText(errors, [...at, 'repository'], commit.repository, {
        max: 200,
        required: true,
      });
    }
    if (commit.message != null) body.message = commit.message;
    if (commit.authorName != null) {
      body.author_name = checkText(errors, [...at, 'authorName'], commit.authorName, { max: 128 });
    }
    if (commit.authorEmail != null) {
      body.author_email = checkEmail(errors, [...at, 'authorEmail'], commit.authorEmail);
    }
    if (commit.timestamp != null) body.timestamp = commit.timestamp;
    return body;
  });
}

/** The fields that name an existing release: `id`, or `organizationSlug` and `version`. */
const releaseLocatorFields = (t: InputFields) => ({
  id: t.id({
    required: false,
    description: 'The `Release`; or name it by `organizationSlug` and `version` instead.',
  }),
  organizationSlug: t.string({ required: false, description: 'With `version`, instead of `id`.' }),
  version: t.string({
    required: false,
    description: 'With `organizationSlug`, instead of `id`; e.g. "backend@1.4.0".',
  }),
});

interface ReleaseLocator {
  id?: string | null | undefined;
  organizationSlug?: string | null | undefined;
  version?: string | null | undefined;
}

function readReleaseKey(errors: UserErrors, input: ReleaseLocator): ReleaseKey | undefined {
  const byName = input.organizationSlug != null || input.version != null;
  if (input.id != null) {
    if (byName) {
      errors.add(
        'CONFLICTING_FIELDS',
        'Name the release by `id` or by `organizationSlug` and `version`, not both.',
        ['input', 'id'],
      );
      return undefined;
    }
    return readIdOf(errors, ['input', 'id'], input.id, 'Release', (id) =>
      releaseKey(...splitKey(id)),
    );
  }
  if (input.organizationSlug == null || input.version == null) {
    errors.add(
      'MISSING_FIELD',
      'Name the release: `id`, or `organizationSlug` and `version`.',
      byName ? ['input', input.version == null ? 'version' : 'organizationSlug'] : ['input'],
    );
    return undefined;
  }
  const before = errors.list.length;
  checkSlugValue(errors, ['input', 'organizationSlug'], input.organizationSlug, 'organization');
  checkVersionValue(errors, ['input', 'version'], input.version);
  return errors.list.length === before
    ? releaseKey(input.organizationSlug, input.version)
    : undefined;
}

/** Sentry body field → input path, for 400 answers to release writes. */
const RELEASE_FIELDS: Record<string, FieldPath> = {
  version: ['input', 'version'],
  projects: ['input', 'projects'],
  ref: ['input', 'ref'],
  url: ['input', 'url'],
  dateReleased: ['input', 'dateReleased'],
  commits: ['input', 'commits'],
  status: ['input', 'status'],
};

function primeRelease(
  context: Parameters<typeof Release.getDataloader>[0],
  release: OrgScoped<SentryRelease>,
) {
  const key = releaseKey(release.organizationSlug, release.version);
  Release.getDataloader(context).clear(key).prime(key, release);
}

interface ReleasePayload {
  release: OrgScoped<SentryRelease> | null;
  userErrors: UserErrorShape[];
}

const SCOPES = { authenticated: true } as const;

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
    authScopes: SCOPES,
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
  {
    description: 'The result of `createRelease`.',
    outputFields: (t) => ({
      release: t.field({
        type: Release,
        nullable: true,
        description: 'The release as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.release,
      }),
      userErrors: userErrorsField(t),
    }),
  },
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
    authScopes: SCOPES,
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
          target: input.id != null ? ['input', 'id'] : ['input', 'version'],
          what: 'release',
          fields: RELEASE_FIELDS,
        },
        () => context.sentry.releases.update(org, version, body),
      );
      if (release) primeRelease(context, release);
      return { release: release ?? null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `updateRelease`.',
    outputFields: (t) => ({
      release: t.field({
        type: Release,
        nullable: true,
        description: 'The release as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.release,
      }),
      userErrors: userErrorsField(t),
    }),
  },
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
    authScopes: SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const key = readReleaseKey(errors, input);
      if (!key) return { deletedReleaseId: null, userErrors: errors.list };
      const [org, version] = splitKey(key);
      const done = await attempt(
        errors,
        { target: input.id != null ? ['input', 'id'] : ['input', 'version'], what: 'release' },
        async () => {
          await context.sentry.releases.delete(org, version);
          return true;
        },
      ).finally(() => Release.getDataloader(context).clear(key));
      return {
        deletedReleaseId: done ? encodeGlobalId('Release', key) : null,
        userErrors: errors.list,
      };
    },
  },
  {
    description: 'The result of `deleteRelease`.',
    outputFields: (t) => ({
      deletedReleaseId: t.id({
        nullable: true,
        description: 'The id of the deleted release, for removing it from client caches.',
        resolve: (payload) => payload.deletedReleaseId,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

interface DeployPayload {
  deploy: OrgScoped<SentryDeploy> | null;
  release: ReleaseKey | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'createDeploy',
  {
    description: 'A deploy of a release to an environment.',
    inputFields: (t) => ({
      ...releaseLocatorFields(t),
      environment: t.string({ description: 'e.g. "production": no spaces or slashes.' }),
      name: t.string({
        required: false,
        description: 'A label, e.g. the CI run (at most 64 characters).',
      }),
      url: t.string({ required: false, description: 'A link to the deploy, e.g. a CI job.' }),
      startedAt: t.field({
        type: 'DateTime',
        required: false,
        description: 'When the deploy began.',
      }),
      finishedAt: t.field({
        type: 'DateTime',
        required: false,
        description: 'Defaults to now.',
      }),
      projects: t.stringList({
        required: false,
        description: 'Slugs of the release projects deployed; all of them when left out.',
      }),
    }),
  },
  {
    description:
      'Records a deploy of a release. One REST call: `POST /organizations/{org}/releases/{version}/deploys/`; `release` in the payload costs one more (its deploy count changed).',
    nullable: true,
    authScopes: SCOPES,
    resolve: async (_root, { input }, context): Promise<DeployPayload> => {
      const errors = new UserErrors();
      const key = readReleaseKey(errors, input);
      const environment = checkEnvironment(errors, ['input', 'environment'], input.environment);
      const body: Parameters<typeof context.sentry.releases.createDeploy>[2] = { environment };
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64 });
      if (input.url != null) body.url = checkUrl(errors, ['input', 'url'], input.url);
      if (input.startedAt != null) body.dateStarted = input.startedAt;
      if (input.finishedAt != null) body.dateFinished = input.finishedAt;
      if (
        input.startedAt != null &&
        input.finishedAt != null &&
        input.startedAt > input.finishedAt
      ) {
        errors.add('CONFLICTING_FIELDS', '`startedAt` is after `finishedAt`.', [
          'input',
          'startedAt',
        ]);
      }
      if (input.projects != null) {
        body.projects = checkSlugList(errors, ['input', 'projects'], input.projects, {
          what: 'project',
          required: true,
        });
      }
      if (errors.any || !key) return { deploy: null, release: null, userErrors: errors.list };
      const [org, version] = splitKey(key);
      const deploy = await attempt(
        errors,
        {
          target: input.id != null ? ['input', 'id'] : ['input', 'version'],
          what: 'release',
          fields: { environment: ['input', 'environment'], projects: ['input', 'projects'] },
        },
        () => context.sentry.releases.createDeploy(org, version, body),
      ).finally(() => Release.getDataloader(context).clear(key));
      return { deploy: deploy ?? null, release: deploy ? key : null, userErrors: errors.list };
    },
  },
  {
    description: 'The result of `createDeploy`.',
    outputFields: (t) => ({
      deploy: t.field({
        type: Deploy,
        nullable: true,
        description: 'The deploy as Sentry stored it; null when `userErrors` says why.',
        resolve: (payload) => payload.deploy,
      }),
      release: t.field({
        type: Release,
        nullable: true,
        description:
          'The release, read again (one call): its deploy count and last deploy changed.',
        resolve: (payload) => payload.release,
      }),
      userErrors: userErrorsField(t),
    }),
  },
);

/**
 * What the release mutations share: their input types (a status, commits), naming an existing
 * release by its global `id` or, as release scripts know it, by `organizationSlug` and
 * `version`, and the input paths of Sentry's answers.
 */
import type { Context } from '../../context.ts';
import { type ReleaseKey, releaseKey, splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryCommitInput, SentryRelease } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import {
  checkEmail,
  checkSlugValue,
  checkText,
  checkVersionValue,
} from '../schema-kit/mutations/input-checks.ts';
import type { InputFields } from '../schema-kit/mutations/payloads.ts';
import { type FieldPath, readIdOf, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Release } from './release.ts';

/** Most commits one release write carries. */
export const MAX_COMMITS = 1000;

export const ReleaseStatusChange = builder.enumType('ReleaseStatusChange', {
  description: 'A status to set on a release.',
  values: {
    OPEN: { value: 'open', description: 'Listed among the releases.' },
    ARCHIVED: { value: 'archived', description: 'Hidden from release lists by default.' },
  } as const,
});

export const ReleaseCommitInput = builder.inputType('ReleaseCommitInput', {
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

export function commitsBody(
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
export const releaseLocatorFields = (t: InputFields) => ({
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

export interface ReleaseLocator {
  id?: string | null | undefined;
  organizationSlug?: string | null | undefined;
  version?: string | null | undefined;
}

export function readReleaseKey(errors: UserErrors, input: ReleaseLocator): ReleaseKey | undefined {
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

/** The input field that names the release, for a 404 answer. */
export function releaseTarget(input: ReleaseLocator): FieldPath {
  return input.id != null ? ['input', 'id'] : ['input', 'version'];
}

/** Sentry body field → input path, for 400 answers to release writes. */
export const RELEASE_FIELDS: Record<string, FieldPath> = {
  version: ['input', 'version'],
  projects: ['input', 'projects'],
  ref: ['input', 'ref'],
  url: ['input', 'url'],
  dateReleased: ['input', 'dateReleased'],
  commits: ['input', 'commits'],
  status: ['input', 'status'],
};

export function primeRelease(context: Context, release: OrgScoped<SentryRelease>) {
  const key = releaseKey(release.organizationSlug, release.version);
  Release.getDataloader(context).clear(key).prime(key, release);
}

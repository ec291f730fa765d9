/**
 * A release's details a release page shows beside its counts: its last commit, Sentry's parse
 * of its version, its owner, when its deploy started, the client that created it and its
 * free-form data. All on the list row and the detail body (free from a list); from a summary an
 * issue or event embeds, the ones the summary lacks load the release (batched).
 */
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryUser, SentryVersionInfo } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { User } from '../teams/user.ts';
import { Commit } from './commit.ts';
import { fullRelease, Release } from './release.ts';

interface Semver {
  raw?: unknown;
  major?: unknown;
  minor?: unknown;
  patch?: unknown;
  pre?: unknown;
  buildCode?: unknown;
  components?: unknown;
}

const int = (value: unknown) => (typeof value === 'number' ? value : null);
const str = (value: unknown) => (typeof value === 'string' ? value : null);

const ReleaseSemver = builder.objectRef<Semver>('ReleaseSemver').implement({
  description: "Sentry's parse of the version part of a release (semver when it is one).",
  fields: (t) => ({
    raw: t.string({
      description: 'The version as written, e.g. "1.4.0-rc.1+42".',
      resolve: (v) => str(v.raw) ?? '',
    }),
    major: t.int({ nullable: true, description: 'Semver major.', resolve: (v) => int(v.major) }),
    minor: t.int({ nullable: true, description: 'Semver minor.', resolve: (v) => int(v.minor) }),
    patch: t.int({ nullable: true, description: 'Semver patch.', resolve: (v) => int(v.patch) }),
    pre: t.string({
      nullable: true,
      description: 'Pre-release part, e.g. "rc.1".',
      resolve: (v) => str(v.pre),
    }),
    buildCode: t.string({
      nullable: true,
      description: 'Build part, e.g. "42".',
      resolve: (v) => str(v.buildCode),
    }),
    components: t.int({
      nullable: true,
      description: 'How many of major, minor, patch were written; null when not semver.',
      resolve: (v) => int(v.components),
    }),
  }),
});

const ReleaseVersionInfo = builder.objectRef<SentryVersionInfo>('ReleaseVersionInfo').implement({
  description: 'What Sentry reads from a release version: package, version and build.',
  fields: (t) => ({
    package: t.exposeString('package', {
      nullable: true,
      description: 'Package part, e.g. "backend" in "backend@1.4.0".',
    }),
    version: t.field({
      type: ReleaseSemver,
      description: 'The version part, parsed.',
      resolve: (info) => (info.version ?? {}) as Semver,
    }),
    buildHash: t.exposeString('buildHash', {
      nullable: true,
      description: 'A build hash, when the version is one.',
    }),
    description: t.string({
      nullable: true,
      description: 'How Sentry displays the version.',
      resolve: (info) => info.description ?? null,
    }),
  }),
});

builder.objectFields(Release, (t) => ({
  lastCommit: t.field({
    type: Commit,
    nullable: true,
    description: 'The newest commit of the release (embedded: no call for its fields).',
    resolve: async (release, _args, context) => {
      const commit =
        release.lastCommit !== undefined
          ? release.lastCommit
          : (await fullRelease(release, context)).lastCommit;
      return commit ? { ...commit, organizationSlug: release.organizationSlug } : null;
    },
  }),
  versionInfo: t.field({
    type: ReleaseVersionInfo,
    nullable: true,
    description: "Sentry's parse of the version: package, semver parts, build.",
    resolve: async (release, _args, context) =>
      (release.versionInfo !== undefined
        ? release.versionInfo
        : (await fullRelease(release, context)).versionInfo) ?? null,
  }),
  owner: t.field({
    type: User,
    nullable: true,
    description: 'The user who owns the release, when one was set.',
    resolve: async (release, _args, context) => {
      const owner = (
        release.owner !== undefined ? release.owner : (await fullRelease(release, context)).owner
      ) as SentryUser | null | undefined;
      return owner?.id
        ? ({ ...owner, organizationSlug: release.organizationSlug } as OrgScoped<SentryUser>)
        : null;
    },
  }),
  startedAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When work on the release started, as its creator said.',
    resolve: async (release, _args, context) =>
      (await fullRelease(release, context)).dateStarted ?? null,
  }),
  userAgent: t.string({
    nullable: true,
    description: 'The client that created the release, e.g. "sentry-cli/2.39.1".',
    resolve: async (release, _args, context) =>
      (release.userAgent !== undefined
        ? release.userAgent
        : (await fullRelease(release, context)).userAgent) ?? null,
  }),
  data: t.field({
    type: 'JSON',
    description:
      'Free-form data attached to the release by its creator: JSON, since Sentry gives it no shape.',
    resolve: async (release, _args, context) =>
      (release.data !== undefined ? release.data : (await fullRelease(release, context)).data) ??
      {},
  }),
}));

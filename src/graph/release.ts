import type { Context } from '../context.ts';
import {
  checkVersion,
  organizationKey,
  type ReleaseKey,
  releaseKey,
  splitKey,
} from '../loaders/keys.ts';
import { loadReleases } from '../loaders/releases.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryRelease, SentryReleaseSummary } from '../sentry/types.ts';
import { Author } from './author.ts';
import { batchOrEach } from './batching.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { Organization, organizationStub } from './organization.ts';
import { prefetchChildren } from './prefetch.ts';
import { fullProject, Project, projectStub } from './project.ts';
import { full, isStub, type Stub } from './stub.ts';

/** What events, issues and projects embed of a release: its version and some summary fields. */
export type ReleaseStub = Stub<'Release', OrgScoped<SentryReleaseSummary> & { version: string }>;
export type ReleaseShape = OrgScoped<SentryRelease> | ReleaseStub;

export const Release = builder.loadableNodeRef('Release', {
  id: {
    resolve: (release) => releaseKey(release.organizationSlug, release.version),
    parse: (id) => releaseKey(...splitKey(id)),
  },
  load: (keys: ReleaseKey[], context: Context): Promise<(ReleaseShape | Error)[]> =>
    batchOrEach(context, keys, (batch) => loadReleases(context.sentry, batch)),
});

export const ReleaseConnection = builder.connectionObject(
  { type: Release, name: 'ReleaseConnection', description: 'A page of releases.' },
  { name: 'ReleaseEdge', description: 'A Release and the cursor after it.' },
);

export function releaseStub(
  organizationSlug: string,
  summary: SentryReleaseSummary & { version: string },
): ReleaseStub {
  return { ...summary, organizationSlug, stubOf: 'Release' };
}

export function releaseStubOrNull(
  organizationSlug: string,
  summary: SentryReleaseSummary | null | undefined,
): ReleaseStub | null {
  return summary?.version
    ? releaseStub(organizationSlug, { ...summary, version: summary.version })
    : null;
}

export function primeReleases(context: Context, releases: readonly OrgScoped<SentryRelease>[]) {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = Release.getDataloader(context);
  for (const release of releases)
    loader.prime(releaseKey(release.organizationSlug, release.version), release);
}

export async function fullRelease(
  release: ReleaseShape,
  context: Context,
): Promise<OrgScoped<SentryRelease>> {
  if (!isStub(release)) return release;
  return full(
    await Release.getDataloader(context).load(
      releaseKey(release.organizationSlug, release.version),
    ),
  );
}

type SharedKey = keyof SentryRelease & keyof SentryReleaseSummary;

/** A field from the embedded summary when it has it, else from the full release. */
async function pick<K extends SharedKey>(release: ReleaseShape, key: K, context: Context) {
  const value = release[key];
  return value !== undefined ? value : (await fullRelease(release, context))[key];
}

Release.implement({
  description:
    'A version of code deployed to an environment, with its commits, deploys and health.',
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Full version, e.g. "backend@1.4.0".' }),
    organizationSlug: t.exposeString('organizationSlug', {
      description: 'Slug of the organization (with `version`, the federation key).',
    }),
    shortVersion: t.string({
      description: 'Version without the package prefix, e.g. "1.4.0".',
      resolve: async (release, _args, context) =>
        (await pick(release, 'shortVersion', context)) ?? release.version,
    }),
    status: t.string({
      description: '"open" or "archived".',
      resolve: async (release, _args, context) =>
        (await pick(release, 'status', context)) ?? 'open',
    }),
    ref: t.string({
      nullable: true,
      description: 'VCS ref, e.g. a tag or commit.',
      resolve: async (release, _args, context) => (await pick(release, 'ref', context)) ?? null,
    }),
    url: t.string({
      description: 'Link to the release in its repository or CI.',
      nullable: true,
      resolve: async (release, _args, context) => (await pick(release, 'url', context)) ?? null,
    }),
    createdAt: t.field({
      description: 'When Sentry first heard of the release.',
      type: 'DateTime',
      nullable: true,
      resolve: async (release, _args, context) =>
        (await pick(release, 'dateCreated', context)) ?? null,
    }),
    releasedAt: t.field({
      description: 'When the release was marked released (deployed).',
      type: 'DateTime',
      nullable: true,
      resolve: async (release, _args, context) =>
        (await pick(release, 'dateReleased', context)) ?? null,
    }),
    firstEventAt: t.field({
      description: 'First event seen in this release.',
      type: 'DateTime',
      nullable: true,
      resolve: async (release, _args, context) =>
        (await pick(release, 'firstEvent', context)) ?? null,
    }),
    lastEventAt: t.field({
      description: 'Latest event seen in this release.',
      type: 'DateTime',
      nullable: true,
      resolve: async (release, _args, context) =>
        (await pick(release, 'lastEvent', context)) ?? null,
    }),
    newIssueCount: t.int({
      description: 'Issues first seen in this release.',
      resolve: async (release, _args, context) => (await pick(release, 'newGroups', context)) ?? 0,
    }),
    commitCount: t.int({
      description: 'Commits associated with the release.',
      resolve: async (release, _args, context) =>
        (await pick(release, 'commitCount', context)) ?? 0,
    }),
    deployCount: t.int({
      description: 'Deploys of the release.',
      resolve: async (release, _args, context) =>
        (await pick(release, 'deployCount', context)) ?? 0,
    }),
    authors: t.field({
      type: [Author],
      description: 'Authors of its commits.',
      resolve: async (release, _args, context) =>
        ((await pick(release, 'authors', context)) ?? []).map((author) => ({
          ...author,
          organizationSlug: release.organizationSlug,
        })),
    }),
    projects: t.field({
      type: [Project],
      description:
        'Projects the release belongs to. Embedded: costs no call for `slug`, `name`, `platform`.',
      resolve: async (release, _args, context) =>
        (await fullRelease(release, context)).projects.map((project) =>
          projectStub(release.organizationSlug, project),
        ),
    }),
    organization: t.field({
      description: 'Costs no call unless fields beyond `slug` are asked for.',
      type: Organization,
      resolve: (release) => organizationStub(release.organizationSlug),
    }),
  }),
});

builder.asEntity(Release, {
  key: builder.selection<{ organizationSlug: string; version: string }>('organizationSlug version'),
  resolveReference: (ref) =>
    releaseStub(organizationKey(ref.organizationSlug), { version: checkVersion(ref.version) }),
});

const RELEASE_QUERY_DESCRIPTION =
  'Case-insensitive text in the version, or Sentry release search like `release:[1.0,1.1]`.';

builder.objectFields(Organization, (t) => ({
  releases: t.connection(
    {
      type: Release,
      nullable: true,
      description: 'Releases of the organization, newest first.',
      args: {
        query: t.arg.string({ required: false, description: RELEASE_QUERY_DESCRIPTION }),
        archived: t.arg.boolean({
          required: false,
          description: 'List archived releases instead of open ones. @default false',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.releases.list(org.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
          ...(args.archived ? { status: 'archived' } : {}),
        });
        primeReleases(context, page.items);
        return pageToConnection(page, request);
      },
    },
    ReleaseConnection,
  ),
  release: t.field({
    type: Release,
    nullable: true,
    description: 'A release by version.',
    args: { version: t.arg.string({ description: 'e.g. "backend@1.4.0".' }) },
    resolve: (org, { version }, context, info) => {
      const key = releaseKey(org.slug, version);
      // Deploys, commits and new issues need only the version: start them with the release.
      prefetchChildren(context, info, 'Release', { organizationSlug: org.slug, version });
      return key;
    },
  }),
}));

builder.objectFields(Project, (t) => ({
  latestRelease: t.field({
    type: Release,
    nullable: true,
    description: 'The newest release of the project.',
    resolve: async (project, _args, context) => {
      const latest = (await fullProject(project, context)).latestRelease;
      return latest ? releaseStub(project.organizationSlug, latest) : null;
    },
  }),
  releases: t.connection(
    {
      type: Release,
      nullable: true,
      description: 'Releases of the project, newest first.',
      args: { query: t.arg.string({ required: false, description: RELEASE_QUERY_DESCRIPTION }) },
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.releases.list(project.organizationSlug, {
          ...request.params,
          project: [project.id],
          ...(args.query ? { query: args.query } : {}),
        });
        primeReleases(context, page.items);
        return pageToConnection(page, request);
      },
    },
    ReleaseConnection,
  ),
}));

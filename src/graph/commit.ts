import type { Context } from '../context.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryCommit, SentryUnmappedAuthor, SentryUser } from '../sentry/types.ts';
import { Author } from './author.ts';
import { builder } from './builder.ts';
import { type PageRequest, pageRequest, pageToConnection } from './connections.ts';
import { type PrefetchParents, prefetchable } from './prefetch.ts';
import { Release } from './release.ts';
import { Repository } from './repository.ts';

export const Commit = builder.objectRef<OrgScoped<SentryCommit>>('Commit').implement({
  description: 'A commit, as Sentry knows it from a release.',
  fields: (t) => ({
    sha: t.exposeString('id', { description: 'The commit hash.' }),
    message: t.exposeString('message', { description: 'The commit message.', nullable: true }),
    createdAt: t.field({
      description: 'Commit date.',
      type: 'DateTime',
      resolve: (commit) => commit.dateCreated,
    }),
    author: t.field({
      description: 'Who wrote it; null when Sentry does not know.',
      type: Author,
      nullable: true,
      resolve: (commit) =>
        isAuthor(commit.author)
          ? { ...commit.author, organizationSlug: commit.organizationSlug }
          : null,
    }),
    repository: t.field({
      description: 'The repository it belongs to.',
      type: Repository,
      nullable: true,
      resolve: (commit) =>
        commit.repository
          ? { ...commit.repository, organizationSlug: commit.organizationSlug }
          : null,
    }),
  }),
});

export const CommitConnection = builder.connectionObject(
  { type: Commit, name: 'CommitConnection', description: 'A page of commits.' },
  { name: 'CommitEdge', description: 'A Commit and the cursor after it.' },
);

/** The call behind a release's `commits`: it needs only the release's key. */
function readReleaseCommits(
  context: Context,
  release: PrefetchParents['Release'],
  request: PageRequest,
) {
  return context.sentry.releases.commits(release.organizationSlug, release.version, request.params);
}

prefetchable('Release', 'commits', (context, release, { args }) =>
  readReleaseCommits(context, release, pageRequest(args)),
);

builder.objectFields(Release, (t) => ({
  commits: t.connection(
    {
      type: Commit,
      nullable: true,
      description: 'Commits in the release (one call per release: Sentry has no bulk read).',
      resolve: async (release, args, context) => {
        const request = pageRequest(args);
        const page = await readReleaseCommits(context, release, request);
        return pageToConnection(page, request);
      },
    },
    CommitConnection,
  ),
}));

builder.objectFields(Repository, (t) => ({
  commits: t.connection(
    {
      type: Commit,
      nullable: true,
      description:
        'Commits of the repository, newest first. One call per repository: `GET /organizations/{org}/repos/{id}/commits/`.',
      resolve: async (repo, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.repositories.commits(
          repo.organizationSlug,
          repo.id,
          request.params,
        );
        return pageToConnection(page, request);
      },
    },
    CommitConnection,
  ),
}));

/** Sentry sends `{}` for a commit without a known author. */
function isAuthor(author: SentryCommit['author']): author is SentryUser | SentryUnmappedAuthor {
  return typeof (author as { email?: unknown } | undefined)?.email === 'string';
}

import type { OrgScoped } from '../sentry/client.ts';
import type { SentryCommit, SentryUnmappedAuthor, SentryUser } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { Author, Release } from './release.ts';
import { Repository } from './repository.ts';

export const Commit = builder.objectRef<OrgScoped<SentryCommit>>('Commit').implement({
  description: 'A commit, as Sentry knows it from a release.',
  fields: (t) => ({
    sha: t.exposeString('id', { description: 'The commit hash.' }),
    message: t.exposeString('message', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (commit) => commit.dateCreated }),
    author: t.field({
      type: Author,
      nullable: true,
      resolve: (commit) =>
        isAuthor(commit.author)
          ? { ...commit.author, organizationSlug: commit.organizationSlug }
          : null,
    }),
    repository: t.field({
      type: Repository,
      nullable: true,
      resolve: (commit) => commit.repository ?? null,
    }),
  }),
});

export const CommitConnection = builder.connectionObject(
  { type: Commit, name: 'CommitConnection' },
  { name: 'CommitEdge' },
);

builder.objectFields(Release, (t) => ({
  commits: t.connection(
    {
      type: Commit,
      nullable: true,
      description: 'Commits in the release (one call per release: Sentry has no bulk read).',
      resolve: async (release, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.listReleaseCommits(
          release.organizationSlug,
          release.version,
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

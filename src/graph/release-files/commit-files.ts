/** `Release.commitFiles`: the files the release's commits changed. */
import type { SentryCommitFileChange } from '../../sentry/types.ts';
import { Release } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';

export const FileChangeType = builder.enumType('FileChangeType', {
  description: 'What a commit did to a file.',
  values: {
    ADDED: { value: 'A' },
    MODIFIED: { value: 'M' },
    DELETED: { value: 'D' },
  } as const,
});

export const CommitFileChange = builder
  .objectRef<SentryCommitFileChange>('CommitFileChange')
  .implement({
    description: "A file one of the release's commits changed.",
    fields: (t) => ({
      sentryId: t.exposeString('id', { description: "Sentry's id of the change." }),
      filename: t.exposeString('filename', { description: 'Path of the file in its repository.' }),
      changeType: t.field({
        type: FileChangeType,
        resolve: (change) => (change.type === 'A' ? 'A' : change.type === 'D' ? 'D' : 'M'),
      }),
      commitMessage: t.exposeString('commitMessage', { nullable: true }),
      repositoryName: t.exposeString('repoName', { description: 'e.g. "acme/backend".' }),
    }),
  });

builder.objectFields(Release, (t) => ({
  commitFiles: t.field({
    type: [CommitFileChange],
    nullable: true,
    description:
      "Files changed by the release's commits (needs the `project:releases` scope). One call: `GET /organizations/{org}/releases/{version}/commitfiles/`.",
    resolve: (release, _args, context) =>
      context.sentry.releaseFiles.commitFiles(release.organizationSlug, release.version),
  }),
}));

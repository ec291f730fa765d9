import type { SentryUnmappedAuthor, SentryUser } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { User } from '../teams/user.ts';

export type AuthorShape = (SentryUser | SentryUnmappedAuthor) & { organizationSlug: string };

export const Author = builder.objectRef<AuthorShape>('Author').implement({
  description: 'The author of a commit or release: a Sentry user, or just a name and email.',
  fields: (t) => ({
    name: t.string({
      description: 'Name as the commit or Sentry has it.',
      nullable: true,
      resolve: (author) => author.name ?? null,
    }),
    email: t.string({
      description: 'Email as the commit or Sentry has it.',
      nullable: true,
      resolve: (author) => author.email || null,
    }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The Sentry user, when Sentry matched the email to one.',
      resolve: (author) => ('id' in author ? author : null),
    }),
  }),
});

import type { SentryRepository } from '../sentry/types.ts';
import { builder } from './builder.ts';

export const Repository = builder.objectRef<SentryRepository>('Repository').implement({
  description: 'A source repository connected to the organization.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    name: t.exposeString('name', { description: 'e.g. "acme/backend".' }),
    url: t.string({
      description: 'Web URL of the repository.',
      nullable: true,
      resolve: (repo) => repo.url ?? null,
    }),
    provider: t.string({
      nullable: true,
      description: 'e.g. "GitHub".',
      resolve: (repo) => repo.provider?.['name'] ?? null,
    }),
    status: t.string({
      description: 'e.g. "active".',
      nullable: true,
      resolve: (repo) => repo.status ?? null,
    }),
    createdAt: t.field({
      description: 'When it was connected.',
      type: 'DateTime',
      resolve: (repo) => repo.dateCreated,
    }),
  }),
});

import type { SentryRepository } from '../sentry/types.ts';
import { builder } from './builder.ts';

export const Repository = builder.objectRef<SentryRepository>('Repository').implement({
  description: 'A source repository connected to the organization.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    name: t.exposeString('name', { description: 'e.g. "acme/backend".' }),
    url: t.string({ nullable: true, resolve: (repo) => repo.url ?? null }),
    provider: t.string({
      nullable: true,
      description: 'e.g. "GitHub".',
      resolve: (repo) => repo.provider?.['name'] ?? null,
    }),
    status: t.string({ nullable: true, resolve: (repo) => repo.status ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (repo) => repo.dateCreated }),
  }),
});

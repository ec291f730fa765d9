/** Source repositories connected to an organization, and the `Organization.repositories` list. */
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryRepository } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { Organization } from './organization.ts';

export const Repository = builder.objectRef<OrgScoped<SentryRepository>>('Repository').implement({
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
    externalSlug: t.string({
      nullable: true,
      description: 'Its name at the provider, e.g. "acme/backend".',
      resolve: (repo) => repo.externalSlug ?? null,
    }),
    createdAt: t.field({
      description: 'When it was connected.',
      type: 'DateTime',
      resolve: (repo) => repo.dateCreated,
    }),
  }),
});

export const RepositoryConnection = builder.connectionObject(
  { type: Repository, name: 'RepositoryConnection', description: 'A page of repositories.' },
  { name: 'RepositoryEdge', description: 'A Repository and the cursor after it.' },
);

builder.objectFields(Organization, (t) => ({
  repositories: t.connection(
    {
      type: Repository,
      nullable: true,
      description:
        'Active repositories connected to the organization. One call: `GET /organizations/{org}/repos/`.',
      args: {
        query: t.arg.string({
          required: false,
          description: 'Case-insensitive text in the name, e.g. "backend".',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.repositories.list(org.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        return pageToConnection(page, request);
      },
    },
    RepositoryConnection,
  ),
}));

import type { Context } from '../context.ts';
import { organizationKey } from '../loaders/keys.ts';
import { loadOrganizations } from '../loaders/organizations.ts';
import type { SentryOrganization } from '../sentry/types.ts';
import { batchOrEach } from './batching.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { full, isStub, type Stub } from './stub.ts';

/** What a child body says of its organization: the slug. */
export type OrganizationStub = Stub<'Organization', { slug: string }>;
export type OrganizationShape = SentryOrganization | OrganizationStub;

export const Organization = builder.loadableNodeRef('Organization', {
  id: { resolve: (org) => org.slug, parse: (id) => organizationKey(id) },
  load: (slugs: string[], context: Context): Promise<(OrganizationShape | Error)[]> =>
    batchOrEach(context, slugs, (batch) => loadOrganizations(context.sentry, batch)),
});

export function organizationStub(slug: string): OrganizationStub {
  return { stubOf: 'Organization', slug: organizationKey(slug) };
}

/** The full organization: the parent itself, or one (deduplicated) call for a stub. */
export async function fullOrganization(
  org: OrganizationShape,
  context: Context,
): Promise<SentryOrganization> {
  return isStub(org) ? full(await Organization.getDataloader(context).load(org.slug)) : org;
}

export const OrganizationConnection = builder.connectionObject(
  { type: Organization, name: 'OrganizationConnection', description: 'A page of organizations.' },
  { name: 'OrganizationEdge', description: 'An Organization and the cursor after it.' },
);

Organization.implement({
  description:
    'A Sentry organization: the root of projects, issues, releases, teams and members. Fields other than `slug` are fetched only when asked for.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL slug, e.g. "acme".' }),
    sentryId: t.string({
      description: "Sentry's numeric id.",
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).id,
    }),
    name: t.string({
      description: 'Display name, e.g. "Acme Corp".',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).name,
    }),
    createdAt: t.field({
      description: 'When the organization was created.',
      type: 'DateTime',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).dateCreated,
    }),
    status: t.string({
      description: 'Lifecycle status, e.g. "active" or "pending_deletion".',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).status.id,
    }),
    avatarUrl: t.string({
      description: 'Avatar image URL, when one is uploaded.',
      nullable: true,
      resolve: async (org, _args, context) =>
        (await fullOrganization(org, context)).avatar.avatarUrl ?? null,
    }),
    isEarlyAdopter: t.boolean({
      description: 'Opted in to early features.',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).isEarlyAdopter,
    }),
    requiresTwoFactorAuth: t.boolean({
      description: 'Members must use two-factor authentication.',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).require2FA,
    }),
    features: t.stringList({
      description: 'Feature flags enabled for the organization.',
      resolve: async (org, _args, context) => (await fullOrganization(org, context)).features ?? [],
    }),
    url: t.string({
      nullable: true,
      description: "The organization's page on Sentry (its customer domain).",
      resolve: async (org, _args, context) =>
        (await fullOrganization(org, context)).links.organizationUrl || null,
    }),
    regionUrl: t.string({
      nullable: true,
      description: 'The API host that serves this organization, e.g. "https://us.sentry.io".',
      resolve: async (org, _args, context) =>
        (await fullOrganization(org, context)).links.regionUrl || null,
    }),
  }),
});

builder.asEntity(Organization, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }) => organizationStub(slug),
});

builder.queryFields((t) => ({
  organizations: t.connection(
    {
      type: Organization,
      nullable: true,
      authScopes: { authenticated: true },
      description: 'The organizations the token can see.',
      resolve: async (_root, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.organizations.list(request.params);
        const loader = Organization.getDataloader(context);
        if (context.batching) for (const org of page.items) loader.prime(org.slug, org);
        return pageToConnection(page, request);
      },
    },
    OrganizationConnection,
  ),
  organization: t.field({
    type: Organization,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'An organization by slug. Only fields beyond `slug` call Sentry; an unknown slug shows as NOT_FOUND on the first of them.',
    args: { slug: t.arg.string({ description: 'e.g. "acme".' }) },
    resolve: (_root, { slug }) => organizationStub(slug),
  }),
}));

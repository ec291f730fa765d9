import type { Context } from '../context.ts';
import { type MemberKey, memberKey, splitKey } from '../loaders/keys.ts';
import { loadMembers } from '../loaders/members.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryMember } from '../sentry/types.ts';
import { batchOrEach } from './batching.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export const Member = builder.loadableNodeRef('Member', {
  id: {
    resolve: (member) => memberKey(member.organizationSlug, member.id),
    parse: (id) => memberKey(...splitKey(id)),
  },
  load: (keys: MemberKey[], context: Context): Promise<(OrgScoped<SentryMember> | Error)[]> =>
    batchOrEach(context, keys, (batch) => loadMembers(context.sentry, batch)),
});

export const MemberConnection = builder.connectionObject(
  { type: Member, name: 'MemberConnection', description: 'A page of members.' },
  { name: 'MemberEdge', description: 'A Member and the cursor after it.' },
);

Member.implement({
  description: 'Membership of a user (or a pending invite) in an organization.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric member id." }),
    email: t.exposeString('email', { description: 'Email of the member or invite.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    role: t.exposeString('orgRole', {
      description: 'Organization role, e.g. "member" or "owner".',
    }),
    pending: t.exposeBoolean('pending', { description: 'An invite not yet accepted.' }),
    expired: t.exposeBoolean('expired', { description: 'An invite that expired.' }),
    inviteStatus: t.exposeString('inviteStatus', {
      description: 'e.g. "approved" or "requested_to_be_invited".',
    }),
    createdAt: t.field({
      description: 'When the member joined or was invited.',
      type: 'DateTime',
      resolve: (member) => member.dateCreated,
    }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The user account; null for a pending invite. Embedded: costs no call.',
      resolve: (member) =>
        member.user ? { ...member.user, organizationSlug: member.organizationSlug } : null,
    }),
  }),
});

builder.objectFields(Organization, (t) => ({
  members: t.connection(
    {
      type: Member,
      nullable: true,
      description: 'Members of the organization, invites included.',
      args: {
        query: t.arg.string({
          required: false,
          description: 'Sentry search, e.g. an email or `role:owner`.',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.members.list(org.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        const loader = Member.getDataloader(context);
        if (context.batching) {
          for (const member of page.items) loader.prime(memberKey(org.slug, member.id), member);
        }
        return pageToConnection(page, request);
      },
    },
    MemberConnection,
  ),
}));

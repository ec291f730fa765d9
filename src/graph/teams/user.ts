import type { Context } from '../../context.ts';
import { splitKey, type UserKey, userKey } from '../../loaders/keys.ts';
import { loadUsers } from '../../loaders/members.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryUser } from '../../sentry/types.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { full, isStub, type Stub } from '../schema-kit/stub.ts';

/** What an issue assignee embeds of a user. */
export type UserStub = Stub<
  'User',
  { organizationSlug: string; id: string; name?: string; email?: string | undefined }
>;
export type UserShape = OrgScoped<SentryUser> | UserStub;

export const User = builder.loadableNodeRef('User', {
  id: {
    resolve: (user) => userKey(user.organizationSlug, user.id),
    parse: (id) => userKey(...splitKey(id)),
  },
  load: loadWith<UserKey, UserShape>(loadUsers),
});

export function userStub(
  organizationSlug: string,
  user: { id: string; name?: string; email?: string | undefined },
): UserStub {
  return { stubOf: 'User', organizationSlug, ...user };
}

async function fullUser(user: UserShape, context: Context): Promise<OrgScoped<SentryUser>> {
  if (!isStub(user)) return user;
  return full(await User.getDataloader(context).load(userKey(user.organizationSlug, user.id)));
}

User.implement({
  description: 'A Sentry user account, as seen from an organization it belongs to.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric user id." }),
    name: t.string({
      description: 'Display name.',
      resolve: async (user, _args, context) => user.name ?? (await fullUser(user, context)).name,
    }),
    email: t.string({
      description: 'Primary email.',
      resolve: async (user, _args, context) => user.email ?? (await fullUser(user, context)).email,
    }),
    username: t.string({
      description: 'Login name.',
      resolve: async (user, _args, context) => (await fullUser(user, context)).username,
    }),
    avatarUrl: t.string({
      description: 'Avatar image URL.',
      nullable: true,
      resolve: async (user, _args, context) => (await fullUser(user, context)).avatarUrl || null,
    }),
    isActive: t.boolean({
      description: 'The account is active.',
      resolve: async (user, _args, context) => (await fullUser(user, context)).isActive,
    }),
    hasTwoFactorAuth: t.boolean({
      description: 'Two-factor authentication is on.',
      resolve: async (user, _args, context) => (await fullUser(user, context)).has2fa,
    }),
    joinedAt: t.field({
      description: 'When the account was created.',
      type: 'DateTime',
      resolve: async (user, _args, context) => (await fullUser(user, context)).dateJoined,
    }),
    lastLoginAt: t.field({
      description: 'Latest login.',
      type: 'DateTime',
      nullable: true,
      resolve: async (user, _args, context) => (await fullUser(user, context)).lastLogin,
    }),
    lastActiveAt: t.field({
      description: 'Latest activity.',
      type: 'DateTime',
      nullable: true,
      resolve: async (user, _args, context) => (await fullUser(user, context)).lastActive,
    }),
  }),
});

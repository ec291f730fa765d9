import type { Context } from '../../context.ts';
import { splitKey, type UserKey, userKey } from '../../loaders/keys.ts';
import { loadUsers } from '../../loaders/members.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryUser } from '../../sentry/types.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { full, isStub, type Loaded, pick, type Stub } from '../schema-kit/stub.ts';

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

function fullUser(user: UserShape, context: Context): Loaded<OrgScoped<SentryUser>> {
  if (!isStub(user)) return user;
  return User.getDataloader(context).load(userKey(user.organizationSlug, user.id)).then(full);
}

User.implement({
  description: 'A Sentry user account, as seen from an organization it belongs to.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric user id." }),
    name: t.string({
      description: 'Display name.',
      resolve: (user, _args, context) =>
        user.name ?? pick(fullUser(user, context), (body) => body.name),
    }),
    email: t.string({
      description: 'Primary email.',
      resolve: (user, _args, context) =>
        user.email ?? pick(fullUser(user, context), (body) => body.email),
    }),
    username: t.string({
      description: 'Login name.',
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.username),
    }),
    avatarUrl: t.string({
      description: 'Avatar image URL.',
      nullable: true,
      resolve: (user, _args, context) =>
        pick(fullUser(user, context), (body) => body.avatarUrl || null),
    }),
    isActive: t.boolean({
      description: 'The account is active.',
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.isActive),
    }),
    hasTwoFactorAuth: t.boolean({
      description: 'Two-factor authentication is on.',
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.has2fa),
    }),
    joinedAt: t.field({
      description: 'When the account was created.',
      type: 'DateTime',
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.dateJoined),
    }),
    lastLoginAt: t.field({
      description: 'Latest login.',
      type: 'DateTime',
      nullable: true,
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.lastLogin),
    }),
    lastActiveAt: t.field({
      description: 'Latest activity.',
      type: 'DateTime',
      nullable: true,
      resolve: (user, _args, context) => pick(fullUser(user, context), (body) => body.lastActive),
    }),
  }),
});

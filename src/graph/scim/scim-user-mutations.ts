/**
 * SCIM users: `provisionScimUser` (invite a member), `updateScimUser` (SCIM PatchOp; Sentry's one
 * change is `active: false`, which deletes the member) and `deprovisionScimUser`. They need the
 * SCIM scopes: `member:write` to provision and patch, `member:admin` to delete.
 */
import type { MemberKey } from '../../loaders/keys.ts';
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryScimUser } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { deleted } from '../schema-kit/mutations/deletes.ts';
import { checkEmail, checkSlugValue } from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import { attempt, type UserErrorShape, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { ScimUser } from './scim.ts';
import { forgetMember, organizationField, readMemberKey } from './scim-writes.ts';

export const ScimRole = builder.enumType('ScimRole', {
  description: 'The organization roles SCIM may give (not owner).',
  values: {
    BILLING: { value: 'billing', description: 'Payment and compliance details.' },
    MEMBER: { value: 'member', description: 'Views and acts on events.' },
    MANAGER: { value: 'manager', description: 'Manages teams, projects and membership.' },
    ADMIN: { value: 'admin', description: 'Global integrations, projects, teams.' },
  } as const,
});

interface ScimUserPayload {
  scimUser: OrgScoped<SentryScimUser> | null;
  deletedMemberId: string | null;
  organizationSlug: string | null;
  userErrors: UserErrorShape[];
}

const none = (errors: UserErrors): ScimUserPayload => ({
  scimUser: null,
  deletedMemberId: null,
  organizationSlug: null,
  userErrors: errors.list,
});

const userPayload = (mutation: string) =>
  payload<ScimUserPayload>(mutation, (t) => ({
    scimUser: t.field({
      type: ScimUser,
      nullable: true,
      description:
        'The SCIM user as Sentry stored it; null when it was deleted or `userErrors` says why.',
      resolve: (result) => result.scimUser,
    }),
    deletedMemberId: t.id({
      nullable: true,
      description: 'The `Member` this write deleted, for removing it from client caches.',
      resolve: (result) => result.deletedMemberId,
    }),
    organization: organizationField(t),
  }));

/** Deletes the member through SCIM; the payload of the deletion. */
async function deprovision(
  context: Parameters<typeof forgetMember>[0],
  errors: UserErrors,
  key: MemberKey,
  call: () => Promise<unknown>,
): Promise<ScimUserPayload> {
  const [org] = splitKey(key);
  const done = await deleted(
    errors,
    { target: ['input', 'memberId'], what: 'member' },
    call,
  ).finally(() => forgetMember(context, key));
  return {
    scimUser: null,
    deletedMemberId: done ? encodeGlobalId('Member', key) : null,
    organizationSlug: done ? org : null,
    userErrors: errors.list,
  };
}

builder.relayMutationField(
  'provisionScimUser',
  {
    description: 'The member to invite.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization to invite them to.' }),
      userName: t.string({ description: 'Their email (the IdP field SAML uses for email).' }),
      role: t.field({
        type: ScimRole,
        required: false,
        description: "Their organization role; the organization's default when left out.",
      }),
    }),
  },
  {
    description:
      'Invites a member through SCIM (marked as IdP-provisioned). One REST call: `POST /organizations/{org}/scim/v2/Users` (scope `member:write`).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimUserPayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(
        errors,
        ['input', 'organizationSlug'],
        input.organizationSlug,
        'organization',
      );
      const userName = checkEmail(errors, ['input', 'userName'], input.userName);
      if (errors.any) return none(errors);
      const user = await attempt(
        errors,
        {
          target: ['input', 'organizationSlug'],
          what: 'organization',
          fields: { userName: ['input', 'userName'] },
        },
        () =>
          context.sentry.scim.createUser(org, {
            userName,
            ...(input.role != null ? { sentryOrgRole: input.role } : {}),
          }),
      );
      if (!user) return none(errors);
      return { scimUser: user, deletedMemberId: null, organizationSlug: org, userErrors: [] };
    },
  },
  userPayload('provisionScimUser'),
);

builder.relayMutationField(
  'updateScimUser',
  {
    description: "A change to a member's SCIM attributes.",
    inputFields: (t) => ({
      memberId: t.id({ description: 'The `Member` to change.' }),
      active: t.boolean({
        description:
          "Sentry's one supported change: false deletes the member for good; true changes nothing.",
      }),
    }),
  },
  {
    description:
      'Sends a SCIM PatchOp for a member: `PATCH /organizations/{org}/scim/v2/Users/{id}` (scope `member:write`); with `active: true` the user is read back (`GET` of the SCIM user, a second call).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimUserPayload> => {
      const errors = new UserErrors();
      const key = readMemberKey(errors, ['input', 'memberId'], input.memberId);
      if (errors.any || !key) return none(errors);
      const [org, id] = splitKey(key);
      const patch = () =>
        context.sentry.scim.patchUser(org, id, [
          { op: 'replace', path: 'active', value: input.active },
        ]);
      if (!input.active) return deprovision(context, errors, key, patch);
      const user = await attempt(
        errors,
        { target: ['input', 'memberId'], what: 'member' },
        async () => {
          await patch();
          return context.sentry.scim.user(org, id);
        },
      );
      forgetMember(context, key);
      return user
        ? { scimUser: user, deletedMemberId: null, organizationSlug: org, userErrors: [] }
        : none(errors);
    },
  },
  userPayload('updateScimUser'),
);

builder.relayMutationField(
  'deprovisionScimUser',
  {
    description: 'The member to remove.',
    inputFields: (t) => ({ memberId: t.id({ description: 'The `Member` to remove.' }) }),
  },
  {
    description:
      "Removes a member through SCIM; it is gone from `Organization.members` at once (ask for the payload's `organization`). One REST call: `DELETE /organizations/{org}/scim/v2/Users/{id}` (scope `member:admin`).",
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimUserPayload> => {
      const errors = new UserErrors();
      const key = readMemberKey(errors, ['input', 'memberId'], input.memberId);
      if (errors.any || !key) return none(errors);
      const [org, id] = splitKey(key);
      return deprovision(context, errors, key, () => context.sentry.scim.deleteUser(org, id));
    },
  },
  userPayload('deprovisionScimUser'),
);

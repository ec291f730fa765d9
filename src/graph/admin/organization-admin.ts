/**
 * admin/: organization administration in the graph. `Organization.users` (members with the
 * projects they belong to), `updateOrganization` (the organization's PUT) and `removeMember`.
 */
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryOrganizationDetail,
  SentryOrganizationUpdate,
  SentryOrganizationUser,
} from '../../sentry/types.ts';
import { Organization } from '../organizations/organization.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { deleted } from '../schema-kit/mutations/deletes.ts';
import { checkSlugValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import {
  type DeletedPayload,
  deletedPayload,
  MUTATION_SCOPES,
  payload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, type UserErrorShape, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { forgetMember, readMemberKey } from '../scim/scim-writes.ts';
import { Member } from '../teams/member.ts';

const OrganizationUser = builder
  .objectRef<OrgScoped<SentryOrganizationUser>>('OrganizationUser')
  .implement({
    description: 'A member with a user account, and the projects the user belongs to.',
    fields: (t) => ({
      member: t.field({
        type: Member,
        description: 'The membership (embedded: no extra call).',
        resolve: (user) => user,
      }),
      projectSlugs: t.exposeStringList('projects', {
        description: 'Slugs of the projects whose teams the user is on.',
      }),
    }),
  });

const OrganizationUserConnection = builder.connectionObject(
  { type: OrganizationUser, name: 'OrganizationUserConnection', description: 'A page of users.' },
  { name: 'OrganizationUserEdge', description: 'An OrganizationUser and the cursor after it.' },
);

builder.objectFields(Organization, (t) => ({
  users: t.connection(
    {
      type: OrganizationUser,
      nullable: true,
      description:
        'Members with user accounts and their projects. One call per page: `GET /organizations/{org}/users/`.',
      args: {
        projectIds: t.arg.stringList({
          required: false,
          description: "Only users of these projects (Sentry's numeric project ids).",
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.organizations.users(org.slug, {
          ...request.params,
          ...(args.projectIds?.length ? { project: args.projectIds } : {}),
        });
        return pageToConnection(page, request);
      },
    },
    OrganizationUserConnection,
  ),
}));

const OrganizationRole = builder.enumType('OrganizationRole', {
  description: 'An organization role a setting may name.',
  values: {
    MEMBER: { value: 'member', description: 'Views and acts on events.' },
    ADMIN: { value: 'admin', description: 'Manages projects and teams.' },
    MANAGER: { value: 'manager', description: 'Manages membership too.' },
    OWNER: { value: 'owner', description: 'Everything, billing included.' },
  } as const,
});

interface OrganizationPayload {
  organization: SentryOrganizationDetail | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'updateOrganization',
  {
    description: "Changes to an organization's settings.",
    inputFields: (t) => ({
      slug: t.string({ description: 'The organization to change.' }),
      name: t.string({ required: false, description: 'A new display name (at most 64).' }),
      newSlug: t.string({ required: false, description: 'A new slug: changes its URLs.' }),
      defaultRole: t.field({
        type: OrganizationRole,
        required: false,
        description: 'The role new members get.',
      }),
    }),
  },
  {
    description:
      'Updates an organization. One REST call: `PUT /organizations/{org}/` (scope `org:write`).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<OrganizationPayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(errors, ['input', 'slug'], input.slug, 'organization');
      const body: SentryOrganizationUpdate = {};
      if (input.name != null) {
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64, required: true });
      }
      if (input.newSlug != null) {
        body.slug = checkSlugValue(errors, ['input', 'newSlug'], input.newSlug, 'organization');
      }
      if (input.defaultRole != null) body.defaultRole = input.defaultRole;
      if (Object.keys(body).length === 0 && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any) return { organization: null, userErrors: errors.list };
      const organization = await attempt(
        errors,
        {
          target: ['input', 'slug'],
          what: 'organization',
          fields: { name: ['input', 'name'], slug: ['input', 'newSlug'] },
        },
        () => context.sentry.organizations.update(org, body),
      );
      const loader = Organization.getDataloader(context);
      loader.clear(org);
      if (organization) {
        loader.clear(organization.slug);
        if (context.batching) loader.prime(organization.slug, organization);
      }
      return { organization: organization ?? null, userErrors: errors.list };
    },
  },
  payload<OrganizationPayload>('updateOrganization', (t) => ({
    organization: t.field({
      type: Organization,
      nullable: true,
      description: 'The organization as Sentry stored it; null when `userErrors` says why.',
      resolve: (result) => result.organization,
    }),
  })),
);

builder.relayMutationField(
  'removeMember',
  {
    description: 'The member (or invite) to remove.',
    inputFields: (t) => ({ id: t.id({ description: 'The `Member` to remove.' }) }),
  },
  {
    description:
      'Removes a member or cancels an invite; it is gone from `Organization.members` at once. One REST call: `DELETE /organizations/{org}/members/{id}/` (scope `member:admin`, or `member:read` to leave oneself).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeletedPayload<'deletedMemberId'>> => {
      const errors = new UserErrors();
      const key = readMemberKey(errors, ['input', 'id'], input.id);
      if (errors.any || !key) return { deletedMemberId: null, userErrors: errors.list };
      const [org, id] = splitKey(key);
      const done = await deleted(errors, { target: ['input', 'id'], what: 'member' }, () =>
        context.sentry.members.remove(org, id),
      ).finally(() => forgetMember(context, key));
      return {
        deletedMemberId: done ? encodeGlobalId('Member', key) : null,
        userErrors: errors.list,
      };
    },
  },
  deletedPayload('removeMember', 'deletedMemberId', 'The id of the removed member.'),
);

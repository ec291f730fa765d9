/**
 * scim/: SCIM v2 provisioning in the graph. `Organization.scimUsers` (members as SCIM Users) and
 * `Organization.scimGroups` (teams as SCIM Groups), connections over SCIM's `startIndex`/`count`
 * paging (the client turns it into pages with cursors), each row linking to its `Member` or
 * `Team`. Not `Node`s: they are views of members and teams, which are.
 */
import { memberKey, teamKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryScimGroup, SentryScimUser } from '../../sentry/types.ts';
import { Organization } from '../organizations/organization.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { Member } from '../teams/member.ts';
import { Team } from '../teams/team.ts';

/** A SCIM filter value, quoted as RFC 7644 §3.4.2.2 writes strings. */
export const scimFilter = (attribute: string, value: string): string =>
  `${attribute} eq "${value.replace(/["\\]/g, '\\$&')}"`;

export const ScimUser = builder.objectRef<OrgScoped<SentryScimUser>>('ScimUser').implement({
  description:
    'An organization member as SCIM sees it (approved members and SCIM invites; pending invites are not SCIM users).',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "The member's Sentry id." }),
    userName: t.exposeString('userName', { description: "The member's email (SCIM userName)." }),
    role: t.exposeString('sentryOrgRole', { description: 'Organization role, e.g. "member".' }),
    active: t.boolean({
      description: 'Always true: Sentry deletes a member SCIM deactivates.',
      resolve: (user) => user.active ?? true,
    }),
    member: t.field({
      type: Member,
      nullable: true,
      description: 'The member (one batched member read for all rows that ask).',
      resolve: (user, _args, context) =>
        Member.getDataloader(context).load(memberKey(user.organizationSlug, user.id)),
    }),
  }),
});

const ScimGroupMember = builder
  .objectRef<{ value: string; display: string; organizationSlug: string }>('ScimGroupMember')
  .implement({
    description: 'A member of a SCIM group (a team member).',
    fields: (t) => ({
      sentryId: t.exposeString('value', { description: "The member's Sentry id." }),
      display: t.exposeString('display', { description: "The member's email." }),
      member: t.field({
        type: Member,
        nullable: true,
        description: 'The member (one batched member read for all that ask).',
        resolve: (row, _args, context) =>
          Member.getDataloader(context).load(memberKey(row.organizationSlug, row.value)),
      }),
    }),
  });

export const ScimGroup = builder.objectRef<OrgScoped<SentryScimGroup>>('ScimGroup').implement({
  description: 'A team as SCIM sees it.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "The team's Sentry id." }),
    displayName: t.exposeString('displayName', { description: "The team's slug." }),
    members: t.field({
      type: [ScimGroupMember],
      nullable: true,
      description:
        'Its members (up to 10,000); null when the list was read with `withMembers: false`.',
      resolve: (group) =>
        group.members?.map((row) => ({ ...row, organizationSlug: group.organizationSlug })) ?? null,
    }),
    team: t.field({
      type: Team,
      nullable: true,
      description: 'The team (one batched team read).',
      resolve: (group, _args, context) =>
        Team.getDataloader(context).load(teamKey(group.organizationSlug, group.id)),
    }),
  }),
});

const ScimUserConnection = builder.connectionObject(
  { type: ScimUser, name: 'ScimUserConnection', description: 'A page of SCIM users.' },
  { name: 'ScimUserEdge', description: 'A ScimUser and the cursor after it.' },
);

const ScimGroupConnection = builder.connectionObject(
  { type: ScimGroup, name: 'ScimGroupConnection', description: 'A page of SCIM groups.' },
  { name: 'ScimGroupEdge', description: 'A ScimGroup and the cursor after it.' },
);

builder.objectFields(Organization, (t) => ({
  scimUsers: t.connection(
    {
      type: ScimUser,
      nullable: true,
      description:
        "Members as SCIM users, by email. One call per page: `GET /organizations/{org}/scim/v2/Users` (scope `member:read`; the organization needs SCIM enabled on real Sentry). `totalCount` is SCIM's `totalResults`.",
      args: {
        userName: t.arg.string({
          required: false,
          description: 'Only the member with this email (SCIM `userName eq`, case-insensitive).',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.scim.users(org.slug, {
          ...request.params,
          ...(args.userName != null ? { filter: scimFilter('userName', args.userName) } : {}),
        });
        return pageToConnection(page, request);
      },
    },
    ScimUserConnection,
  ),
  scimGroups: t.connection(
    {
      type: ScimGroup,
      nullable: true,
      description:
        "Teams as SCIM groups, by id. One call per page: `GET /organizations/{org}/scim/v2/Groups` (scope `team:read`). `totalCount` is SCIM's `totalResults`.",
      args: {
        displayName: t.arg.string({
          required: false,
          description: 'Only the team with this slug (SCIM `displayName eq`).',
        }),
        withMembers: t.arg.boolean({
          required: false,
          defaultValue: true,
          description: 'False leaves `members` out (`excludedAttributes=members`): a lighter read.',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.scim.groups(org.slug, {
          ...request.params,
          ...(args.displayName != null
            ? { filter: scimFilter('displayName', args.displayName) }
            : {}),
          ...(args.withMembers === false ? { excludedAttributes: 'members' } : {}),
        });
        return pageToConnection(page, request);
      },
    },
    ScimGroupConnection,
  ),
}));

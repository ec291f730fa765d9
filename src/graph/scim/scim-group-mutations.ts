/**
 * SCIM groups: `provisionScimGroup` (a new, empty team), `updateScimGroup` (rename, add, remove or
 * replace members: one SCIM PatchOp) and `deprovisionScimGroup` (delete the team). Scopes:
 * `team:write` to provision and patch, `team:admin` to delete.
 */
import type { MemberKey, TeamKey } from '../../loaders/keys.ts';
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { ScimOperation, SentryScimGroup } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { deleted } from '../schema-kit/mutations/deletes.ts';
import { checkSlugValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  type FieldPath,
  type UserErrorShape,
  UserErrors,
} from '../schema-kit/mutations/user-errors.ts';
import { ScimGroup } from './scim.ts';
import {
  forgetScimTeam,
  organizationField,
  readMemberKey,
  readScimTeamKey,
} from './scim-writes.ts';

/** Sentry's longest team name. */
const MAX_NAME = 64;
const MAX_MEMBERS = 100;

interface ScimGroupPayload {
  scimGroup: OrgScoped<SentryScimGroup> | null;
  deletedTeamId: string | null;
  organizationSlug: string | null;
  userErrors: UserErrorShape[];
}

const none = (errors: UserErrors): ScimGroupPayload => ({
  scimGroup: null,
  deletedTeamId: null,
  organizationSlug: null,
  userErrors: errors.list,
});

const groupPayload = (mutation: string) =>
  payload<ScimGroupPayload>(mutation, (t) => ({
    scimGroup: t.field({
      type: ScimGroup,
      nullable: true,
      description:
        'The SCIM group as Sentry stored it; null when deleted or `userErrors` says why.',
      resolve: (result) => result.scimGroup,
    }),
    deletedTeamId: t.id({
      nullable: true,
      description: 'The `Team` this write deleted, for removing it from client caches.',
      resolve: (result) => result.deletedTeamId,
    }),
    organization: organizationField(t),
  }));

/** Member ids of one organization, from `Member` global ids. */
function readMembers(
  errors: UserErrors,
  field: string,
  ids: readonly string[] | null | undefined,
  org: string,
): string[] | undefined {
  if (ids == null) return undefined;
  const path: FieldPath = ['input', field];
  if (ids.length > MAX_MEMBERS) {
    errors.add('TOO_MANY', `At most ${MAX_MEMBERS} members per list.`, path);
    return undefined;
  }
  const keys = ids.map((id, index) => readMemberKey(errors, [...path, index], id));
  const valid = keys.filter((key): key is MemberKey => key !== undefined);
  valid.forEach((key, index) => {
    if (splitKey(key)[0] !== org) {
      errors.add('WRONG_ORGANIZATION', 'A member of another organization.', [...path, index]);
    }
  });
  return valid.map((key) => splitKey(key)[1]);
}

builder.relayMutationField(
  'provisionScimGroup',
  {
    description: 'The team to create.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization to create it in.' }),
      displayName: t.string({
        description: `At most ${MAX_NAME} characters; Sentry lower-cases and dashes it into the slug.`,
      }),
    }),
  },
  {
    description:
      'Creates an empty team through SCIM. One REST call: `POST /organizations/{org}/scim/v2/Groups` (scope `team:write`).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimGroupPayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(
        errors,
        ['input', 'organizationSlug'],
        input.organizationSlug,
        'organization',
      );
      const displayName = checkText(errors, ['input', 'displayName'], input.displayName, {
        max: MAX_NAME,
        required: true,
      });
      if (errors.any) return none(errors);
      const group = await attempt(
        errors,
        {
          target: ['input', 'organizationSlug'],
          what: 'organization',
          fields: { displayName: ['input', 'displayName'] },
        },
        () => context.sentry.scim.createGroup(org, { displayName }),
      );
      return group
        ? { scimGroup: group, deletedTeamId: null, organizationSlug: org, userErrors: [] }
        : none(errors);
    },
  },
  groupPayload('provisionScimGroup'),
);

builder.relayMutationField(
  'updateScimGroup',
  {
    description: 'Changes to a team, as one SCIM PatchOp.',
    inputFields: (t) => ({
      teamId: t.id({ description: 'The `Team` to change.' }),
      displayName: t.string({ required: false, description: 'A new name (and slug from it).' }),
      addMemberIds: t.idList({ required: false, description: '`Member`s to add to the team.' }),
      removeMemberIds: t.idList({
        required: false,
        description: '`Member`s to take off the team.',
      }),
      replaceMemberIds: t.idList({
        required: false,
        description: 'The whole new member set (not with `addMemberIds`/`removeMemberIds`).',
      }),
    }),
  },
  {
    description:
      'Renames a team or changes its members through SCIM: `PATCH /organizations/{org}/scim/v2/Groups/{id}` (scope `team:write`), then `GET` of the group to return it (two calls).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimGroupPayload> => {
      const errors = new UserErrors();
      const key = readScimTeamKey(errors, ['input', 'teamId'], input.teamId);
      if (errors.any || !key) return none(errors);
      const [org, teamId] = splitKey(key) as [string, string];
      const operations: ScimOperation[] = [];
      if (input.displayName != null) {
        const displayName = checkText(errors, ['input', 'displayName'], input.displayName, {
          max: MAX_NAME,
          required: true,
        });
        operations.push({ op: 'replace', value: { id: teamId, displayName } });
      }
      const add = readMembers(errors, 'addMemberIds', input.addMemberIds, org);
      const remove = readMembers(errors, 'removeMemberIds', input.removeMemberIds, org);
      const replace = readMembers(errors, 'replaceMemberIds', input.replaceMemberIds, org);
      if (replace && (add || remove)) {
        errors.add(
          'CONFLICTING_FIELDS',
          '`replaceMemberIds` sets the whole member set: leave out `addMemberIds` and `removeMemberIds`.',
          ['input', 'replaceMemberIds'],
        );
      }
      if (add?.length) {
        operations.push({ op: 'add', path: 'members', value: add.map((value) => ({ value })) });
      }
      for (const id of remove ?? []) {
        operations.push({ op: 'remove', path: `members[value eq "${id}"]` });
      }
      if (replace) {
        operations.push({
          op: 'replace',
          path: 'members',
          value: replace.map((value) => ({ value })),
        });
      }
      if (operations.length === 0 && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any) return none(errors);
      const group = await attempt(
        errors,
        { target: ['input', 'teamId'], what: 'team or member' },
        async () => {
          await context.sentry.scim.patchGroup(org, teamId, operations);
          return context.sentry.scim.group(org, teamId);
        },
      ).finally(() => forgetScimTeam(context, key));
      return group
        ? { scimGroup: group, deletedTeamId: null, organizationSlug: org, userErrors: [] }
        : none(errors);
    },
  },
  groupPayload('updateScimGroup'),
);

builder.relayMutationField(
  'deprovisionScimGroup',
  {
    description: 'The team to delete.',
    inputFields: (t) => ({ teamId: t.id({ description: 'The `Team` to delete.' }) }),
  },
  {
    description:
      'Deletes a team through SCIM. One REST call: `DELETE /organizations/{org}/scim/v2/Groups/{id}` (scope `team:admin`).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ScimGroupPayload> => {
      const errors = new UserErrors();
      const key: TeamKey | undefined = readScimTeamKey(errors, ['input', 'teamId'], input.teamId);
      if (errors.any || !key) return none(errors);
      const [org, teamId] = splitKey(key);
      const done = await deleted(errors, { target: ['input', 'teamId'], what: 'team' }, () =>
        context.sentry.scim.deleteGroup(org, teamId),
      ).finally(() => forgetScimTeam(context, key));
      return {
        scimGroup: null,
        deletedTeamId: done ? encodeGlobalId('Team', key) : null,
        organizationSlug: done ? org : null,
        userErrors: errors.list,
      };
    },
  },
  groupPayload('deprovisionScimGroup'),
);

/**
 * Teams: create, rename and delete teams. Sentry addresses teams by id or slug, so the numeric
 * id inside a `Team` global id is used as is.
 */
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryTeam, SentryTeamCreate } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import { checkSlugValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  type FieldPath,
  UserErrors,
  type WriteFailureOptions,
} from '../schema-kit/mutations/user-errors.ts';
import { forgetTeam, fullTeam, Team } from './team.ts';
import { parseTeamKey, readTeamKey, refreshTeam } from './team-writes.ts';

/** Sentry's longest team name. */
const MAX_TEAM_NAME = 64;
const TEAM_FIELDS: Record<string, FieldPath> = {
  slug: ['input', 'slug'],
  name: ['input', 'name'],
};

type TeamPayload = StoredPayload<'team', OrgScoped<SentryTeam>>;

builder.relayMutationField(
  'createTeam',
  {
    description: 'A new team: give a `name`, a `slug`, or both.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization to create it in.' }),
      name: t.string({
        required: false,
        description: `At most ${MAX_TEAM_NAME} characters; the slug is derived from it when left out.`,
      }),
      slug: t.string({ required: false, description: 'Derived from `name` when left out.' }),
    }),
  },
  {
    description: 'Creates a team. One REST call: `POST /organizations/{org}/teams/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<TeamPayload> => {
      const errors = new UserErrors();
      const org = checkSlugValue(
        errors,
        ['input', 'organizationSlug'],
        input.organizationSlug,
        'organization',
      );
      const body: SentryTeamCreate = {};
      if (input.name != null) {
        body.name = checkText(errors, ['input', 'name'], input.name, {
          max: MAX_TEAM_NAME,
          required: true,
        });
      }
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'team');
      if (body.name == null && body.slug == null) {
        errors.add('MISSING_FIELD', 'Give the team a `name` or a `slug`.', ['input', 'name']);
      }
      if (errors.any) return { team: null, userErrors: errors.list };
      const team = await attempt(
        errors,
        { target: ['input', 'organizationSlug'], what: 'organization', fields: TEAM_FIELDS },
        () => context.sentry.teams.create(org, body),
      );
      if (team) refreshTeam(context, team);
      return { team: team ?? null, userErrors: errors.list };
    },
  },
  storedPayload('createTeam', 'team', Team, 'team'),
);

builder.relayMutationField(
  'updateTeam',
  {
    description: 'A new name or slug for a team.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Team` to change.' }),
      name: t.string({ required: false, description: 'A new display name.' }),
      slug: t.string({
        required: false,
        description: 'A new slug: changes its URLs and `#slug` mentions.',
      }),
    }),
  },
  {
    description:
      "Renames a team. One REST call, `PUT /teams/{org}/{team}/`, when `slug` is given; Sentry's documented body needs the slug, so without one the team is read first (one batched call, none if this request already loaded it).",
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<TeamPayload> => {
      const errors = new UserErrors();
      const key = readTeamKey(errors, ['input', 'id'], input.id);
      const name =
        input.name == null
          ? undefined
          : checkText(errors, ['input', 'name'], input.name, {
              max: MAX_TEAM_NAME,
              required: true,
            });
      const slug =
        input.slug == null
          ? undefined
          : checkSlugValue(errors, ['input', 'slug'], input.slug, 'team');
      if (name === undefined && slug === undefined && !errors.any) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !key) return { team: null, userErrors: errors.list };
      const [org, teamId] = splitKey(key);
      const failure: WriteFailureOptions = {
        target: ['input', 'id'],
        what: 'team',
        fields: TEAM_FIELDS,
      };
      const currentSlug =
        slug ??
        (await attempt(errors, failure, async () => {
          const team = await Team.getDataloader(context).load(key);
          return (await fullTeam(team, context)).slug;
        }));
      if (currentSlug === undefined) return { team: null, userErrors: errors.list };
      const team = await attempt(errors, failure, () =>
        context.sentry.teams.update(org, teamId, {
          slug: currentSlug,
          ...(name !== undefined ? { name } : {}),
        }),
      );
      if (team) refreshTeam(context, team);
      return { team: team ?? null, userErrors: errors.list };
    },
  },
  storedPayload('updateTeam', 'team', Team, 'team'),
);

deleteByIdMutation('deleteTeam', {
  typename: 'Team',
  parse: parseTeamKey,
  input: 'The team to delete.',
  id: 'The `Team` to delete.',
  description: 'Deletes a team; its projects stay. One REST call: `DELETE /teams/{org}/{team}/`.',
  what: 'team',
  field: 'deletedTeamId',
  fieldDescription: 'The id of the deleted team, for removing it from client caches.',
  remove: (context, key) => context.sentry.teams.delete(...splitKey(key)),
  forget: (context, key) => forgetTeam(context, ...splitKey(key)),
});

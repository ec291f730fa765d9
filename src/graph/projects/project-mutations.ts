/**
 * Project administration: create (under a team), update and delete projects. Sentry addresses
 * projects by id or slug, so the numeric id inside a `Project` global id is used as is: every
 * mutation here costs one call.
 */
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryProject,
  SentryProjectCreate,
  SentryProjectUpdate,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import { checkSlugValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, type FieldPath, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { readTeamKey } from '../teams/team-writes.ts';
import { forgetProject, Project } from './project.ts';
import { parseProjectKey, readProjectId, refreshProject } from './project-writes.ts';

/** Sentry's longest auto-resolve age: 720 hours. */
const MAX_RESOLVE_AGE_HOURS = 720;
const PLATFORM = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

function checkPlatform(errors: UserErrors, path: FieldPath, platform: string): string {
  if (platform.length > 64 || !PLATFORM.test(platform)) {
    errors.add('INVALID_VALUE', 'Not a platform id, e.g. "python" or "javascript-react".', path);
  }
  return platform;
}

type ProjectPayload = StoredPayload<'project', OrgScoped<SentryProject>>;

builder.relayMutationField(
  'createProject',
  {
    description: 'A new project.',
    inputFields: (t) => ({
      teamId: t.id({
        description: 'The `Team` that owns it (Sentry creates projects under a team).',
      }),
      name: t.string({ description: 'At most 50 characters.' }),
      slug: t.string({ required: false, description: 'Derived from `name` when left out.' }),
      platform: t.string({ required: false, description: 'e.g. "python" or "javascript-react".' }),
      defaultRules: t.boolean({
        required: false,
        description: 'Create the default alert rule. @default true',
      }),
    }),
  },
  {
    description:
      'Creates a project under a team. One REST call: `POST /teams/{org}/{team}/projects/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectPayload> => {
      const errors = new UserErrors();
      const team = readTeamKey(errors, ['input', 'teamId'], input.teamId);
      const body: SentryProjectCreate = {
        name: checkText(errors, ['input', 'name'], input.name, { max: 50, required: true }),
      };
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'project');
      if (input.platform != null)
        body.platform = checkPlatform(errors, ['input', 'platform'], input.platform);
      if (input.defaultRules != null) body.default_rules = input.defaultRules;
      if (errors.any || !team) return { project: null, userErrors: errors.list };
      const [org, teamId] = splitKey(team);
      const project = await attempt(
        errors,
        {
          target: ['input', 'teamId'],
          what: 'team',
          fields: {
            name: ['input', 'name'],
            slug: ['input', 'slug'],
            platform: ['input', 'platform'],
          },
        },
        () => context.sentry.projects.create(org, teamId, body),
      );
      if (project) refreshProject(context, project);
      return { project: project ?? null, userErrors: errors.list };
    },
  },
  storedPayload('createProject', 'project', Project, 'project'),
);

builder.relayMutationField(
  'updateProject',
  {
    description: 'Changes to a project. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `Project` to change.' }),
      name: t.string({ required: false, description: 'A new display name.' }),
      slug: t.string({ required: false, description: 'A new slug: changes its URLs.' }),
      platform: t.string({ required: false, description: '`null` clears it.' }),
      isBookmarked: t.boolean({ required: false, description: "For the token's user." }),
      subjectPrefix: t.string({ required: false, description: 'Prefix of notification emails.' }),
      resolveAge: t.int({
        required: false,
        description: `Resolve issues not seen for this many hours (0 to ${MAX_RESOLVE_AGE_HOURS}, 0 = never); \`null\` turns it off.`,
      }),
    }),
  },
  {
    description: 'Changes a project. One REST call: `PUT /projects/{org}/{project}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectPayload> => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'id'], input.id);
      const body: SentryProjectUpdate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 200, required: true });
      if (input.slug != null)
        body.slug = checkSlugValue(errors, ['input', 'slug'], input.slug, 'project');
      if (input.platform !== undefined) {
        body.platform =
          input.platform === null
            ? null
            : checkPlatform(errors, ['input', 'platform'], input.platform);
      }
      if (input.isBookmarked != null) body.isBookmarked = input.isBookmarked;
      if (input.subjectPrefix != null)
        body.subjectPrefix = checkText(errors, ['input', 'subjectPrefix'], input.subjectPrefix, {
          max: 200,
        });
      if (input.resolveAge !== undefined) {
        const age = input.resolveAge;
        if (age !== null && (age < 0 || age > MAX_RESOLVE_AGE_HOURS)) {
          errors.add('INVALID_VALUE', `Between 0 and ${MAX_RESOLVE_AGE_HOURS} hours.`, [
            'input',
            'resolveAge',
          ]);
        }
        body.resolveAge = age;
      }
      if (Object.keys(body).length === 0 && !errors.any)
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      if (errors.any || !target) return { project: null, userErrors: errors.list };
      const [org, projectId] = target;
      const project = await attempt(errors, { target: ['input', 'id'], what: 'project' }, () =>
        context.sentry.projects.update(org, projectId, body),
      );
      if (project) refreshProject(context, project);
      return { project: project ?? null, userErrors: errors.list };
    },
  },
  storedPayload('updateProject', 'project', Project, 'project'),
);

deleteByIdMutation('deleteProject', {
  typename: 'Project',
  parse: parseProjectKey,
  input: 'The project to delete.',
  id: 'The `Project` to delete.',
  description:
    'Deletes a project with its issues and events (Sentry schedules it). One REST call: `DELETE /projects/{org}/{project}/`.',
  what: 'project',
  field: 'deletedProjectId',
  fieldDescription: 'The id of the deleted project, for removing it from client caches.',
  remove: (context, key) => context.sentry.projects.delete(...splitKey(key)),
  forget: (context, key) => forgetProject(context, ...splitKey(key)),
});

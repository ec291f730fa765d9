/** Client keys (DSNs) of a project: create, update and delete them. One call each. */
import type { SentryProjectKeyCreate, SentryProjectKeyUpdate } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import { checkText } from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { ProjectKey, type ProjectKeyShape } from './project-key.ts';
import { splitProjectResourceKey } from './project-resource-keys.ts';
import { parseProjectResourceKey, readProjectId, readProjectResourceId } from './project-writes.ts';

/** Sentry's longest client-key rate-limit window: one day, in seconds. */
const MAX_RATE_WINDOW_SECONDS = 24 * 60 * 60;

const ProjectKeyRateLimitInput = builder.inputType('ProjectKeyRateLimitInput', {
  description: 'How many events a client key may send per window.',
  fields: (t) => ({
    count: t.int({ description: 'Events per window (0 or more).' }),
    window: t.int({ description: `Window length in seconds (1 to ${MAX_RATE_WINDOW_SECONDS}).` }),
  }),
});

function rateLimitBody(
  errors: UserErrors,
  rateLimit: { count: number; window: number } | null,
): { count: number | null; window: number | null } {
  if (rateLimit === null) return { count: null, window: null };
  if (rateLimit.count < 0)
    errors.add('INVALID_VALUE', 'At least 0.', ['input', 'rateLimit', 'count']);
  if (rateLimit.window < 1 || rateLimit.window > MAX_RATE_WINDOW_SECONDS) {
    errors.add('INVALID_VALUE', `Between 1 and ${MAX_RATE_WINDOW_SECONDS} seconds.`, [
      'input',
      'rateLimit',
      'window',
    ]);
  }
  return { count: rateLimit.count, window: rateLimit.window };
}

type ProjectKeyPayload = StoredPayload<'projectKey', ProjectKeyShape>;

builder.relayMutationField(
  'createProjectKey',
  {
    description: 'A new client key (DSN) for a project.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project`.' }),
      name: t.string({ required: false, description: 'At most 64 characters.' }),
      rateLimit: t.field({
        type: ProjectKeyRateLimitInput,
        required: false,
        description: 'Unlimited when left out.',
      }),
    }),
  },
  {
    description: 'Creates a client key. One REST call: `POST /projects/{org}/{project}/keys/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectKeyPayload> => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const body: SentryProjectKeyCreate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64 });
      if (input.rateLimit != null) body.rateLimit = rateLimitBody(errors, input.rateLimit);
      if (errors.any || !target) return { projectKey: null, userErrors: errors.list };
      const [org, projectId] = target;
      const key = await attempt(errors, { target: ['input', 'projectId'], what: 'project' }, () =>
        context.sentry.projectKeys.create(org, projectId, body),
      );
      return { projectKey: key ?? null, userErrors: errors.list };
    },
  },
  storedPayload('createProjectKey', 'projectKey', ProjectKey, 'key'),
);

builder.relayMutationField(
  'updateProjectKey',
  {
    description: 'Changes to a client key. Fields left out stay as they are.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `ProjectKey` (its `id` field).' }),
      name: t.string({ required: false, description: 'A new label.' }),
      isActive: t.boolean({
        required: false,
        description: 'False makes Sentry refuse its events.',
      }),
      rateLimit: t.field({
        type: ProjectKeyRateLimitInput,
        required: false,
        description: '`null` removes the limit.',
      }),
    }),
  },
  {
    description:
      'Changes a client key. One REST call: `PUT /projects/{org}/{project}/keys/{key}/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ProjectKeyPayload> => {
      const errors = new UserErrors();
      const target = readProjectResourceId(errors, input.id, 'ProjectKey');
      const body: SentryProjectKeyUpdate = {};
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64, required: true });
      if (input.isActive != null) body.isActive = input.isActive;
      if (input.rateLimit !== undefined) body.rateLimit = rateLimitBody(errors, input.rateLimit);
      if (Object.keys(body).length === 0 && !errors.any)
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      if (errors.any || !target) return { projectKey: null, userErrors: errors.list };
      const [org, projectId, keyId] = target;
      const key = await attempt(errors, { target: ['input', 'id'], what: 'client key' }, () =>
        context.sentry.projectKeys.update(org, projectId, keyId, body),
      );
      return { projectKey: key ?? null, userErrors: errors.list };
    },
  },
  storedPayload('updateProjectKey', 'projectKey', ProjectKey, 'key'),
);

deleteByIdMutation('deleteProjectKey', {
  typename: 'ProjectKey',
  parse: parseProjectResourceKey,
  input: 'The client key to delete.',
  id: 'The `ProjectKey` (its `id` field).',
  description:
    'Deletes a client key: SDKs using its DSN can no longer send events. One REST call: `DELETE /projects/{org}/{project}/keys/{key}/`.',
  what: 'client key',
  field: 'deletedProjectKeyId',
  fieldDescription: 'The id of the deleted key.',
  remove: (context, key) => context.sentry.projectKeys.delete(...splitProjectResourceKey(key)),
});

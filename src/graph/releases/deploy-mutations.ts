/** `createDeploy`: a deploy of a release to an environment, as CI scripts record it. */
import { type ReleaseKey, splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryDeploy } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import {
  checkEnvironment,
  checkSlugList,
  checkText,
  checkUrl,
} from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import { attempt, type UserErrorShape, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Deploy } from './deploy.ts';
import { Release } from './release.ts';
import { readReleaseKey, releaseLocatorFields, releaseTarget } from './release-inputs.ts';

interface DeployPayload {
  deploy: OrgScoped<SentryDeploy> | null;
  release: ReleaseKey | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'createDeploy',
  {
    description: 'A deploy of a release to an environment.',
    inputFields: (t) => ({
      ...releaseLocatorFields(t),
      environment: t.string({ description: 'e.g. "production": no spaces or slashes.' }),
      name: t.string({
        required: false,
        description: 'A label, e.g. the CI run (at most 64 characters).',
      }),
      url: t.string({ required: false, description: 'A link to the deploy, e.g. a CI job.' }),
      startedAt: t.field({
        type: 'DateTime',
        required: false,
        description: 'When the deploy began.',
      }),
      finishedAt: t.field({
        type: 'DateTime',
        required: false,
        description: 'Defaults to now.',
      }),
      projects: t.stringList({
        required: false,
        description: 'Slugs of the release projects deployed; all of them when left out.',
      }),
    }),
  },
  {
    description:
      'Records a deploy of a release. One REST call: `POST /organizations/{org}/releases/{version}/deploys/`; `release` in the payload costs one more (its deploy count changed).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeployPayload> => {
      const errors = new UserErrors();
      const key = readReleaseKey(errors, input);
      const environment = checkEnvironment(errors, ['input', 'environment'], input.environment);
      const body: Parameters<typeof context.sentry.releases.createDeploy>[2] = { environment };
      if (input.name != null)
        body.name = checkText(errors, ['input', 'name'], input.name, { max: 64 });
      if (input.url != null) body.url = checkUrl(errors, ['input', 'url'], input.url);
      if (input.startedAt != null) body.dateStarted = input.startedAt;
      if (input.finishedAt != null) body.dateFinished = input.finishedAt;
      if (
        input.startedAt != null &&
        input.finishedAt != null &&
        input.startedAt > input.finishedAt
      ) {
        errors.add('CONFLICTING_FIELDS', '`startedAt` is after `finishedAt`.', [
          'input',
          'startedAt',
        ]);
      }
      if (input.projects != null) {
        body.projects = checkSlugList(errors, ['input', 'projects'], input.projects, {
          what: 'project',
          required: true,
        });
      }
      if (errors.any || !key) return { deploy: null, release: null, userErrors: errors.list };
      const [org, version] = splitKey(key);
      const deploy = await attempt(
        errors,
        {
          target: releaseTarget(input),
          what: 'release',
          fields: { environment: ['input', 'environment'], projects: ['input', 'projects'] },
        },
        () => context.sentry.releases.createDeploy(org, version, body),
      ).finally(() => Release.getDataloader(context).clear(key));
      return { deploy: deploy ?? null, release: deploy ? key : null, userErrors: errors.list };
    },
  },
  payload<DeployPayload>('createDeploy', (t) => ({
    deploy: t.field({
      type: Deploy,
      nullable: true,
      description: 'The deploy as Sentry stored it; null when `userErrors` says why.',
      resolve: (result) => result.deploy,
    }),
    release: t.field({
      type: Release,
      nullable: true,
      description: 'The release, read again (one call): its deploy count and last deploy changed.',
      resolve: (result) => result.release,
    }),
  })),
);

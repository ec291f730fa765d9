import type { Context } from '../context.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { Page } from '../sentry/http/pagination.ts';
import type { SentryDeploy } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { type PageRequest, pageRequest, pageToConnection } from './connections.ts';
import { type PrefetchParents, prefetchable } from './prefetch.ts';
import { fullRelease, Release } from './release.ts';

export const Deploy = builder.objectRef<SentryDeploy>('Deploy').implement({
  description: 'A deploy of a release to an environment.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    environment: t.exposeString('environment', { description: 'e.g. "production".' }),
    name: t.exposeString('name', {
      description: 'Name of the deploy, e.g. "backend@1.4.0 to production".',
      nullable: true,
    }),
    url: t.exposeString('url', { description: 'Link to the deploy in CI.', nullable: true }),
    startedAt: t.field({
      description: 'When the deploy started.',
      type: 'DateTime',
      nullable: true,
      resolve: (deploy) => deploy.dateStarted,
    }),
    finishedAt: t.field({
      description: 'When the deploy finished.',
      type: 'DateTime',
      resolve: (deploy) => deploy.dateFinished,
    }),
  }),
});

export const DeployConnection = builder.connectionObject(
  { type: Deploy, name: 'DeployConnection', description: 'A page of deploys.' },
  { name: 'DeployEdge', description: 'A Deploy and the cursor after it.' },
);

/** The call behind a release's `deploys`: it needs only the release's key. */
function readDeploys(
  context: Context,
  release: PrefetchParents['Release'],
  request: PageRequest,
): Promise<Page<OrgScoped<SentryDeploy>>> {
  return context.sentry.releases.deploys(release.organizationSlug, release.version, request.params);
}

prefetchable('Release', 'deploys', (context, release, { args }) =>
  readDeploys(context, release, pageRequest(args)),
);

builder.objectFields(Release, (t) => ({
  deploys: t.connection(
    {
      type: Deploy,
      nullable: true,
      description:
        'Deploys of the release, newest first (one call per release: Sentry has no bulk read).',
      resolve: async (release, args, context) => {
        const request = pageRequest(args);
        const page = await readDeploys(context, release, request);
        return pageToConnection(page, request);
      },
    },
    DeployConnection,
  ),
  lastDeploy: t.field({
    type: Deploy,
    nullable: true,
    description: 'The newest deploy, when the release body embeds it (no extra call then).',
    resolve: async (release, _args, context) =>
      (release.lastDeploy !== undefined
        ? release.lastDeploy
        : (await fullRelease(release, context)).lastDeploy) ?? null,
  }),
}));

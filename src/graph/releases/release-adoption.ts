/**
 * `Release.adoptionStages`: per project, whether the release is adopted, low in adoption or
 * replaced, from Sentry's `adoptionStages` (the release detail asked with `adoptionStages=1`:
 * one call per release, free when the parent's body already carries them).
 */
import type { Context } from '../../context.ts';
import { settleEach } from '../../loaders/settle-each.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryRelease, SentryReleaseAdoptionStage } from '../../sentry/types.ts';
import { Project, type ProjectStub, projectStub } from '../projects/project.ts';
import { requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { isStub } from '../schema-kit/stub.ts';
import { Release, type ReleaseShape } from './release.ts';

/** `org\u0000version` → the release detail with `adoptionStages`. */
const withAdoption = requestLoader((sentry, keys: readonly string[]) =>
  settleEach(keys, (key) => {
    const [org, version] = key.split('\u0000') as [string, string];
    return sentry.releases.getWithAdoptionStages(org, version);
  }),
);

async function adoptionBody(
  release: ReleaseShape,
  context: Context,
): Promise<OrgScoped<SentryRelease>> {
  if (!isStub(release) && release.adoptionStages) return release;
  return withAdoption(context).load(`${release.organizationSlug}\u0000${release.version}`);
}

const STAGES = ['adopted', 'low_adoption', 'replaced'] as const;

export const AdoptionStage = builder.enumType('AdoptionStage', {
  description: "A release's adoption in a project, as Sentry's release health judges it.",
  values: {
    ADOPTED: { value: 'adopted', description: 'Enough of the sessions run it.' },
    LOW_ADOPTION: { value: 'low_adoption', description: 'Too few sessions run it (yet).' },
    REPLACED: { value: 'replaced', description: 'Was adopted, then a later release took over.' },
    UNKNOWN: { value: 'unknown', description: 'A stage Sentry added later.' },
  } as const,
});

interface AdoptionShape extends SentryReleaseAdoptionStage {
  project: ProjectStub;
}

export const ReleaseAdoption = builder.objectRef<AdoptionShape>('ReleaseAdoption').implement({
  description: 'The adoption of a release in one of its projects.',
  fields: (t) => ({
    project: t.field({
      type: Project,
      description: 'The project; `id`, `slug`, `name` and `platform` cost no call.',
      resolve: (adoption) => adoption.project,
    }),
    stage: t.field({
      type: AdoptionStage,
      resolve: (adoption) =>
        (STAGES as readonly string[]).includes(adoption.stage)
          ? (adoption.stage as (typeof STAGES)[number])
          : 'unknown',
    }),
    adoptedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it became adopted.',
      resolve: (adoption) => adoption.adopted ?? null,
    }),
    unadoptedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it stopped being adopted (replaced).',
      resolve: (adoption) => adoption.unadopted ?? null,
    }),
  }),
});

builder.objectFields(Release, (t) => ({
  adoptionStages: t.field({
    type: [ReleaseAdoption],
    description:
      "Its adoption stage in each of its projects. Sentry sends them only when asked (`adoptionStages=1`): one release detail call per release, free when the parent's body carries them.",
    resolve: async (release, _args, context) => {
      const body = await adoptionBody(release, context);
      return Object.entries(body.adoptionStages ?? {}).flatMap(([slug, stage]) => {
        const project = body.projects.find((candidate) => candidate.slug === slug);
        return project
          ? [{ ...stage, project: projectStub(release.organizationSlug, project) }]
          : [];
      });
    },
  }),
}));

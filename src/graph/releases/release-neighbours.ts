/**
 * A release's neighbours in one of its projects (`previousRelease`, `nextRelease`), from
 * Sentry's `currentProjectMeta`: the release detail asked with that project, one call per
 * release and project, shared by both edges.
 */
import type { Context } from '../../context.ts';
import { splitKey } from '../../loaders/keys.ts';
import { settleEach } from '../../loaders/settle-each.ts';
import type { SentryReleaseProjectMeta } from '../../sentry/types.ts';
import { Project } from '../projects/project.ts';
import { requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { fullRelease, Release, type ReleaseShape, releaseStubOrNull } from './release.ts';

/** `org\u0000version\u0000projectId` → the release's meta in that project. */
const projectMeta = requestLoader((sentry, keys: readonly string[]) =>
  settleEach(keys, async (key) => {
    const [org, version, projectId] = key.split('\u0000') as [string, string, string];
    const release = await sentry.releases.getInProject(org, version, projectId);
    return (release.currentProjectMeta ?? {}) as Partial<SentryReleaseProjectMeta>;
  }),
);

async function metaOf(
  release: ReleaseShape,
  project: { id: string } | null | undefined,
  context: Context,
) {
  let projectId: string;
  if (project) {
    const [org, id] = splitKey(project.id);
    if (org !== release.organizationSlug) {
      throw badUserInput(
        `Project ${project.id} is not in organization ${release.organizationSlug}.`,
      );
    }
    projectId = id;
  } else {
    const projects = (await fullRelease(release, context)).projects;
    if (projects.length !== 1) {
      throw badUserInput('The release has several projects: pass `project`.');
    }
    projectId = String(projects[0]?.id);
  }
  return projectMeta(context).load(
    [release.organizationSlug, release.version, projectId].join('\u0000'),
  );
}

const PROJECT_ARG_DESCRIPTION =
  'The project to look in; may be left out when the release has one project.';

builder.objectFields(Release, (t) => ({
  previousRelease: t.field({
    type: Release,
    nullable: true,
    description:
      'The release of `project` before this one (by creation); null for its first. One call per release, shared with `nextRelease`.',
    args: {
      project: t.arg.globalID({
        for: Project,
        required: false,
        description: PROJECT_ARG_DESCRIPTION,
      }),
    },
    resolve: async (release, args, context) =>
      releaseStubOrNull(release.organizationSlug, {
        version: (await metaOf(release, args.project, context)).prevReleaseVersion ?? null,
      }),
  }),
  nextRelease: t.field({
    type: Release,
    nullable: true,
    description:
      'The release of `project` after this one (by creation); null for its latest. One call per release, shared with `previousRelease`.',
    args: {
      project: t.arg.globalID({
        for: Project,
        required: false,
        description: PROJECT_ARG_DESCRIPTION,
      }),
    },
    resolve: async (release, args, context) =>
      releaseStubOrNull(release.organizationSlug, {
        version: (await metaOf(release, args.project, context)).nextReleaseVersion ?? null,
      }),
  }),
}));

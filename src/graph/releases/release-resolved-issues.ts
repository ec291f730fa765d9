/** `Release.resolvedIssues(project:)`: the issues marked resolved in the release, in one project. */
import { Issue, primeIssues } from '../issues/issue.ts';
import { builder } from '../schema-kit/builder.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { Release } from './release.ts';

builder.objectFields(Release, (t) => ({
  resolvedIssues: t.field({
    type: [Issue],
    nullable: true,
    description:
      'Issues of `project` resolved in this release (`Resolved in` it). One call: `GET /projects/{org}/{project}/releases/{version}/resolved/` (not paginated).',
    args: {
      project: t.arg.string({ description: 'The project slug: Sentry answers per project.' }),
    },
    resolve: async (release, args, context) => {
      if (!/^[\w-]{1,100}$/.test(args.project)) {
        throw badUserInput('`project` must be a project slug.', { argument: 'project' });
      }
      const issues = await context.sentry.issues.listResolvedInRelease(
        release.organizationSlug,
        args.project,
        release.version,
      );
      primeIssues(context, issues);
      return issues;
    },
  }),
}));

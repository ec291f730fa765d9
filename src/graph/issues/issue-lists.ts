/** The issue lists: of an organization (the issue stream), of a project, and new in a release. */
import type { Context } from '../../context.ts';
import { type IssueKey, issueKey, splitKey } from '../../loaders/keys.ts';
import type { IssueListParams } from '../../sentry/issues.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { Release } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';
import {
  type ConnectionArgs,
  type PageRequest,
  pageRequest,
  pageToConnection,
} from '../schema-kit/connections.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { decodeGlobalId } from '../schema-kit/global-id.ts';
import { type PrefetchParents, prefetchable, prefetchChildren } from '../schema-kit/prefetch.ts';
import { StatsPeriod } from '../schema-kit/stats-period.ts';
import { Issue, IssueConnection, issueByShortId, primeIssues } from './issue.ts';
import { issueRowDemand, issueSeriesParam } from './issue-row-demand.ts';
import { IssueSort } from './issue-sort.ts';

interface IssueFilterArgs extends ConnectionArgs {
  query?: string | null | undefined;
  sort?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
  environments?: readonly string[] | null | undefined;
  projects?: readonly { typename: string; id: string }[] | null | undefined;
}

/** Typed filters → Sentry's issue list parameters; projects must belong to `org`. */
function issueListParams(org: string, args: IssueFilterArgs): IssueListParams {
  if (args.statsPeriod && (args.start || args.end)) {
    throw badUserInput('Pass either `statsPeriod` or `start`/`end`, not both.');
  }
  const projects = (args.projects ?? []).map(({ id }) => {
    const [projectOrg, projectId] = splitKey(id);
    if (projectOrg !== org) throw badUserInput(`Project ${id} is not in organization ${org}.`);
    return projectId;
  });
  return {
    query: args.query ?? '',
    project: projects.length > 0 ? projects : [-1],
    ...(args.sort ? { sort: args.sort } : {}),
    ...(args.statsPeriod ? { statsPeriod: args.statsPeriod } : {}),
    ...(args.start ? { start: args.start } : {}),
    ...(args.end ? { end: args.end } : {}),
    ...(args.environments?.length ? { environment: args.environments } : {}),
  };
}

const ISSUE_QUERY_DESCRIPTION =
  'Sentry issue search, e.g. "is:unresolved level:error assigned:me". Empty (the default) means every issue; note that Sentry\'s own UI defaults to "is:unresolved".';

builder.objectFields(Organization, (t) => ({
  issues: t.connection(
    {
      type: Issue,
      nullable: true,
      description:
        'The issue stream of the organization: all its projects unless `projects` narrows it.',
      args: {
        query: t.arg.string({ required: false, description: ISSUE_QUERY_DESCRIPTION }),
        sort: t.arg({ type: IssueSort, required: false, description: '@default LAST_SEEN' }),
        statsPeriod: t.arg({
          type: StatsPeriod,
          required: false,
          description: 'Only issues with events in this period.',
        }),
        start: t.arg({ type: 'DateTime', required: false }),
        end: t.arg({ type: 'DateTime', required: false }),
        environments: t.arg.stringList({ required: false }),
        projects: t.arg.globalIDList({
          for: Project,
          required: false,
          description: 'Project ids to narrow to.',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.issues.list(org.slug, {
          ...request.params,
          ...issueListParams(org.slug, args),
          keep: issueRowDemand(context),
          ...issueSeriesParam(context, 'list'),
        });
        primeIssues(context, page.items);
        return pageToConnection(page, request);
      },
    },
    IssueConnection,
  ),
  issue: t.field({
    type: Issue,
    nullable: true,
    description:
      'An issue by id or by short id (e.g. "BACKEND-1A"): exactly one of them. Costs one call either way.',
    args: {
      id: t.arg.string({
        required: false,
        description:
          "Sentry's numeric issue id (the `sentryId` field), or the issue's global `id`.",
      }),
      shortId: t.arg.string({ required: false, description: 'e.g. "BACKEND-1A".' }),
    },
    resolve: (org, args, context, info) => {
      if ((args.id == null) === (args.shortId == null)) {
        throw badUserInput('Pass exactly one of `id` and `shortId`.');
      }
      if (args.id == null) return issueByShortId(context, org.slug, args.shortId ?? '');
      const key = issueKeyFromArgument(org.slug, args.id);
      // The issue's events and tags need only its id: start them with the issue's own call.
      const [organizationSlug, id] = splitKey(key);
      prefetchChildren(context, info, 'Issue', { organizationSlug, id });
      return key;
    },
  }),
}));

/** A numeric Sentry id, or a global id of an Issue of this organization. */
function issueKeyFromArgument(org: string, id: string): IssueKey {
  if (/^\d+$/.test(id)) return issueKey(org, id);
  const global = decodeGlobalId(id);
  const [issueOrg, issueId] = splitKey(global.id);
  if (global.typename !== 'Issue' || issueOrg !== org) {
    throw badUserInput(`Not an issue of organization ${org}: ${JSON.stringify(id)}`);
  }
  return issueKey(issueOrg, issueId);
}

builder.objectFields(Project, (t) => ({
  issues: t.connection(
    {
      type: Issue,
      nullable: true,
      description: 'Issues of the project.',
      args: {
        query: t.arg.string({ required: false, description: ISSUE_QUERY_DESCRIPTION }),
        sort: t.arg({ type: IssueSort, required: false, description: '@default LAST_SEEN' }),
        statsPeriod: t.arg({ type: StatsPeriod, required: false }),
        start: t.arg({ type: 'DateTime', required: false }),
        end: t.arg({ type: 'DateTime', required: false }),
        environments: t.arg.stringList({ required: false }),
      },
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.issues.list(project.organizationSlug, {
          ...request.params,
          ...issueListParams(project.organizationSlug, args),
          project: [project.id],
          keep: issueRowDemand(context),
          ...issueSeriesParam(context, 'list'),
        });
        primeIssues(context, page.items);
        return pageToConnection(page, request);
      },
    },
    IssueConnection,
  ),
}));

/** The call behind a release's `newIssues`: it needs only the release's key. */
function readNewIssues(
  context: Context,
  release: PrefetchParents['Release'],
  request: PageRequest,
  query: string | null | undefined,
) {
  return context.sentry.issues.list(release.organizationSlug, {
    ...request.params,
    query: [`firstRelease:${JSON.stringify(release.version)}`, query ?? ''].join(' ').trim(),
    project: [-1],
    sort: 'new',
    keep: issueRowDemand(context),
    ...issueSeriesParam(context, 'list'),
  });
}

prefetchable('Release', 'newIssues', (context, release, { args }) =>
  readNewIssues(
    context,
    release,
    pageRequest(args),
    typeof args['query'] === 'string' ? args['query'] : undefined,
  ),
);

builder.objectFields(Release, (t) => ({
  newIssues: t.connection(
    {
      type: Issue,
      nullable: true,
      description: 'Issues first seen in this release, newest first.',
      args: {
        query: t.arg.string({
          required: false,
          description: 'More issue search terms, e.g. "is:unresolved".',
        }),
      },
      resolve: async (release, args, context) => {
        const request = pageRequest(args);
        const page = await readNewIssues(context, release, request, args.query);
        primeIssues(context, page.items);
        return pageToConnection(page, request);
      },
    },
    IssueConnection,
  ),
}));

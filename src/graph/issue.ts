import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { loadIssueDetails, loadIssues } from '../loaders/issues.ts';
import { type IssueKey, issueKey, shortIdKey, splitKey } from '../loaders/keys.ts';
import type { IssueListParams, OrgScoped } from '../sentry/client.ts';
import type { SentryIssueBase, SentryIssueDetail } from '../sentry/types.ts';
import { Assignee, assigneeOf } from './assignee.ts';
import { builder } from './builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from './connections.ts';
import { badUserInput } from './errors.ts';
import { decodeGlobalId } from './global-id.ts';
import { IssuePriority } from './issue-priority.ts';
import { IssueSort } from './issue-sort.ts';
import { IssueStatus } from './issue-status.ts';
import { IssueSubstatus } from './issue-substatus.ts';
import { Level, toLevel } from './level.ts';
import { Organization } from './organization.ts';
import { Project, projectStub } from './project.ts';
import { Release, releaseStubOrNull } from './release.ts';
import { StatsPeriod } from './stats-period.ts';

/** A list row or a detail body: every issue body carries the base fields. */
export type IssueShape = OrgScoped<SentryIssueBase>;

export const Issue = builder.loadableNodeRef('Issue', {
  id: {
    resolve: (issue) => issueKey(issue.organizationSlug, issue.id),
    parse: (id) => issueKey(...splitKey(id)),
  },
  load: (keys: IssueKey[], { sentry }: Context): Promise<(IssueShape | Error)[]> =>
    loadIssues(sentry, keys),
});

export const IssueConnection = builder.connectionObject(
  { type: Issue, name: 'IssueConnection', description: 'A page of issues.' },
  { name: 'IssueEdge', description: 'An Issue and the cursor after it.' },
);

/** Full bodies (first/last release), by `org/issueId` or `org/SHORT-ID`: one call each. */
const issueDetails = createContextCache(
  (context: Context) =>
    new DataLoader((keys: readonly `${string}/${string}`[]) =>
      loadIssueDetails(context.sentry, keys),
    ),
);

export function primeIssues(context: Context, issues: readonly IssueShape[]) {
  const loader = Issue.getDataloader(context);
  for (const issue of issues) loader.prime(issueKey(issue.organizationSlug, issue.id), issue);
}

/** The detail body of an issue (one call, shared by every field that needs it). */
export async function issueDetail(
  issue: IssueShape,
  context: Context,
): Promise<OrgScoped<SentryIssueDetail>> {
  return issueDetails(context).load(issueKey(issue.organizationSlug, issue.id));
}

async function issueByShortId(context: Context, org: string, shortId: string) {
  const detail = await issueDetails(context).load(shortIdKey(org, shortId));
  issueDetails(context).prime(issueKey(org, detail.id), detail);
  primeIssues(context, [detail]);
  return detail;
}

const IssueMetadata = builder.objectRef<Record<string, unknown>>('IssueMetadata').implement({
  description: 'What Sentry extracted from the events to title the issue.',
  fields: (t) => {
    const text = (key: string) => (metadata: Record<string, unknown>) => {
      const value = metadata[key];
      return typeof value === 'string' ? value : null;
    };
    return {
      type: t.string({ nullable: true, description: 'Exception type.', resolve: text('type') }),
      value: t.string({
        nullable: true,
        description: 'Exception message.',
        resolve: text('value'),
      }),
      filename: t.string({
        nullable: true,
        description: 'File of the culprit frame.',
        resolve: text('filename'),
      }),
      function: t.string({
        nullable: true,
        description: 'Function of the culprit frame.',
        resolve: text('function'),
      }),
      title: t.string({
        nullable: true,
        description: 'Title, for issues that are not exceptions.',
        resolve: text('title'),
      }),
      raw: t.field({ type: 'JSON', description: 'The whole metadata object.', resolve: (m) => m }),
    };
  },
});

Issue.implement({
  description: 'A group of similar events, as shown in the Sentry issue stream.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    organizationSlug: t.exposeString('organizationSlug', {
      description: 'Slug of the organization (with `sentryId`, the federation key).',
    }),
    shortId: t.exposeString('shortId', { description: 'Human-readable id, e.g. "BACKEND-1A".' }),
    title: t.exposeString('title', { description: 'Title, e.g. the exception type and message.' }),
    culprit: t.exposeString('culprit', {
      nullable: true,
      description: 'Where it happened, e.g. a function or URL.',
    }),
    permalink: t.exposeString('permalink', { description: 'Link to the issue on Sentry.' }),
    logger: t.exposeString('logger', {
      description: 'Logger name, for log-message issues.',
      nullable: true,
    }),
    level: t.field({
      description: 'Severity.',
      type: Level,
      resolve: (issue) => toLevel(issue.level),
    }),
    status: t.field({
      description: 'Workflow status.',
      type: IssueStatus,
      resolve: (issue) => issue.status,
    }),
    substatus: t.field({
      description: 'Detail of the status.',
      type: IssueSubstatus,
      nullable: true,
      resolve: (issue) => issue.substatus,
    }),
    priority: t.field({
      description: 'Priority, when set.',
      type: IssuePriority,
      nullable: true,
      resolve: (issue) => issue.priority,
    }),
    platform: t.exposeString('platform', {
      description: 'Platform of its events, e.g. "python".',
      nullable: true,
    }),
    type: t.exposeString('issueType', { description: 'Issue type, e.g. "error".' }),
    category: t.exposeString('issueCategory', {
      description: 'Issue category, e.g. "error" or "performance".',
    }),
    metadata: t.field({
      description: 'What Sentry extracted from the events to title the issue.',
      type: IssueMetadata,
      resolve: (issue) => issue.metadata,
    }),
    isPublic: t.exposeBoolean('isPublic', { description: 'Shared publicly via a link.' }),
    isBookmarked: t.exposeBoolean('isBookmarked', {
      description: "Bookmarked by the token's user.",
    }),
    isSubscribed: t.exposeBoolean('isSubscribed', {
      description: "The token's user gets notifications for it.",
    }),
    hasSeen: t.exposeBoolean('hasSeen', { description: "The token's user has opened it." }),
    isUnhandled: t.exposeBoolean('isUnhandled', {
      description: 'Some event was not caught by the app.',
    }),
    commentCount: t.exposeInt('numComments', { description: 'Comments on the issue.' }),
    // Float, not Int: counts overflow GraphQL's 32-bit Int on busy projects.
    eventCount: t.float({
      description: 'Events in the issue.',
      resolve: (issue) => Number(issue.count),
    }),
    userCount: t.float({ description: 'Users affected.', resolve: (issue) => issue.userCount }),
    firstSeen: t.field({
      description: 'First event.',
      type: 'DateTime',
      nullable: true,
      resolve: (issue) => issue.firstSeen,
    }),
    lastSeen: t.field({
      description: 'Latest event.',
      type: 'DateTime',
      nullable: true,
      resolve: (issue) => issue.lastSeen,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'Costs no call for `id`, `slug`, `name`, `platform` (embedded in the issue).',
      resolve: (issue) => projectStub(issue.organizationSlug, issue.project),
    }),
    assignedTo: t.field({
      type: Assignee,
      nullable: true,
      description: 'The user or team the issue is assigned to.',
      resolve: (issue) => assigneeOf(issue.organizationSlug, issue.assignedTo),
    }),
    firstRelease: t.field({
      type: Release,
      nullable: true,
      description:
        'The release it was first seen in (one call per issue from a list: Sentry lists leave it out).',
      resolve: async (issue, _args, context) =>
        releaseStubOrNull(
          issue.organizationSlug,
          issue.firstRelease !== undefined
            ? issue.firstRelease
            : (await issueDetail(issue, context)).firstRelease,
        ),
    }),
    lastRelease: t.field({
      type: Release,
      nullable: true,
      description: 'The release it was last seen in.',
      resolve: async (issue, _args, context) =>
        releaseStubOrNull(
          issue.organizationSlug,
          issue.lastRelease !== undefined
            ? issue.lastRelease
            : (await issueDetail(issue, context)).lastRelease,
        ),
    }),
  }),
});

builder.asEntity(Issue, {
  key: builder.selection<{ organizationSlug: string; sentryId: string }>(
    'organizationSlug sentryId',
  ),
  resolveReference: (ref, context) =>
    Issue.getDataloader(context).load(issueKey(ref.organizationSlug, ref.sentryId)),
});

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
        const page = await context.sentry.listIssues(org.slug, {
          ...request.params,
          ...issueListParams(org.slug, args),
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
    resolve: (org, args, context) => {
      if ((args.id == null) === (args.shortId == null)) {
        throw badUserInput('Pass exactly one of `id` and `shortId`.');
      }
      return args.id != null
        ? issueKeyFromArgument(org.slug, args.id)
        : issueByShortId(context, org.slug, args.shortId ?? '');
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
        const page = await context.sentry.listIssues(project.organizationSlug, {
          ...request.params,
          ...issueListParams(project.organizationSlug, args),
          project: [project.id],
        });
        primeIssues(context, page.items);
        return pageToConnection(page, request);
      },
    },
    IssueConnection,
  ),
}));

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
        const page = await context.sentry.listIssues(release.organizationSlug, {
          ...request.params,
          query: [`firstRelease:${JSON.stringify(release.version)}`, args.query ?? '']
            .join(' ')
            .trim(),
          project: [-1],
          sort: 'new',
        });
        primeIssues(context, page.items);
        return pageToConnection(page, request);
      },
    },
    IssueConnection,
  ),
}));

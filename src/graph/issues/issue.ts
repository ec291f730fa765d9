/**
 * issues/: `Issue`, its lists, enums (status, substatus, priority, sort, level), metadata,
 * assignee and tags, and the triage mutations (update, delete, merge).
 */
import { createContextCache } from '@pothos/core';
import type { Context } from '../../context.ts';
import { loadIssueDetails, loadIssues } from '../../loaders/issues.ts';
import {
  type IssueKey,
  issueKey,
  type ShortIdKey,
  shortIdKey,
  splitKey,
} from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryIssueBase, SentryIssueDetail } from '../../sentry/types.ts';
import { Project, projectStub } from '../projects/project.ts';
import { Release, releaseStubOrNull } from '../releases/release.ts';
import { loadWith, requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { Assignee, assigneeOf } from './assignee.ts';
import { IssueMetadata } from './issue-metadata.ts';
import { IssuePriority } from './issue-priority.ts';
import { issueDetailDemand, issueRowDemand, issueSeriesParam } from './issue-row-demand.ts';
import { IssueStatus } from './issue-status.ts';
import { IssueSubstatus } from './issue-substatus.ts';
import { Level, toLevel } from './level.ts';

export type IssueShape = OrgScoped<SentryIssueBase>;

export const Issue = builder.loadableNodeRef('Issue', {
  id: {
    resolve: (issue) => issueKey(issue.organizationSlug, issue.id),
    parse: (id) => issueKey(...splitKey(id)),
  },
  // Keeps the collapsible parts of the rows (stats, lifetime, filtered) the operation reads.
  load: (keys: IssueKey[], context: Context) =>
    loadWith<IssueKey, IssueShape>((sentry, some) =>
      loadIssues(sentry, some, issueRowDemand(context), issueSeriesParam(context, 'lookup')),
    )(keys, context),
});

export const IssueConnection = builder.connectionObject(
  { type: Issue, name: 'IssueConnection', description: 'A page of issues.' },
  { name: 'IssueEdge', description: 'An Issue and the cursor after it.' },
);

/**
 * Full bodies (first/last release, activity…), by `org/issueId` or `org/SHORT-ID`: one call
 * each, expanded with the optional parts the operation reads.
 */
const issueDetails = createContextCache((context: Context) =>
  requestLoader((sentry, keys: readonly (IssueKey | ShortIdKey)[]) =>
    loadIssueDetails(sentry, keys, issueDetailDemand(context)),
  )(context),
);

export function primeIssues(context: Context, issues: readonly IssueShape[]) {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = Issue.getDataloader(context);
  for (const issue of issues) loader.prime(issueKey(issue.organizationSlug, issue.id), issue);
}

/**
 * After a write: drops this request's cached copies of the issue (row and detail body), and
 * caches the body Sentry answered the write with, when there is one.
 */
export function refreshIssue(
  context: Context,
  key: IssueKey,
  updated?: OrgScoped<SentryIssueDetail>,
): void {
  Issue.getDataloader(context).clear(key);
  issueDetails(context).clear(key);
  if (!updated) return;
  Issue.getDataloader(context).prime(key, updated);
  issueDetails(context).prime(key, updated);
}

/** The detail body of an issue (one call, shared by every field that needs it). */
export async function issueDetail(
  issue: IssueShape,
  context: Context,
): Promise<OrgScoped<SentryIssueDetail>> {
  return issueDetails(context).load(issueKey(issue.organizationSlug, issue.id));
}

/** An issue by short id: one call, which also primes the loaders by numeric id. */
export async function issueByShortId(context: Context, org: string, shortId: string) {
  const detail = await issueDetails(context).load(shortIdKey(org, shortId));
  if (context.batching) issueDetails(context).prime(issueKey(org, detail.id), detail);
  primeIssues(context, [detail]);
  return detail;
}

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

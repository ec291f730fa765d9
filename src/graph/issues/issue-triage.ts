/**
 * An issue's triage context. On every body (free): status details, owners, annotations, inbox,
 * subscription, share id, linked issues, the attachments flag (the detail body carries the last
 * five only when asked with `expand=`, which follows the operation's selection). Only on the
 * detail body (one call per issue from a list, shared with `firstRelease`): activity, seenBy,
 * participants, userReportCount.
 */
import type { Context } from '../../context.ts';
import type { SentryIssue, SentryIssueDetail, SentryIssueOwner } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { User } from '../teams/user.ts';
import { Issue, type IssueShape, issueDetail } from './issue.ts';
import {
  IssueActivity,
  IssueAnnotation,
  IssueInbox,
  IssueLink,
  IssueOwner,
  IssueStatusDetails,
  IssueSubscription,
  SentryAppIssue,
} from './issue-triage-types.ts';

type Body = Partial<SentryIssue> & Partial<SentryIssueDetail>;

/** The detail body: the parent itself when it is one, otherwise the shared detail call. */
async function detailOf(issue: IssueShape, context: Context) {
  return 'activity' in issue
    ? (issue as typeof issue & SentryIssueDetail)
    : issueDetail(issue, context);
}

/** A part of the body, when the parent carries it (a detail body without `expand=` does not). */
function partOf<K extends keyof Body>(issue: IssueShape, key: K): Body[K] | undefined {
  return (issue as Body)[key];
}

const DETAIL_ONLY =
  'Only the detail body has it: one call per issue from a list, shared with `firstRelease` and the other detail-only fields.';

builder.objectFields(Issue, (t) => ({
  statusDetails: t.field({
    type: IssueStatusDetails,
    description:
      'The conditions of its status: resolved in a release or commit, archived until a count or time.',
    resolve: (issue) => ({ ...issue.statusDetails, organizationSlug: issue.organizationSlug }),
  }),
  activity: t.field({
    type: [IssueActivity],
    description: `Its activity timeline, newest first: notes, status changes, assignments. ${DETAIL_ONLY}`,
    resolve: async (issue, _args, context) =>
      (await detailOf(issue, context)).activity.map((entry) => ({
        ...entry,
        organizationSlug: issue.organizationSlug,
      })),
  }),
  seenBy: t.field({
    type: [User],
    description: `Users who have opened it (embedded: no call for their fields). ${DETAIL_ONLY}`,
    resolve: async (issue, _args, context) =>
      (await detailOf(issue, context)).seenBy.map((user) => ({
        ...user,
        organizationSlug: issue.organizationSlug,
      })),
  }),
  participants: t.field({
    type: [User],
    description: `Users taking part: its assignee, commenters, subscribers (embedded). ${DETAIL_ONLY}`,
    resolve: async (issue, _args, context) =>
      (await detailOf(issue, context)).participants.map((user) => ({
        ...user,
        organizationSlug: issue.organizationSlug,
      })),
  }),
  userReportCount: t.int({
    description: `User feedback reports sent for it. ${DETAIL_ONLY}`,
    resolve: async (issue, _args, context) => (await detailOf(issue, context)).userReportCount,
  }),
  owners: t.field({
    type: [IssueOwner],
    description: 'The owners Sentry suggests, with the rule type naming each. Free.',
    resolve: (issue) => {
      const owners = partOf(issue, 'owners') as SentryIssueOwner | SentryIssueOwner[] | null;
      const list = owners == null ? [] : Array.isArray(owners) ? owners : [owners];
      return list.map((owner) => ({ ...owner, organizationSlug: issue.organizationSlug }));
    },
  }),
  annotations: t.field({
    type: [IssueAnnotation],
    description: 'Links shown beside it in the stream, e.g. to linked external issues. Free.',
    resolve: (issue) => issue.annotations ?? [],
  }),
  inbox: t.field({
    type: IssueInbox,
    nullable: true,
    description: 'Its entry in the For Review inbox; null when it is not there. Free.',
    resolve: (issue) => partOf(issue, 'inbox') ?? null,
  }),
  subscriptionDetails: t.field({
    type: IssueSubscription,
    nullable: true,
    description:
      "Why the token's user is (or is not) notified about it; null when Sentry says nothing. Free.",
    resolve: (issue) => issue.subscriptionDetails ?? null,
  }),
  shareId: t.exposeString('shareId', {
    nullable: true,
    description: 'Id of its public share link, when `isPublic`. Free.',
  }),
  latestEventHasAttachments: t.boolean({
    nullable: true,
    description:
      'Its latest event has attachments. Free; null only on the body of a write, which lacks it.',
    resolve: (issue) => partOf(issue, 'latestEventHasAttachments') ?? null,
  }),
  integrationIssues: t.field({
    type: [IssueLink],
    description: 'Issues linked to it in issue-tracker integrations (Jira, GitHub…). Free.',
    resolve: (issue) => partOf(issue, 'integrationIssues') ?? [],
  }),
  sentryAppIssues: t.field({
    type: [SentryAppIssue],
    description: 'Issues linked to it in Sentry Apps (e.g. Linear). Free.',
    resolve: (issue) => partOf(issue, 'sentryAppIssues') ?? [],
  }),
}));

/**
 * The object types of an issue's triage context: its status details (the conditions it was
 * resolved or archived with), activity, owners, inbox entry, subscription and linked issues.
 */
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryIssueActivity,
  SentryIssueAnnotation,
  SentryIssueInbox,
  SentryIssueLink,
  SentryIssueOwner,
  SentryIssueStatusDetails,
  SentrySentryAppIssue,
} from '../../sentry/types.ts';
import { Release, releaseStubOrNull } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';
import { teamStub } from '../teams/team.ts';
import { User, userStub } from '../teams/user.ts';
import { Assignee } from './assignee.ts';

export const IssueStatusDetails = builder
  .objectRef<OrgScoped<SentryIssueStatusDetails>>('IssueStatusDetails')
  .implement({
    description:
      'The conditions an issue was resolved or archived with: what `updateIssue` wrote, read back. Every field is null when it does not apply.',
    fields: (t) => ({
      inNextRelease: t.boolean({
        nullable: true,
        description: 'Resolved in the next release.',
        resolve: (details) => details.inNextRelease ?? null,
      }),
      inRelease: t.field({
        type: Release,
        nullable: true,
        description: 'Resolved in this release.',
        resolve: (details) =>
          details.inRelease
            ? releaseStubOrNull(details.organizationSlug, { version: details.inRelease })
            : null,
      }),
      inCommit: t.string({
        nullable: true,
        description: 'Resolved by the commit with this hash.',
        resolve: (details) => {
          const commit = details.inCommit as string | { id?: string } | undefined;
          return typeof commit === 'string' ? commit : (commit?.id ?? null);
        },
      }),
      ignoreUntil: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'Archived until this time.',
        resolve: (details) => details.ignoreUntil ?? null,
      }),
      ignoreCount: t.int({
        nullable: true,
        description: 'Archived until it has this many more events (within `ignoreWindow`).',
        resolve: (details) => details.ignoreCount ?? null,
      }),
      ignoreWindow: t.int({
        nullable: true,
        description: 'Minutes within which `ignoreCount` events must happen.',
        resolve: (details) => details.ignoreWindow ?? null,
      }),
      ignoreUserCount: t.int({
        nullable: true,
        description:
          'Archived until this many more users are affected (within `ignoreUserWindow`).',
        resolve: (details) => details.ignoreUserCount ?? null,
      }),
      ignoreUserWindow: t.int({
        nullable: true,
        description: 'Minutes within which `ignoreUserCount` users must be affected.',
        resolve: (details) => details.ignoreUserWindow ?? null,
      }),
      pendingEvents: t.int({
        nullable: true,
        description: 'Events still to reprocess, while the issue is reprocessing.',
        resolve: (details) => details.pendingEvents ?? null,
      }),
      actor: t.field({
        type: User,
        nullable: true,
        description: 'Who resolved or archived it (embedded: no call for its fields).',
        resolve: (details) =>
          details.actor ? { ...details.actor, organizationSlug: details.organizationSlug } : null,
      }),
    }),
  });

export const IssueActivity = builder
  .objectRef<OrgScoped<SentryIssueActivity>>('IssueActivity')
  .implement({
    description: 'One entry of the activity timeline of an issue.',
    fields: (t) => ({
      sentryId: t.exposeString('id', { description: "Sentry's id of the entry." }),
      type: t.exposeString('type', {
        description:
          'What happened, as Sentry names it: e.g. "note", "set_resolved", "set_resolved_in_release", "set_ignored", "set_unresolved", "set_regression", "assigned", "unassigned", "merge", "first_seen", "set_priority". A string, since Sentry adds types.',
      }),
      user: t.field({
        type: User,
        nullable: true,
        description: 'Who did it; null for Sentry itself (embedded: no call for its fields).',
        resolve: (entry) =>
          entry.user ? { ...entry.user, organizationSlug: entry.organizationSlug } : null,
      }),
      data: t.field({
        type: 'JSON',
        description:
          "What the entry carries, which depends on its `type` (a note's `text`, an assignment's `assignee`, a release's `version`…): JSON, since Sentry's shape is open-ended per type.",
        resolve: (entry) => entry.data,
      }),
      createdAt: t.field({
        type: 'DateTime',
        description: 'When it happened.',
        resolve: (entry) => entry.dateCreated,
      }),
    }),
  });

export const IssueOwnerType = builder.enumType('IssueOwnerType', {
  description: 'Why Sentry names someone an owner of an issue.',
  values: {
    OWNERSHIP_RULE: { value: 'ownershipRule', description: "A rule of the project's ownership." },
    CODEOWNERS: { value: 'codeowners', description: 'A CODEOWNERS file of a linked repository.' },
    SUSPECT_COMMIT: { value: 'suspectCommit', description: 'The author of a suspect commit.' },
  } as const,
});
const OWNER_TYPES = new Set(['ownershipRule', 'codeowners', 'suspectCommit']);

export const IssueOwner = builder.objectRef<OrgScoped<SentryIssueOwner>>('IssueOwner').implement({
  description: 'An owner Sentry suggests for an issue, and the rule type that names it.',
  fields: (t) => ({
    type: t.field({
      type: IssueOwnerType,
      nullable: true,
      description: 'The rule type; null for a type this gateway does not know.',
      resolve: (owner) => (OWNER_TYPES.has(owner.type) ? (owner.type as 'ownershipRule') : null),
    }),
    owner: t.field({
      type: Assignee,
      nullable: true,
      description: 'The user or team (Sentry sends only its id: other fields load in a batch).',
      resolve: (owner) => {
        const [kind, id] = owner.owner.split(':');
        if (!id) return null;
        if (kind === 'team') return teamStub(owner.organizationSlug, { id });
        if (kind === 'user') return userStub(owner.organizationSlug, { id });
        return null;
      },
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When Sentry named it.',
      resolve: (owner) => owner.date_added,
    }),
  }),
});

export const IssueInboxReason = builder.enumType('IssueInboxReason', {
  description: "Why an issue is in the For Review inbox (Sentry's GroupInboxReason).",
  values: {
    NEW: { value: 0 },
    UNIGNORED: { value: 1, description: 'Its archive condition was met.' },
    REGRESSION: { value: 2 },
    MANUAL: { value: 3, description: 'Marked for review by hand.' },
    REPROCESSED: { value: 4 },
    ESCALATING: { value: 5 },
    ONGOING: { value: 6 },
  } as const,
});

export const IssueInbox = builder.objectRef<SentryIssueInbox>('IssueInbox').implement({
  description: 'The entry of an issue in the For Review inbox.',
  fields: (t) => ({
    reason: t.field({
      type: IssueInboxReason,
      nullable: true,
      description: 'Why it is there; null for a reason this gateway does not know.',
      resolve: (inbox) =>
        inbox.reason >= 0 && inbox.reason <= 6 ? (inbox.reason as 0 | 1 | 2 | 3 | 4 | 5 | 6) : null,
    }),
    until: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'For UNIGNORED: the time the archive lasted until.',
      resolve: (inbox) => inbox.reason_details?.until ?? null,
    }),
    count: t.int({
      nullable: true,
      description: 'For UNIGNORED: the event count that ended the archive.',
      resolve: (inbox) => inbox.reason_details?.count ?? null,
    }),
    window: t.int({
      nullable: true,
      description: 'Minutes of `count`.',
      resolve: (inbox) => inbox.reason_details?.window ?? null,
    }),
    userCount: t.int({
      nullable: true,
      description: 'For UNIGNORED: the user count that ended the archive.',
      resolve: (inbox) => inbox.reason_details?.user_count ?? null,
    }),
    userWindow: t.int({
      nullable: true,
      description: 'Minutes of `userCount`.',
      resolve: (inbox) => inbox.reason_details?.user_window ?? null,
    }),
    addedAt: t.field({
      type: 'DateTime',
      description: 'When it entered the inbox.',
      resolve: (inbox) => inbox.date_added,
    }),
  }),
});

export const IssueSubscription = builder
  .objectRef<{ disabled?: boolean; reason?: string }>('IssueSubscription')
  .implement({
    description: "Why the token's user gets (or does not get) notifications for an issue.",
    fields: (t) => ({
      disabled: t.boolean({
        description: 'Notifications for it are turned off.',
        resolve: (details) => details.disabled ?? false,
      }),
      reason: t.string({
        nullable: true,
        description:
          'Why the user is subscribed, e.g. "assigned", "commented", "bookmarked", "mentioned", "unknown".',
        resolve: (details) => details.reason ?? null,
      }),
    }),
  });

export const IssueAnnotation = builder
  .objectRef<SentryIssueAnnotation>('IssueAnnotation')
  .implement({
    description: 'A link the issue stream shows beside an issue, e.g. to a linked external issue.',
    fields: (t) => ({
      displayName: t.exposeString('displayName', { description: 'Its label, e.g. "PROJ-12".' }),
      url: t.exposeString('url', { description: 'Where it points.' }),
    }),
  });

export const IssueLink = builder.objectRef<SentryIssueLink>('IssueLink').implement({
  description:
    'An issue in an issue-tracker integration (Jira, GitHub…) linked to the Sentry issue.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's id of the link." }),
    key: t.exposeString('key', { description: 'Its key in the tracker, e.g. "PROJ-12".' }),
    url: t.exposeString('url', { description: 'Its page in the tracker.' }),
    title: t.exposeString('title', { nullable: true, description: 'Its title.' }),
    description: t.exposeString('description', { nullable: true, description: 'Its description.' }),
    displayName: t.exposeString('displayName', { description: 'Its label, e.g. "Jira PROJ-12".' }),
  }),
});

export const SentryAppIssue = builder.objectRef<SentrySentryAppIssue>('SentryAppIssue').implement({
  description: 'An issue in a Sentry App (e.g. Linear) linked to the Sentry issue.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's id of the link." }),
    serviceType: t.exposeString('serviceType', { description: 'The app, e.g. "linear".' }),
    displayName: t.exposeString('displayName', { description: 'Its label, e.g. "Linear#ENG-12".' }),
    url: t.exposeString('webUrl', { description: 'Its page in the app.' }),
  }),
});

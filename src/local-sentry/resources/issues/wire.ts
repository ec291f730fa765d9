/**
 * Issue bodies that are not stored as such: stream rows with other stats, the detail, short-id
 * lookups, hashes.
 */
import type {
  SentryIssue,
  SentryIssueActivity,
  SentryIssueDetail,
  SentryIssueHash,
  SentryJsonObject,
  SentryShortIdLookup,
  SentryUser,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32 } from '../../data/random.ts';
import { iso } from '../../data/time.ts';
import { eventDetail } from '../events/wire.ts';
import { releaseSummary } from '../releases/wire.ts';
import { issueTags } from '../tags/aggregate.ts';
import type { IssueRecord } from './record.ts';
import { type SeriesChoice, statsSeries } from './stats.ts';

/**
 * An issue-stream row with `stats` for the request's `groupStatsPeriod` (none: no series). The
 * stored row already carries the default `24h` one.
 */
export function issueRow(issue: IssueRecord, choice: SeriesChoice | null): SentryIssue {
  if (choice?.key === '24h') return issue.wire;
  const stats = choice ? { [choice.key]: choice.series(issue.events) } : {};
  return { ...issue.wire, stats };
}

/** The optional parts of the detail body, added only when `expand=` names them (as Sentry does). */
export const DETAIL_EXPANDS = [
  'inbox',
  'owners',
  'integrationIssues',
  'sentryAppIssues',
  'latestEventHasAttachments',
] as const;

/** Comments the seeded activity carries, by the issue's `numComments`. */
const NOTES = [
  'Looking into this now.',
  'Started after the last deploy, I think.',
  'Cannot reproduce locally.',
  'Fix is in review.',
  'Seen again on staging.',
  'Assigning to the owning team.',
];

/**
 * `GET /organizations/{org}/issues/{issue_id}/`: the row's fields without the stream-only ones
 * (`lifetime`, `filtered`, `sessionCount`, `matchingEvent*`), the `expand` parts asked for, and
 * the detail's own: activity (newest first), seenBy, participants, userReportCount, both series.
 */
export function issueDetail(
  data: LocalData,
  issue: IssueRecord,
  expand: ReadonlySet<string> = new Set(),
): SentryIssueDetail {
  const org = data.organizations.get(issue.org) as OrgData;
  const wire = issue.wire;
  const activity: SentryIssueActivity[] = [];
  const activityId = (n: number) => String(hash32(wire.id, 'activity', n) % 1_000_000_000);
  const members = org.members
    .map((member) => (member.userId ? data.users.get(member.userId) : undefined))
    .filter((user) => user !== undefined);
  const lastSeen = wire.lastSeen ?? iso(data.now);
  const firstSeen = wire.firstSeen ?? iso(data.now);
  // One note per comment, by members, spread between the first and the last event.
  const span = Math.max(0, Date.parse(lastSeen) - Date.parse(firstSeen));
  const commenters = new Map<string, SentryUser>();
  for (let n = wire.numComments - 1; n >= 0; n -= 1) {
    const user =
      members.length > 0 ? members[hash32(wire.id, 'note', n) % members.length] : undefined;
    if (user) commenters.set(user.id, user);
    activity.push({
      id: activityId(10 + n),
      type: 'note',
      data: { text: NOTES[hash32(wire.id, 'text', n) % NOTES.length] as string },
      dateCreated: iso(Date.parse(firstSeen) + (span * (n + 1)) / (wire.numComments + 1)),
      user: user ?? null,
    });
  }
  if (wire.status === 'resolved') {
    activity.unshift({
      id: activityId(2),
      type: 'set_resolved',
      data: {},
      dateCreated: lastSeen,
      user: null,
    });
  } else if (wire.status === 'ignored') {
    activity.unshift({
      id: activityId(2),
      type: 'set_ignored',
      data: { ...wire.statusDetails } as SentryJsonObject,
      dateCreated: lastSeen,
      user: null,
    });
  }
  if (wire.assignedTo) {
    activity.push({
      id: activityId(1),
      type: 'assigned',
      data: {
        assignee: wire.assignedTo.id,
        assigneeType: wire.assignedTo.type,
        assigneeEmail: wire.assignedTo.email ?? null,
      },
      dateCreated: firstSeen,
      user: null,
    });
  }
  activity.push({
    id: activityId(0),
    type: 'first_seen',
    data: { priority: wire.priority },
    dateCreated: firstSeen,
    user: null,
  });

  activity.unshift(...(issue.activity ?? []));
  const assignee =
    wire.assignedTo?.type === 'user' ? data.users.get(wire.assignedTo.id) : undefined;
  const participants = [
    ...(assignee ? [assignee] : []),
    ...[...commenters.values()].filter((user) => user.id !== assignee?.id),
  ];
  const seenBy = issue.seenBy
    .map((id) => data.users.get(id))
    .filter((user) => user !== undefined)
    .map((user) => ({ ...user, lastSeen: wire.lastSeen }));
  const project = data.projectsById.get(issue.projectId);
  const userReportCount =
    project?.feedback.filter((feedback) => feedback.issueId === wire.id).length ?? 0;
  const {
    owners,
    inbox,
    integrationIssues,
    sentryAppIssues,
    latestEventHasAttachments,
    lifetime: _lifetime,
    filtered: _filtered,
    sessionCount: _sessionCount,
    matchingEventId: _matchingEventId,
    matchingEventEnvironment: _matchingEventEnvironment,
    ...rest
  } = wire;
  return {
    ...rest,
    ...(expand.has('inbox') ? { inbox } : {}),
    // The detail body's `owners` is a list (one object on list rows, per the spec).
    ...(expand.has('owners')
      ? { owners: owners === null ? null : Array.isArray(owners) ? owners : [owners] }
      : {}),
    ...(expand.has('integrationIssues') ? { integrationIssues } : {}),
    ...(expand.has('sentryAppIssues') ? { sentryAppIssues } : {}),
    ...(expand.has('latestEventHasAttachments') ? { latestEventHasAttachments } : {}),
    stats: {
      '24h': wire.stats['24h'] ?? statsSeries(issue.events, data.now, '24h'),
      '30d': statsSeries(issue.events, data.now, '30d'),
    },
    firstRelease: releaseSummary(org, issue.firstRelease),
    lastRelease: releaseSummary(org, issue.lastRelease),
    tags: issueTags(data, issue).map(({ key, name, totalValues }) => ({
      key,
      name,
      totalValues: totalValues ?? 0,
    })),
    activity,
    seenBy,
    userReportCount,
    participants,
  };
}

export function shortIdLookup(data: LocalData, issue: IssueRecord): SentryShortIdLookup {
  const project = data.projectsById.get(issue.projectId);
  return {
    organizationSlug: issue.org,
    projectSlug: project?.wire.slug ?? issue.wire.project.slug,
    groupId: issue.wire.id,
    group: issue.wire,
    shortId: issue.wire.shortId,
  };
}

/** `GET /organizations/{org}/issues/{issue_id}/hashes/`. */
export function issueHashes(data: LocalData, issue: IssueRecord): SentryIssueHash[] {
  return issue.hashes.map((hash, i) => {
    // Events go to hashes round-robin; the newest event of each hash is its `latestEvent`.
    const event = issue.events.find((_, index) => index % issue.hashes.length === i);
    return {
      id: hash,
      latestEvent: event ? eventDetail(data, event) : null,
      mergedBySeer: false,
      seerMatchDistance: null,
    };
  });
}

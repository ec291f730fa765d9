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
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32 } from '../../data/random.ts';
import { iso } from '../../data/time.ts';
import { eventDetail } from '../events/wire.ts';
import { releaseSummary } from '../releases/wire.ts';
import { issueTags } from '../tags/aggregate.ts';
import type { IssueRecord } from './record.ts';
import { type StatsPeriod, statsSeries } from './stats.ts';

/** An issue-stream row with `stats` for `groupStatsPeriod` (`''` drops the series). */
export function issueRow(
  data: LocalData,
  issue: IssueRecord,
  statsPeriod: StatsPeriod | '' = '24h',
): SentryIssue {
  if (statsPeriod === '24h') return issue.wire;
  const stats =
    statsPeriod === '' ? {} : { [statsPeriod]: statsSeries(issue.events, data.now, statsPeriod) };
  return { ...issue.wire, stats };
}

/** `GET /organizations/{org}/issues/{issue_id}/`. */
export function issueDetail(data: LocalData, issue: IssueRecord): SentryIssueDetail {
  const org = data.organizations.get(issue.org) as OrgData;
  const wire = issue.wire;
  const activity: SentryIssueActivity[] = [];
  const activityId = (n: number) => String(hash32(wire.id, 'activity', n) % 1_000_000_000);
  if (wire.status === 'resolved') {
    activity.push({
      id: activityId(2),
      type: 'set_resolved',
      data: {},
      dateCreated: wire.lastSeen ?? iso(data.now),
      user: null,
    });
  } else if (wire.status === 'ignored') {
    activity.push({
      id: activityId(2),
      type: 'set_ignored',
      data: { ...wire.statusDetails } as SentryJsonObject,
      dateCreated: wire.lastSeen ?? iso(data.now),
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
      dateCreated: wire.firstSeen ?? iso(data.now),
      user: null,
    });
  }
  activity.push({
    id: activityId(0),
    type: 'first_seen',
    data: { priority: wire.priority },
    dateCreated: wire.firstSeen ?? iso(data.now),
    user: null,
  });

  const participants =
    wire.assignedTo?.type === 'user'
      ? [data.users.get(wire.assignedTo.id)].filter((user) => user !== undefined)
      : [];
  const seenBy = issue.seenBy
    .map((id) => data.users.get(id))
    .filter((user) => user !== undefined)
    .map((user) => ({ ...user, lastSeen: wire.lastSeen }));
  const project = data.projectsById.get(issue.projectId);
  const userReportCount =
    project?.feedback.filter((feedback) => feedback.issueId === wire.id).length ?? 0;
  const { owners, ...rest } = wire;
  return {
    ...rest,
    // The detail body's `owners` is a list (one object on list rows, per the spec).
    owners: owners === null ? null : Array.isArray(owners) ? owners : [owners],
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
    seenBy: seenBy as unknown as SentryJsonObject[],
    userReportCount,
    participants: participants as unknown as SentryJsonObject[],
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

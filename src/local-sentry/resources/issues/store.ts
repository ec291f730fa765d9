/**
 * Issue lookups (numeric id, short id, merge redirects) and mutations (the PUT body's rules,
 * deletion). Callers validate input and permissions first and map `undefined`/`StoreError` to
 * HTTP errors.
 */
import type {
  SentryActor,
  SentryIssueBulkUpdateResult,
  SentryIssueStatusDetails,
  SentryIssueSubstatus,
  SentryIssueUpdate,
  SentryJsonObject,
} from '../../../sentry/types.ts';
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { nowIso, orgOfRecord } from '../../data/store.ts';
import { iso } from '../../data/time.ts';
import { latestReleaseOf } from '../releases/store.ts';
import { resolveActor, setAssignee } from './assignees.ts';
import { fromBase32, shortIdOf } from './build.ts';
import type { IssueRecord } from './record.ts';

const SHORT_ID = /^(?:issue+:)?(.*?)(?:[\s_-])([A-Za-z0-9]+)$/;

/** By numeric id or short id (`BACKEND-1A`, any case), within the organization. */
export function findIssue(
  data: LocalData,
  org: OrgData,
  idOrShortId: string,
): IssueRecord | undefined {
  if (/^\d+$/.test(idOrShortId)) {
    const issue = data.issuesById.get(idOrShortId);
    return issue?.org === org.slug ? issue : undefined;
  }
  return findIssueByShortId(org, idOrShortId);
}

/**
 * Like {@link findIssue}, following merges as Sentry's issue endpoints do (`GroupRedirect`): the
 * id of an issue merged into another finds the one it was merged into.
 */
export function findIssueOrRedirect(
  data: LocalData,
  org: OrgData,
  idOrShortId: string,
): IssueRecord | undefined {
  const issue = findIssue(data, org, idOrShortId);
  if (issue) return issue;
  const target = data.issueRedirects.get(idOrShortId);
  return target === undefined ? undefined : findIssue(data, org, target);
}

/** Sentry's short-id parse: project slug, a separator, then the base32 counter. */
export function findIssueByShortId(org: OrgData, shortId: string): IssueRecord | undefined {
  const direct = org.issuesByShortId.get(shortId.toUpperCase());
  if (direct) return direct;
  const match = SHORT_ID.exec(shortId.trim());
  if (!match) return undefined;
  const counter = fromBase32(match[2] ?? '');
  const project = org.projectsBySlug.get((match[1] ?? '').toLowerCase());
  if (!project || Number.isNaN(counter)) return undefined;
  return org.issuesByShortId.get(shortIdOf(project.wire.slug, counter));
}

/**
 * Applies an issue PUT body with Sentry's rules (`resolvedInNextRelease`, `ignored` → archived
 * substatus, `inRelease: "latest"`, assignee lookup) and returns the change set the bulk endpoint
 * echoes. Throws `StoreError` for an unknown assignee or release.
 */
export function applyIssueUpdate(
  data: LocalData,
  org: OrgData,
  issues: readonly IssueRecord[],
  body: SentryIssueUpdate,
): SentryIssueBulkUpdateResult {
  storeChanged();
  const result: SentryIssueBulkUpdateResult = {};
  let actor: SentryActor | null | undefined;
  if (body.assignedTo !== undefined) {
    actor =
      body.assignedTo === null || body.assignedTo === ''
        ? null
        : resolveActor(data, org, body.assignedTo);
    if (actor === undefined) throw new StoreError('Unknown actor input', 'assignedTo');
  }
  for (const issue of issues) {
    const wire = issue.wire;
    if (body.status !== undefined) {
      const { status, substatus, statusDetails } = statusChange(data, org, issue, body);
      wire.status = status;
      wire.substatus = substatus;
      wire.statusDetails = statusDetails;
      result.status = status;
      result.statusDetails = statusDetails as SentryJsonObject;
      if (substatus !== null) result.substatus = substatus;
      result.inbox = false;
    } else if (body.substatus !== undefined && body.substatus !== null) {
      wire.substatus = body.substatus;
      result.substatus = body.substatus;
    }
    if (actor !== undefined) {
      setAssignee(issue, actor);
      if (actor) result.assignedTo = actor;
    }
    if (body.priority !== undefined) {
      wire.priority = body.priority;
      wire.priorityLockedAt = nowIso(data);
      result.priority = body.priority;
    }
    if (body.hasSeen !== undefined) {
      wire.hasSeen = body.hasSeen;
      result.hasSeen = body.hasSeen;
    }
    if (body.isBookmarked !== undefined) {
      wire.isBookmarked = body.isBookmarked;
      result.isBookmarked = body.isBookmarked;
    }
    if (body.isSubscribed !== undefined) {
      wire.isSubscribed = body.isSubscribed;
      wire.subscriptionDetails = body.isSubscribed ? { reason: 'unknown' } : { disabled: true };
      result.isSubscribed = body.isSubscribed;
      result.subscriptionDetails = wire.subscriptionDetails;
    }
    if (body.isPublic !== undefined) {
      wire.isPublic = body.isPublic;
      wire.shareId = body.isPublic ? new Random(hash32(data.seed, 'share', wire.id)).hex(32) : null;
      result.isPublic = body.isPublic;
      if (wire.shareId) result.shareId = wire.shareId;
    }
  }
  return result;
}

function statusChange(
  data: LocalData,
  org: OrgData,
  issue: IssueRecord,
  body: SentryIssueUpdate,
): {
  status: 'resolved' | 'unresolved' | 'ignored';
  substatus: SentryIssueSubstatus | null;
  statusDetails: SentryIssueStatusDetails;
} {
  const details = body.statusDetails ?? {};
  switch (body.status) {
    case 'resolvedInNextRelease':
      return { status: 'resolved', substatus: null, statusDetails: { inNextRelease: true } };
    case 'resolved': {
      if (details.inRelease !== undefined) {
        const release =
          details.inRelease === 'latest'
            ? latestReleaseOf(org, issue.projectId)
            : org.releasesByVersion.get(details.inRelease);
        if (!release) throw new StoreError('Unable to find the given release.', 'statusDetails');
        return {
          status: 'resolved',
          substatus: null,
          statusDetails: { inRelease: release.wire.version },
        };
      }
      if (details.inNextRelease)
        return { status: 'resolved', substatus: null, statusDetails: { inNextRelease: true } };
      if (details.inCommit) {
        return {
          status: 'resolved',
          substatus: null,
          statusDetails: { inCommit: details.inCommit.commit },
        };
      }
      return { status: 'resolved', substatus: null, statusDetails: {} };
    }
    case 'ignored':
    case 'muted': {
      const conditional =
        details.ignoreCount !== undefined ||
        details.ignoreDuration !== undefined ||
        details.ignoreUserCount !== undefined;
      const substatus: SentryIssueSubstatus =
        body.substatus === 'archived_forever'
          ? 'archived_forever'
          : conditional
            ? 'archived_until_condition_met'
            : 'archived_until_escalating';
      const statusDetails: SentryIssueStatusDetails = {};
      if (details.ignoreCount !== undefined) statusDetails.ignoreCount = details.ignoreCount;
      if (details.ignoreWindow !== undefined) statusDetails.ignoreWindow = details.ignoreWindow;
      if (details.ignoreUserCount !== undefined)
        statusDetails.ignoreUserCount = details.ignoreUserCount;
      if (details.ignoreUserWindow !== undefined)
        statusDetails.ignoreUserWindow = details.ignoreUserWindow;
      if (details.ignoreDuration !== undefined) {
        statusDetails.ignoreUntil = iso(data.now + details.ignoreDuration * 60_000);
      }
      return { status: 'ignored', substatus, statusDetails };
    }
    default:
      return { status: 'unresolved', substatus: 'ongoing', statusDetails: {} };
  }
}

/** Removes an issue with its events and feedback links. */
export function deleteIssue(data: LocalData, issue: IssueRecord): void {
  storeChanged();
  const org = orgOfRecord(data, issue);
  const project = data.projectsById.get(issue.projectId);
  data.issuesById.delete(issue.wire.id);
  org.issuesByShortId.delete(issue.wire.shortId);
  org.issues = org.issues.filter((i) => i !== issue);
  const gone = new Set(issue.events);
  for (const event of issue.events) data.eventsById.delete(event.id);
  org.events = org.events.filter((event) => !gone.has(event));
  if (project) {
    project.issues = project.issues.filter((i) => i !== issue);
    project.events = project.events.filter((event) => !gone.has(event));
    for (const feedback of project.feedback)
      if (feedback.issueId === issue.wire.id) feedback.issueId = null;
  }
}

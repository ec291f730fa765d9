/**
 * Saving a normalised event as Sentry's `EventManager.save` does, simplified: find the issue of
 * its grouping hash in the project or create one (the project's next short id), add the event,
 * and keep the issue's counts, first/last seen, first/last release, level and environments in
 * step; a resolved issue that gets a new event regresses (unresolved, substatus `regressed`, a
 * `set_regression` activity). The event's release is created when the organization has none of
 * that version, as Sentry does on first sight.
 */
import type { SentryEventEntry } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { mutationRandom, nextId, orgOfRecord } from '../../data/store.ts';
import type { ErrorTemplate, Platform } from '../../data/templates/index.ts';
import { iso } from '../../data/time.ts';
import { findEventUser } from '../event-users/wire.ts';
import type { EventRecord } from '../events/record.ts';
import { newestFirst } from '../events/store.ts';
import type { StoredAttachment, StoredEvent } from '../events/stored.ts';
import { issueRecord } from '../issues/generate-record.ts';
import type { IssueRecord } from '../issues/record.ts';
import { statsSeries } from '../issues/stats.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { addRelease, attachProjects } from '../releases/store.ts';
import { groupingHash } from './grouping.ts';
import { crashFrameOf, type NormalizedEvent } from './normalize.ts';

/** Inserts keeping the list newest first. */
function insertEvent(list: EventRecord[], event: EventRecord): void {
  const at = list.findIndex((other) => newestFirst(event, other) < 0);
  if (at < 0) list.push(event);
  else list.splice(at, 0, event);
}

/** The issue's template (what seeded issues are drawn from), read off its first event. */
function templateOf(event: NormalizedEvent): ErrorTemplate {
  const main = event.exceptions[event.exceptions.length - 1];
  const frames = main?.stacktrace?.frames ?? [];
  return {
    index: -1,
    platform: event.platform as Platform,
    type: main?.type ?? (main ? 'Error' : ''),
    value: main?.value ?? event.message ?? '',
    module: main?.module ?? null,
    culprit: event.culprit ?? '',
    transaction: event.transaction ?? '',
    level: event.level,
    handled: main?.mechanism?.handled ?? true,
    mechanism: main?.mechanism?.type ?? 'generic',
    frames: frames.map((frame) => ({
      filename: frame.filename ?? '',
      absPath: frame.absPath ?? '',
      module: frame.module,
      function: frame.function ?? '?',
      lineNo: frame.lineNo ?? 0,
      colNo: frame.colNo,
      inApp: frame.inApp,
      context: frame.context,
      vars: [],
    })),
    sdk: { name: event.sdk?.name ?? 'unknown', version: event.sdk?.version ?? '' },
    logger: event.logger,
  };
}

/** The end user's index in `org.eventUsers` (appended on first sight); -1 for none. */
export function eventUserIndex(org: OrgData, event: NormalizedEvent): number {
  const user = event.user;
  if (!user) return -1;
  const id = user.id ?? user.email ?? user.username ?? user.ip_address ?? '';
  const known = findEventUser(org.eventUsers, id);
  if (known) return org.eventUsers.indexOf(known);
  org.eventUsers.push({
    id,
    email: user.email ?? '',
    username: user.username ?? '',
    name: user.name ?? '',
    ipAddress: user.ip_address ?? '',
  });
  return org.eventUsers.length - 1;
}

export function entriesOf(event: NormalizedEvent): SentryEventEntry[] {
  const entries: SentryEventEntry[] = [];
  if (event.exceptions.length > 0) {
    entries.push({
      type: 'exception',
      data: {
        values: event.exceptions,
        excOmitted: null,
        hasSystemFrames: event.exceptions.some((e) => e.stacktrace?.hasSystemFrames),
      },
    });
  }
  if (event.message !== null && (event.exceptions.length === 0 || event.messageTemplate)) {
    entries.push({
      type: 'message',
      data: {
        formatted: event.message,
        message: event.messageTemplate,
        params: event.messageParams,
      },
    });
  }
  entries.push(...event.extraEntries);
  if (event.breadcrumbs.length > 0) {
    entries.push({ type: 'breadcrumbs', data: { values: event.breadcrumbs } });
  }
  if (event.request) entries.push({ type: 'request', data: event.request });
  return entries;
}

/** Sentry's `Release.get_or_create` for the event's release, with its first/last event. */
export function touchRelease(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  event: EventRecord,
) {
  if (event.release === null) return;
  const release =
    org.releasesByVersion.get(event.release) ??
    addRelease(data, org, [project], { version: event.release, projects: [project.wire.slug] });
  attachProjects(release, [project]);
  const at = iso(event.timestamp);
  if (!release.wire.firstEvent || release.wire.firstEvent > at) release.wire.firstEvent = at;
  if (!release.wire.lastEvent || release.wire.lastEvent < at) release.wire.lastEvent = at;
}

/** Counts, first/last seen and releases of an issue from its events (newest first). */
function refreshIssue(data: LocalData, issue: IssueRecord): void {
  const newest = issue.events[0] as EventRecord;
  const oldest = issue.events[issue.events.length - 1] as EventRecord;
  const users = new Set(issue.events.map((e) => e.user).filter((user) => user >= 0)).size;
  const wire = issue.wire;
  wire.count = String(issue.events.length);
  wire.userCount = users;
  wire.firstSeen = iso(oldest.timestamp);
  wire.lastSeen = iso(newest.timestamp);
  wire.level = newest.level;
  wire.lifetime = {
    ...wire.lifetime,
    count: wire.count,
    userCount: users,
    firstSeen: wire.firstSeen,
    lastSeen: wire.lastSeen,
  };
  wire.stats = { '24h': statsSeries(issue.events, data.now, '24h') };
  issue.firstRelease = oldest.release;
  issue.lastRelease = newest.release;
  issue.environments = [
    ...new Set(issue.events.map((e) => e.environment).filter((env) => env !== '')),
  ].sort();
}

/** Sentry's regression check: a resolved issue regresses unless resolved in a later release. */
function regresses(org: OrgData, issue: IssueRecord, event: EventRecord): boolean {
  if (issue.wire.status !== 'resolved') return false;
  const inRelease = issue.wire.statusDetails?.inRelease;
  if (typeof inRelease === 'string' && event.release !== null) {
    const resolvedIn = org.releasesByVersion.get(inRelease)?.wire.dateCreated ?? '';
    const seenIn = org.releasesByVersion.get(event.release)?.wire.dateCreated ?? '';
    if (seenIn !== '' && resolvedIn !== '' && seenIn < resolvedIn) return false;
  }
  return true;
}

function newIssue(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  event: EventRecord,
  normalized: NormalizedEvent,
  hash: string,
): IssueRecord {
  const template = templateOf(normalized);
  const id = nextId(data, 'issue');
  const issue = issueRecord(mutationRandom(data, 'issue'), data.now, {
    org,
    project,
    template,
    id,
    counter: project.nextShortId++,
    events: [event],
    level: normalized.level,
    status: 'unresolved',
    substatus: 'new',
    statusDetails: {},
    priority: normalized.level === 'fatal' || normalized.level === 'error' ? 'high' : 'low',
    assignedTo: null,
    // The spec types a row's `owners` as one object: the project's team owns it, as seeded.
    teams: project.teamSlugs.flatMap((slug) => org.teamsBySlug.get(slug) ?? []),
    members: [],
  });
  const frame = crashFrameOf(normalized.exceptions[normalized.exceptions.length - 1]);
  Object.assign(issue.wire, {
    title: normalized.title,
    culprit: normalized.culprit ?? '',
    type: normalized.type,
    issueType: 'error',
    metadata: {
      ...normalized.metadata,
      ...(frame ? {} : { filename: null, function: null }),
      sdk: { name: template.sdk.name, name_normalized: template.sdk.name },
      initial_priority: issue.wire.priority === 'high' ? 75 : 25,
    },
    isUnhandled: normalized.exceptions.some((e) => e.mechanism?.handled === false),
    hasSeen: false,
    numComments: 0,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    seerFixabilityScore: null,
    annotations: [],
    integrationIssues: [],
    sentryAppIssues: [],
  });
  issue.wire.derivedData = { ...issue.wire.derivedData, viewCount: 0 };
  issue.hashes = [hash];
  issue.seenBy = [];
  data.issuesById.set(id, issue);
  org.issuesByShortId.set(issue.wire.shortId, issue);
  org.issues.unshift(issue);
  project.issues.unshift(issue);
  if (event.release !== null) {
    const release = org.releasesByVersion.get(event.release);
    if (release) release.wire.newGroups += 1;
  }
  return issue;
}

/** Stores the event (and its attachments) in its issue; returns the issue. */
export function saveEvent(
  data: LocalData,
  project: ProjectRecord,
  normalized: NormalizedEvent,
  attachments: StoredAttachment[],
): IssueRecord {
  storeChanged();
  const org = orgOfRecord(data, project);
  const { hash } = groupingHash(normalized);
  const event = eventRecordOf(org, project, normalized, {
    type: normalized.type,
    entries: entriesOf(normalized),
    fingerprints: [hash],
    attachments,
  });
  touchRelease(data, org, project, event);
  let issue = project.issues.find((candidate) => candidate.hashes.includes(hash));
  if (issue) {
    event.issueId = issue.wire.id;
    insertEvent(issue.events, event);
    if (issue.events[0] === event) {
      // As Sentry's `_process_existing_aggregate`: the issue reads as its newest event.
      issue.wire.title = normalized.title;
      issue.wire.culprit = normalized.culprit ?? '';
      issue.wire.metadata = { ...issue.wire.metadata, ...normalized.metadata };
    }
    if (regresses(org, issue, event)) {
      issue.wire.status = 'unresolved';
      issue.wire.substatus = 'regressed';
      issue.wire.statusDetails = {};
      issue.wire.inbox = { reason: 2, reason_details: null, date_added: iso(normalized.received) };
      issue.activity = [
        {
          id: nextId(data, 'activity'),
          type: 'set_regression',
          data: { version: event.release ?? '' },
          dateCreated: iso(normalized.received),
          user: null,
        },
        ...(issue.activity ?? []),
      ];
    }
  } else {
    issue = newIssue(data, org, project, event, normalized, hash);
    event.issueId = issue.wire.id;
  }
  refreshIssue(data, issue);
  data.eventsById.set(event.id, event);
  // Sentry's `first_event_received` signal: a project's first event dates it.
  if (project.wire.firstEvent === null) project.wire.firstEvent = iso(event.timestamp);
  insertEvent(project.events, event);
  insertEvent(org.events, event);
  return issue;
}

/**
 * The event record of a normalised event, as any kind is stored (an error grouped into an issue
 * later; a transaction never): `own` holds what differs by kind.
 */
export function eventRecordOf(
  org: OrgData,
  project: ProjectRecord,
  normalized: NormalizedEvent,
  own: Pick<StoredEvent, 'type' | 'entries' | 'fingerprints' | 'attachments'> &
    Partial<Pick<StoredEvent, 'transaction'>>,
): EventRecord {
  const stored: StoredEvent = {
    type: own.type,
    title: normalized.title,
    message: normalized.message,
    platform: normalized.platform,
    culprit: normalized.culprit,
    location: normalized.location,
    received: normalized.received,
    dist: normalized.dist,
    tags: normalized.tags,
    user: normalized.user,
    contexts: normalized.contexts,
    context: normalized.extra,
    sdk: normalized.sdk,
    entries: own.entries,
    fingerprints: own.fingerprints,
    metadata: normalized.metadata,
    size: normalized.size,
    errors: normalized.errors,
    packages: {},
    attachments: own.attachments,
    ...(own.transaction ? { transaction: own.transaction } : {}),
  };
  return {
    id: normalized.id,
    issueId: '',
    projectId: project.wire.id,
    org: org.slug,
    timestamp: normalized.timestamp,
    release: normalized.release,
    environment: normalized.environment ?? '',
    level: normalized.level,
    user: eventUserIndex(org, normalized),
    seed: 0,
    stored,
  };
}

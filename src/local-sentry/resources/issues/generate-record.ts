/** The seeded issue's record: its stream row, drawn in a fixed order after its events. */
import type {
  SentryIssueLevel,
  SentryIssuePriority,
  SentryIssueSubstatus,
} from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { Random } from '../../data/random.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import { iso } from '../../data/time.ts';
import type { EventRecord } from '../events/record.ts';
import type { MemberRecord } from '../members/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { TeamRecord } from '../teams/record.ts';
import { permalinkOf, shortIdOf } from './build.ts';
import { linkedIssues } from './linked.ts';
import type { IssueRecord } from './record.ts';
import { statsSeries } from './stats.ts';

/** What an issue's record is built from: its place, its events and what was drawn for it. */
export interface IssueFacts {
  org: OrgData;
  project: ProjectRecord;
  template: ErrorTemplate;
  id: string;
  /** The project's short-id counter value. */
  counter: number;
  /** Newest first. */
  events: EventRecord[];
  level: SentryIssueLevel;
  status: 'unresolved' | 'resolved' | 'ignored';
  substatus: SentryIssueSubstatus | null;
  statusDetails: IssueRecord['wire']['statusDetails'];
  priority: SentryIssuePriority;
  assignedTo: IssueRecord['wire']['assignedTo'];
  /** The project's teams and the organization's members with an account. */
  teams: TeamRecord[];
  members: MemberRecord[];
}

export function issueRecord(rng: Random, now: number, facts: IssueFacts): IssueRecord {
  const { org, project, template, id, counter, events, level, status, substatus } = facts;
  const { statusDetails, priority, assignedTo, teams, members } = facts;
  const oldest = events[events.length - 1] as EventRecord;
  const newest = events[0] as EventRecord;
  const users = new Set(events.map((event) => event.user));
  const frame = template.frames[template.frames.length - 1];
  const hasSeen = rng.chance(0.5);
  const linked = linkedIssues(id, project.wire.slug);
  return {
    org: org.slug,
    projectId: project.wire.id,
    template,
    firstRelease: oldest.release,
    lastRelease: newest.release,
    events,
    hashes: Array.from(
      {
        length: rng.weighted([
          [1, 16],
          [2, 3],
          [3, 1],
        ]),
      },
      () => rng.hex(32),
    ),
    environments: [...new Set(events.map((event) => event.environment))].sort(),
    seenBy: hasSeen && members.length > 0 ? [rng.pick(members).userId ?? ''] : [],
    wire: {
      id,
      shareId: null,
      shortId: shortIdOf(project.wire.slug, counter),
      title: `${template.type}: ${template.value}`,
      culprit: template.culprit,
      permalink: permalinkOf(org.slug, id),
      logger: template.logger,
      level,
      status,
      statusDetails,
      substatus,
      isPublic: false,
      platform: project.wire.platform,
      priority,
      priorityLockedAt: null,
      seerFixabilityScore: rng.chance(0.3) ? Math.round(rng.float() * 1000) / 1000 : null,
      seerAutofixLastTriggered: null,
      seerExplorerAutofixLastTriggered: null,
      project: {
        id: project.wire.id,
        name: project.wire.name,
        slug: project.wire.slug,
        platform: project.wire.platform,
      },
      type: 'error',
      issueType: 'error',
      issueCategory: 'error',
      metadata: {
        type: template.type,
        value: template.value,
        filename: frame?.filename ?? null,
        function: frame?.function ?? null,
        display_title_with_tree_label: false,
        in_app_frame_mix: 'mixed',
        sdk: { name: template.sdk.name, name_normalized: template.sdk.name },
        initial_priority: priority === 'high' ? 75 : priority === 'medium' ? 50 : 25,
      },
      numComments: rng.chance(0.7) ? 0 : rng.int(1, 6),
      assignedTo,
      isBookmarked: rng.chance(0.05),
      isSubscribed: assignedTo?.type === 'user' || rng.chance(0.3),
      subscriptionDetails: assignedTo?.type === 'user' ? { reason: 'assigned' } : null,
      hasSeen,
      annotations: linked.annotations,
      isUnhandled: !template.handled,
      count: String(events.length),
      userCount: users.size,
      firstSeen: iso(oldest.timestamp),
      lastSeen: iso(newest.timestamp),
      stats: { '24h': statsSeries(events, now, '24h') },
      derivedData: {
        blocker: '',
        progress: '',
        status: '',
        viewCount: hasSeen ? rng.int(1, 20) : 0,
        hasOpenFixPr: false,
        isAssigned: assignedTo !== null,
        hasRootCause: false,
        lastCompletedAutofixStep: '',
        lastProgressedAt: null,
      },
      lifetime: {
        count: String(events.length),
        userCount: users.size,
        firstSeen: iso(oldest.timestamp),
        lastSeen: iso(newest.timestamp),
      },
      filtered: null,
      sessionCount: 0,
      inbox: {
        // Sentry's GroupInboxReason: NEW 0, UNIGNORED 1, REGRESSION 2, MANUAL 3, REPROCESSED 4,
        // ESCALATING 5, ONGOING 6.
        reason: substatus === 'regressed' ? 2 : substatus === 'escalating' ? 5 : 0,
        reason_details: null,
        date_added: iso(oldest.timestamp),
      },
      // The spec types list-row `owners` as one object (Sentry itself sends a list or null).
      owners: {
        type: 'ownershipRule',
        owner: `team:${teams[0]?.wire.id ?? '0'}`,
        date_added: iso(oldest.timestamp),
      },
      integrationIssues: linked.integrationIssues,
      sentryAppIssues: linked.sentryAppIssues,
      latestEventHasAttachments: false,
      matchingEventId: null,
      matchingEventEnvironment: null,
    },
  };
}

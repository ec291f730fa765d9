/**
 * Seeded issues: drafts drawn per project weight and skewed towards recent ones, then in order of
 * first sighting each gets its events, a status, a priority, an assignee, its record and maybe a
 * feedback report.
 */
import type {
  SentryIssueLevel,
  SentryIssuePriority,
  SentryIssueSubstatus,
  SentryUser,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { Random } from '../../data/random.ts';
import { nextId } from '../../data/store.ts';
import { buildTemplates, type ErrorTemplate, type Platform } from '../../data/templates/index.ts';
import { DAY } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import { type EventWindow, generateIssueEvents } from '../events/generate.ts';
import type { EventRecord } from '../events/record.ts';
import type { MemberRecord } from '../members/record.ts';
import { activeMembers } from '../members/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { TeamRecord } from '../teams/record.ts';
import { teamsOf } from '../teams/store.ts';
import { generateFeedback } from '../user-feedback/generate.ts';
import { teamActor, userActor } from './assignees.ts';
import { type IssueFacts, issueRecord } from './generate-record.ts';
import type { IssueRecord } from './record.ts';

/** An issue before it is generated: where and when it happens, and its share of the events. */
interface IssueDraft extends EventWindow {
  weight: number;
  order: number;
}

/** The release a project ran at a time: the newest one released before it. */
function releaseTimeline(data: LocalData): (projectId: string, timestamp: number) => string | null {
  const releaseTimes = new Map<string, { version: string; at: number }[]>();
  for (const org of data.organizations.values()) {
    for (const release of org.releases) {
      const at = Date.parse(release.wire.dateReleased ?? release.wire.dateCreated ?? '');
      for (const projectId of release.projectIds) {
        const list = releaseTimes.get(projectId) ?? [];
        list.push({ version: release.wire.version, at });
        releaseTimes.set(projectId, list);
      }
    }
  }
  for (const list of releaseTimes.values()) list.sort((a, b) => a.at - b.at);
  return (projectId, timestamp) => {
    let found: string | null = null;
    for (const { version, at } of releaseTimes.get(projectId) ?? []) {
      if (at > timestamp) break;
      found = version;
    }
    return found;
  };
}

/** The scale's issues as drafts, in order of first sighting. */
function draftIssues(
  { data, rng, spec }: Seeding,
  weights: Map<ProjectRecord, number>,
): IssueDraft[] {
  const now = data.now;
  const projects = [...weights.entries()];
  const templatesByPlatform = new Map<Platform, ErrorTemplate[]>();
  for (const template of buildTemplates()) {
    const list = templatesByPlatform.get(template.platform) ?? [];
    list.push(template);
    templatesByPlatform.set(template.platform, list);
  }
  const drafts: IssueDraft[] = [];
  for (let i = 0; i < spec.issues; i++) {
    const project = rng.weighted(projects);
    const org = data.organizations.get(project.org) as OrgData;
    const templates = templatesByPlatform.get(project.wire.platform as Platform) ?? [];
    const template = rng.pick(templates);
    // Skewed towards recent issues, as a live issue stream is.
    const firstSeen = now - Math.floor(rng.float() ** 1.6 * 88 * DAY) - rng.int(1, 3600) * 1000;
    const recent = rng.chance(0.45);
    const lastSeen = recent
      ? Math.max(firstSeen, now - rng.int(60, 23 * 3600) * 1000)
      : firstSeen + Math.floor(rng.float() * (now - firstSeen));
    drafts.push({
      project,
      org,
      template,
      firstSeen,
      lastSeen,
      weight: rng.float() ** 4 + 0.01,
      productionOnly: rng.chance(0.3),
      order: i,
    });
  }
  return drafts.sort((a, b) => a.firstSeen - b.firstSeen || a.order - b.order);
}

/** Mostly unresolved (new while under a week old), a quarter resolved, the rest archived. */
function drawStatus(
  rng: Random,
  ageDays: number,
  newest: EventRecord,
): Pick<IssueFacts, 'status' | 'substatus' | 'statusDetails'> {
  const statusRoll = rng.float();
  let status: 'unresolved' | 'resolved' | 'ignored' = 'unresolved';
  let substatus: SentryIssueSubstatus | null;
  let statusDetails: IssueRecord['wire']['statusDetails'] = {};
  if (statusRoll < 0.6) {
    substatus =
      ageDays < 7
        ? 'new'
        : rng.weighted<SentryIssueSubstatus>([
            ['ongoing', 7],
            ['escalating', 1.5],
            ['regressed', 1.5],
          ]);
  } else if (statusRoll < 0.85) {
    status = 'resolved';
    substatus = null;
    if (newest.release && rng.chance(0.4)) statusDetails = { inRelease: newest.release };
  } else {
    status = 'ignored';
    substatus = rng.weighted<SentryIssueSubstatus>([
      ['archived_until_escalating', 6],
      ['archived_forever', 2],
      ['archived_until_condition_met', 2],
    ]);
    if (substatus === 'archived_until_condition_met') statusDetails = { ignoreCount: 100 };
  }
  return { status, substatus, statusDetails };
}

/** Priority follows the level: fatal is high, errors high or medium, warnings medium or low. */
function drawPriority(rng: Random, level: SentryIssueLevel): SentryIssuePriority {
  return level === 'fatal'
    ? 'high'
    : level === 'error'
      ? rng.chance(0.4)
        ? 'high'
        : 'medium'
      : level === 'warning'
        ? rng.chance(0.5)
          ? 'medium'
          : 'low'
        : 'low';
}

/** Two issues in five go to a member, one in five to one of the project's teams. */
function drawAssignee(
  { data, rng }: Seeding,
  members: MemberRecord[],
  teams: TeamRecord[],
): IssueRecord['wire']['assignedTo'] {
  const assigneeRoll = rng.float();
  if (assigneeRoll < 0.4 && members.length > 0) {
    return userActor(data.users.get(rng.pick(members).userId ?? '') as SentryUser);
  }
  if (assigneeRoll < 0.6 && teams.length > 0) return teamActor(rng.pick(teams));
  return null;
}

/** Every issue of the scale with its events, spread over projects by `weights`. */
export function generateIssues(seeding: Seeding, weights: Map<ProjectRecord, number>): void {
  const { data, rng, spec } = seeding;
  const now = data.now;
  const releaseAt = releaseTimeline(data);
  const drafts = draftIssues(seeding, weights);
  const totalWeight = drafts.reduce((sum, draft) => sum + draft.weight, 0);

  for (const draft of drafts) {
    const { org, project, template } = draft;
    const id = nextId(data, 'issue');
    const counter = project.nextShortId++;
    const count = Math.max(1, Math.round((spec.events * draft.weight) / totalWeight));
    const events = generateIssueEvents(seeding, draft, { issueId: id, count, releaseAt });
    const newest = events[0] as EventRecord;
    const level: SentryIssueLevel = template.level;
    const status = drawStatus(rng, (now - draft.firstSeen) / DAY, newest);
    const priority = drawPriority(rng, level);
    const teams = teamsOf(org, project.teamSlugs);
    const members = activeMembers(org);
    const assignedTo = drawAssignee(seeding, members, teams);
    const issue = issueRecord(rng, now, {
      org,
      project,
      template,
      id,
      counter,
      events,
      level,
      ...status,
      priority,
      assignedTo,
      teams,
      members,
    });

    org.issuesByShortId.set(issue.wire.shortId, issue);
    data.issuesById.set(id, issue);
    project.issues.push(issue);
    org.issues.push(issue);
    for (const event of events) {
      data.eventsById.set(event.id, event);
      project.events.push(event);
      org.events.push(event);
    }
    generateFeedback(seeding, org, project, { issueId: id, newest });
  }
}

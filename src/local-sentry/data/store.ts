/**
 * Lookups and mutations over `LocalData`. Every change to the store goes through a function
 * here, so the per-organization arrays, the maps and the copies Sentry embeds in other bodies
 * (an issue's `project`, a project's `teams`, an assignee's name) stay in step.
 *
 * Callers (the routes) validate input and permissions first and map `undefined`/`StoreError`
 * to HTTP errors; these helpers assume the request is allowed.
 */
import type {
  SentryActor,
  SentryIssueBulkUpdateResult,
  SentryIssueStatusDetails,
  SentryIssueSubstatus,
  SentryIssueUpdate,
  SentryJsonObject,
  SentryProjectKeyUpdate,
  SentryProjectUpdate,
  SentryReleaseCreate,
  SentryReleaseUpdate,
  SentryUser,
} from '../../sentry/types.ts';
import { statsSeries } from '../resources/issues/stats.ts';
import {
  buildDeploy,
  buildProject,
  buildProjectKey,
  buildRelease,
  buildRepository,
  buildServiceHook,
  buildTeam,
  fromBase32,
  iso,
  shortIdOf,
  teamActor,
  teamRef,
  userActor,
} from '../resources/projects/build.ts';
import { storeChanged } from './generation.ts';
import type {
  CommitRecord,
  EventRecord,
  IssueRecord,
  LocalData,
  MemberRecord,
  OrgData,
  ProjectKeyRecord,
  ProjectRecord,
  ReleaseRecord,
  RepositoryRecord,
  SequenceKind,
  ServiceHookRecord,
  TeamRecord,
  UserFeedbackRecord,
} from './model.ts';
import { hash32, Random } from './random.ts';

/** A request the store cannot apply; `field` names the body field for a 400 field error. */
export class StoreError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'StoreError';
    this.field = field;
  }
}

// ---------------------------------------------------------------------------------------------
// Ids and time
// ---------------------------------------------------------------------------------------------

export function nextId(data: LocalData, kind: SequenceKind): string {
  return String(data.sequences[kind]++);
}

/** A deterministic stream for values a mutation invents (key secrets, event ids). */
function mutationRandom(data: LocalData, kind: SequenceKind): Random {
  return new Random(hash32(data.seed, 'mutation', kind, data.sequences[kind]));
}

/** Timestamp for records created by mutations: the data's "now", so period filters see them. */
export const nowIso = (data: LocalData): string => iso(data.now);

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/** By slug or numeric id (Sentry's `organization_id_or_slug`). */
export function findOrganization(data: LocalData, idOrSlug: string): OrgData | undefined {
  const bySlug = data.organizations.get(idOrSlug);
  if (bySlug) return bySlug;
  for (const org of data.organizations.values()) if (org.wire.id === idOrSlug) return org;
  return undefined;
}

/** By slug or numeric id, within the organization. */
export function findProject(
  data: LocalData,
  org: OrgData,
  idOrSlug: string,
): ProjectRecord | undefined {
  const bySlug = org.projectsBySlug.get(idOrSlug);
  if (bySlug) return bySlug;
  const byId = data.projectsById.get(idOrSlug);
  return byId?.org === org.slug ? byId : undefined;
}

/** By slug or numeric id. */
export function findTeam(org: OrgData, idOrSlug: string): TeamRecord | undefined {
  return org.teamsBySlug.get(idOrSlug) ?? org.teamsById.get(idOrSlug);
}

export function findMember(org: OrgData, memberId: string): MemberRecord | undefined {
  return org.membersById.get(memberId);
}

/** By user id, email or username. */
export function findMemberByUser(org: OrgData, userIdOrEmail: string): MemberRecord | undefined {
  const needle = userIdOrEmail.toLowerCase();
  return org.members.find(
    (member) =>
      member.userId === userIdOrEmail ||
      member.wire.email.toLowerCase() === needle ||
      member.wire.user?.username.toLowerCase() === needle,
  );
}

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

/** By the 32-hex event id (dashes and case ignored), within the organization. */
export function findEvent(data: LocalData, org: OrgData, eventId: string): EventRecord | undefined {
  const event = data.eventsById.get(eventId.replaceAll('-', '').toLowerCase());
  return event?.org === org.slug ? event : undefined;
}

export function findRelease(org: OrgData, version: string): ReleaseRecord | undefined {
  return org.releasesByVersion.get(version);
}

export function findRepository(org: OrgData, id: string): RepositoryRecord | undefined {
  return org.repositoriesById.get(id);
}

export function findProjectKey(
  project: ProjectRecord,
  keyId: string,
): ProjectKeyRecord | undefined {
  return project.keys.find((key) => key.wire.id === keyId);
}

export function findServiceHook(
  project: ProjectRecord,
  hookId: string,
): ServiceHookRecord | undefined {
  return project.hooks.find((hook) => hook.wire.id === hookId);
}

export function projectOf(data: LocalData, record: { projectId: string }): ProjectRecord {
  const project = data.projectsById.get(record.projectId);
  if (!project) throw new Error(`dangling project ${record.projectId}`);
  return project;
}

export function orgOf(data: LocalData, record: { org: string }): OrgData {
  const org = data.organizations.get(record.org);
  if (!org) throw new Error(`dangling organization ${record.org}`);
  return org;
}

export const latestEvent = (issue: IssueRecord): EventRecord | undefined => issue.events[0];
export const oldestEvent = (issue: IssueRecord): EventRecord | undefined =>
  issue.events[issue.events.length - 1];

/** Sentry's "recommended" event: the newest one from production, else the newest. */
export const recommendedEvent = (issue: IssueRecord): EventRecord | undefined =>
  issue.events.find((event) => event.environment === 'production') ?? issue.events[0];

/** An issue event by `latest|oldest|recommended` or a 32-hex id. */
export function findIssueEvent(issue: IssueRecord, which: string): EventRecord | undefined {
  if (which === 'latest') return latestEvent(issue);
  if (which === 'oldest') return oldestEvent(issue);
  if (which === 'recommended') return recommendedEvent(issue);
  const id = which.replaceAll('-', '').toLowerCase();
  return issue.events.find((event) => event.id === id);
}

/** The newest release of a project (by creation date), for `inRelease: "latest"`. */
export function latestReleaseOf(org: OrgData, projectId: string): ReleaseRecord | undefined {
  return org.releases.find((release) => release.projectIds.includes(projectId));
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

export function updateOrganization(
  data: LocalData,
  org: OrgData,
  patch: { name?: string; slug?: string },
): OrgData {
  storeChanged();
  if (patch.name !== undefined) org.wire.name = patch.name;
  if (patch.slug !== undefined && patch.slug !== org.slug) {
    if (data.organizations.has(patch.slug))
      throw new StoreError('An organization with this slug already exists.', 'slug');
    const old = org.slug;
    org.slug = patch.slug;
    org.wire.slug = patch.slug;
    org.wire.links = { ...org.wire.links, organizationUrl: `https://${patch.slug}.sentry.io` };
    const entries = [...data.organizations.entries()].map(([slug, value]): [string, OrgData] =>
      slug === old ? [patch.slug as string, value] : [slug, value],
    );
    data.organizations.clear();
    for (const [slug, value] of entries) data.organizations.set(slug, value);
    const relink = (record: { org: string }) => {
      record.org = patch.slug as string;
    };
    org.projects.forEach(relink);
    org.teams.forEach(relink);
    org.members.forEach(relink);
    org.issues.forEach(relink);
    org.events.forEach(relink);
    org.releases.forEach(relink);
    org.repositories.forEach(relink);
    for (const repository of org.repositories) repository.commits.forEach(relink);
    for (const project of org.projects) {
      project.keys.forEach(relink);
      project.hooks.forEach(relink);
      project.feedback.forEach(relink);
    }
    for (const issue of org.issues)
      issue.wire.permalink = `https://${patch.slug}.sentry.io/issues/${issue.wire.id}/`;
  }
  return org;
}

// ---------------------------------------------------------------------------------------------
// Teams
// ---------------------------------------------------------------------------------------------

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

export function addTeam(
  data: LocalData,
  org: OrgData,
  input: { slug?: string | null; name?: string | null },
): TeamRecord {
  storeChanged();
  const slug = input.slug || slugify(input.name ?? '');
  if (!slug) throw new StoreError('Name or slug is required', 'slug');
  if (org.teamsBySlug.has(slug))
    throw new StoreError('A team with this slug already exists.', 'slug');
  const team: TeamRecord = {
    org: org.slug,
    wire: buildTeam({
      id: nextId(data, 'team'),
      slug,
      name: input.name || slug,
      dateCreated: nowIso(data),
    }),
  };
  org.teams.push(team);
  org.teamsBySlug.set(slug, team);
  org.teamsById.set(team.wire.id, team);
  return team;
}

export function updateTeam(
  org: OrgData,
  team: TeamRecord,
  patch: { slug?: string; name?: string },
): TeamRecord {
  storeChanged();
  if (patch.name !== undefined) team.wire.name = patch.name;
  const old = team.wire.slug;
  if (patch.slug !== undefined && patch.slug !== old) {
    if (org.teamsBySlug.has(patch.slug))
      throw new StoreError('A team with this slug already exists.', 'slug');
    org.teamsBySlug.delete(old);
    team.wire.slug = patch.slug;
    org.teamsBySlug.set(patch.slug, team);
    for (const member of org.members) {
      member.teamSlugs = member.teamSlugs.map((slug) => (slug === old ? team.wire.slug : slug));
    }
    for (const project of org.projects) {
      project.teamSlugs = project.teamSlugs.map((slug) => (slug === old ? team.wire.slug : slug));
    }
  }
  for (const project of org.projects)
    if (project.teamSlugs.includes(team.wire.slug)) syncProjectTeams(org, project);
  for (const issue of org.issues) {
    if (issue.wire.assignedTo?.type === 'team' && issue.wire.assignedTo.id === team.wire.id) {
      issue.wire.assignedTo = teamActor(team);
    }
  }
  return team;
}

export function deleteTeam(org: OrgData, team: TeamRecord): void {
  storeChanged();
  const slug = team.wire.slug;
  org.teams = org.teams.filter((t) => t !== team);
  org.teamsBySlug.delete(slug);
  org.teamsById.delete(team.wire.id);
  for (const member of org.members) member.teamSlugs = member.teamSlugs.filter((s) => s !== slug);
  for (const project of org.projects) {
    if (!project.teamSlugs.includes(slug)) continue;
    project.teamSlugs = project.teamSlugs.filter((s) => s !== slug);
    syncProjectTeams(org, project);
  }
  for (const issue of org.issues) {
    if (issue.wire.assignedTo?.type === 'team' && issue.wire.assignedTo.id === team.wire.id) {
      setAssignee(issue, null);
    }
  }
}

/** Recomputes `team`/`teams` of a project body and the teams' member counts. */
function syncProjectTeams(org: OrgData, project: ProjectRecord): void {
  const refs = project.teamSlugs
    .map((slug) => org.teamsBySlug.get(slug))
    .filter((team): team is TeamRecord => team !== undefined)
    .map((team) => teamRef(team.wire));
  project.wire.teams = refs;
  project.wire.team = refs[0] ?? null;
}

export function syncTeamMemberCounts(org: OrgData): void {
  storeChanged();
  for (const team of org.teams) {
    team.wire.memberCount = org.members.filter(
      (member) => member.userId !== null && member.teamSlugs.includes(team.wire.slug),
    ).length;
  }
}

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

export function addProject(
  data: LocalData,
  org: OrgData,
  team: TeamRecord | null,
  input: { name: string; slug?: string | null; platform?: string | null },
): ProjectRecord {
  storeChanged();
  const slug = input.slug || slugify(input.name);
  if (!slug) throw new StoreError('This field is required.', 'slug');
  if (org.projectsBySlug.has(slug)) {
    throw new StoreError('A project with this slug already exists.', 'slug');
  }
  const id = nextId(data, 'project');
  const created = nowIso(data);
  const project: ProjectRecord = {
    org: org.slug,
    wire: buildProject({
      id,
      slug,
      name: input.name,
      platform: input.platform ?? null,
      dateCreated: created,
      teams: team ? [teamRef(team.wire)] : [],
    }),
    teamSlugs: team ? [team.wire.slug] : [],
    issues: [],
    events: [],
    keys: [],
    hooks: [],
    feedback: [],
    nextShortId: 1,
  };
  org.projects.push(project);
  org.projectsBySlug.set(slug, project);
  data.projectsById.set(id, project);
  addProjectKey(data, org, project, { name: 'Default' });
  return project;
}

export function updateProject(
  org: OrgData,
  project: ProjectRecord,
  patch: SentryProjectUpdate,
): ProjectRecord {
  storeChanged();
  const wire = project.wire;
  if (patch.slug !== undefined && patch.slug !== wire.slug) {
    if (org.projectsBySlug.has(patch.slug)) {
      throw new StoreError('Another project is already using that slug.', 'slug');
    }
    org.projectsBySlug.delete(wire.slug);
    wire.slug = patch.slug;
    org.projectsBySlug.set(wire.slug, project);
    // Short ids are derived from the project slug, so they move with it.
    for (const issue of project.issues) {
      org.issuesByShortId.delete(issue.wire.shortId);
      const counter = fromBase32(issue.wire.shortId.slice(issue.wire.shortId.lastIndexOf('-') + 1));
      issue.wire.shortId = shortIdOf(wire.slug, counter);
      org.issuesByShortId.set(issue.wire.shortId, issue);
    }
  }
  if (patch.name !== undefined) wire.name = patch.name;
  if (patch.platform !== undefined) {
    wire.platform = patch.platform;
    wire.platforms = patch.platform ? [patch.platform] : [];
  }
  if (patch.isBookmarked !== undefined) wire.isBookmarked = patch.isBookmarked;
  const options: SentryJsonObject = { ...(wire.options ?? {}) };
  for (const key of [
    'subjectPrefix',
    'subjectTemplate',
    'resolveAge',
    'highlightTags',
    'highlightContext',
  ] as const) {
    const value = patch[key];
    if (value !== undefined) options[key] = value as SentryJsonObject[string];
  }
  if (patch.enableAutoReleaseCreation !== undefined)
    options['enableAutoReleaseCreation'] = patch.enableAutoReleaseCreation;
  if (patch.scmSourceContextEnabled !== undefined)
    options['scmSourceContextEnabled'] = patch.scmSourceContextEnabled;
  if (Object.keys(options).length > 0) wire.options = options;
  for (const issue of project.issues) {
    issue.wire.project = { id: wire.id, name: wire.name, slug: wire.slug, platform: wire.platform };
    issue.wire.platform = wire.platform;
  }
  for (const release of org.releases) {
    for (const entry of release.wire.projects) {
      if (String(entry.id) === wire.id) {
        entry.slug = wire.slug;
        entry.name = wire.name;
        entry.platform = wire.platform;
        entry.platforms = wire.platforms;
      }
    }
  }
  return project;
}

/** Removes the project with its issues, events, keys and hooks; releases keep their other projects. */
export function deleteProject(data: LocalData, org: OrgData, project: ProjectRecord): void {
  storeChanged();
  for (const issue of [...project.issues]) deleteIssue(data, issue);
  org.projects = org.projects.filter((p) => p !== project);
  org.projectsBySlug.delete(project.wire.slug);
  data.projectsById.delete(project.wire.id);
  for (const release of org.releases) {
    release.projectIds = release.projectIds.filter((id) => id !== project.wire.id);
    release.wire.projects = release.wire.projects.filter(
      (entry) => String(entry.id) !== project.wire.id,
    );
  }
}

export function addProjectTeam(org: OrgData, project: ProjectRecord, team: TeamRecord): void {
  storeChanged();
  if (!project.teamSlugs.includes(team.wire.slug)) project.teamSlugs.push(team.wire.slug);
  syncProjectTeams(org, project);
}

export function removeProjectTeam(org: OrgData, project: ProjectRecord, team: TeamRecord): void {
  storeChanged();
  project.teamSlugs = project.teamSlugs.filter((slug) => slug !== team.wire.slug);
  syncProjectTeams(org, project);
}

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/** Resolves `user:<id>`, `team:<id>`, `#team-slug`, an email or a username to an actor. */
export function resolveActor(
  data: LocalData,
  org: OrgData,
  input: string,
): SentryActor | undefined {
  const text = input.trim();
  if (text.startsWith('team:') || text.startsWith('#')) {
    const key = text.startsWith('#') ? text.slice(1) : text.slice(5);
    const team = text.startsWith('#') ? org.teamsBySlug.get(key) : org.teamsById.get(key);
    return team ? teamActor(team) : undefined;
  }
  const key = text.startsWith('user:') ? text.slice(5) : text;
  const member = text.startsWith('user:')
    ? org.members.find((m) => m.userId === key)
    : findMemberByUser(org, key);
  const user = member?.userId ? data.users.get(member.userId) : undefined;
  return user ? userActor(user) : undefined;
}

function setAssignee(issue: IssueRecord, actor: SentryActor | null): void {
  issue.wire.assignedTo = actor;
  issue.wire.derivedData = { ...issue.wire.derivedData, isAssigned: actor !== null };
  if (actor?.type === 'user') {
    issue.wire.isSubscribed = true;
    issue.wire.subscriptionDetails = { reason: 'assigned' };
  }
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
  const org = orgOf(data, issue);
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

/** What a merge did, as the bulk change set's `merge` reports it. */
export interface MergeResult {
  parent: string;
  children: string[];
}

/**
 * Merges issues of one project as Sentry's `handle_merge` does: the issue seen most often (then
 * the highest id) stays as the parent; the others' events, hashes, environments and feedback
 * move to it, they leave every list and index, and their ids redirect to the parent. The moved
 * events read as the parent's (their bodies are built from the issue's template). Throws
 * `StoreError` for fewer than two issues or issues of several projects.
 */
export function mergeIssues(data: LocalData, issues: readonly IssueRecord[]): MergeResult {
  storeChanged();
  const [parent, ...children] = [...issues].sort(
    (a, b) => b.events.length - a.events.length || Number(b.wire.id) - Number(a.wire.id),
  );
  if (!parent || children.length === 0) throw new StoreError('Merging needs two issues or more');
  if (children.some((child) => child.projectId !== parent.projectId)) {
    throw new StoreError('Merging across multiple projects is not supported');
  }
  const org = orgOf(data, parent);
  const project = projectOf(data, parent);
  const all = [parent, ...children];
  const earliest = (issue: IssueRecord) => oldestEvent(issue)?.timestamp ?? Infinity;
  const latest = (issue: IssueRecord) => latestEvent(issue)?.timestamp ?? -Infinity;
  parent.firstRelease = all.reduce((a, b) => (earliest(b) < earliest(a) ? b : a)).firstRelease;
  parent.lastRelease = all.reduce((a, b) => (latest(b) > latest(a) ? b : a)).lastRelease;

  const childIds = new Set(children.map((child) => child.wire.id));
  for (const child of children) {
    for (const event of child.events) event.issueId = parent.wire.id;
    parent.events.push(...child.events);
    parent.hashes.push(...child.hashes);
    parent.environments = [...new Set([...parent.environments, ...child.environments])].sort();
    parent.seenBy = [...new Set([...parent.seenBy, ...child.seenBy])];
    parent.wire.numComments += child.wire.numComments;
    data.issuesById.delete(child.wire.id);
    org.issuesByShortId.delete(child.wire.shortId);
    data.issueRedirects.set(child.wire.id, parent.wire.id);
  }
  // Earlier merges into a child now lead to the parent.
  for (const [from, to] of data.issueRedirects) {
    if (childIds.has(to)) data.issueRedirects.set(from, parent.wire.id);
  }
  for (const feedback of project.feedback) {
    if (feedback.issueId !== null && childIds.has(feedback.issueId)) {
      feedback.issueId = parent.wire.id;
    }
  }
  parent.events.sort((a, b) => b.timestamp - a.timestamp || a.id.localeCompare(b.id));
  syncIssueCounts(data, parent);
  const kept = (issue: IssueRecord) => !childIds.has(issue.wire.id) && issue !== parent;
  org.issues = placeByFirstSeen(org.issues.filter(kept), parent);
  project.issues = placeByFirstSeen(project.issues.filter(kept), parent);
  return { parent: parent.wire.id, children: children.map((child) => child.wire.id) };
}

/** Recounts what an issue's row derives from its events (count, users, first/last seen, stats). */
function syncIssueCounts(data: LocalData, issue: IssueRecord): void {
  const newest = latestEvent(issue);
  const oldest = oldestEvent(issue);
  const counts = {
    count: String(issue.events.length),
    userCount: new Set(issue.events.map((event) => event.user)).size,
    firstSeen: oldest ? iso(oldest.timestamp) : null,
    lastSeen: newest ? iso(newest.timestamp) : null,
  };
  Object.assign(issue.wire, counts);
  issue.wire.lifetime = { ...issue.wire.lifetime, ...counts };
  issue.wire.stats = { '24h': statsSeries(issue.events, data.now, '24h') };
}

/** `issues` (newest `firstSeen` first, without `issue`) with `issue` put back in its place. */
function placeByFirstSeen(issues: IssueRecord[], issue: IssueRecord): IssueRecord[] {
  const firstSeen = (i: IssueRecord) => Date.parse(i.wire.firstSeen ?? '') || 0;
  const at = issues.findIndex((other) => firstSeen(other) < firstSeen(issue));
  return at === -1 ? [...issues, issue] : [...issues.slice(0, at), issue, ...issues.slice(at)];
}

// ---------------------------------------------------------------------------------------------
// Releases, deploys, commits
// ---------------------------------------------------------------------------------------------

function repositoryFor(
  data: LocalData,
  org: OrgData,
  name: string | null | undefined,
  project?: ProjectRecord,
): RepositoryRecord {
  const wanted = name ?? (project ? `${org.slug}/${project.wire.slug}` : `${org.slug}/unknown`);
  const found = org.repositories.find((repository) => repository.wire.name === wanted);
  if (found) return found;
  const repository: RepositoryRecord = {
    org: org.slug,
    wire: buildRepository({
      id: nextId(data, 'repository'),
      name: wanted,
      dateCreated: nowIso(data),
    }),
    commits: [],
    commitsById: new Map(),
  };
  org.repositories.push(repository);
  org.repositoriesById.set(repository.wire.id, repository);
  return repository;
}

function setReleaseCommits(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  commits: NonNullable<SentryReleaseCreate['commits']>,
): void {
  const project = release.projectIds.map((id) => data.projectsById.get(id))[0];
  const version = release.wire.version;
  for (const sha of release.commitIds) {
    for (const repository of org.repositories) {
      const commit = repository.commitsById.get(sha);
      if (commit) commit.releaseVersions = commit.releaseVersions.filter((v) => v !== version);
    }
  }
  release.commitIds = [];
  const authors = new Map<string, SentryUser | { name: string | null; email: string }>();
  let last: CommitRecord | null = null;
  for (const input of commits) {
    const repository = repositoryFor(data, org, input.repository, project);
    let commit = repository.commitsById.get(input.id);
    const email = input.author_email ?? null;
    const member = email ? findMemberByUser(org, email) : undefined;
    const user = member?.userId ? data.users.get(member.userId) : undefined;
    const author = user ?? (email ? { name: input.author_name ?? null, email } : undefined);
    if (!commit) {
      commit = {
        org: org.slug,
        repositoryId: repository.wire.id,
        wire: {
          id: input.id,
          message: input.message ?? null,
          dateCreated: input.timestamp ?? nowIso(data),
          pullRequest: null,
          suspectCommitType: '',
          repository: repository.wire,
          author: author ?? {},
        },
        releaseVersions: [],
      };
      repository.commits.unshift(commit);
      repository.commitsById.set(input.id, commit);
    }
    commit.releaseVersions.push(version);
    release.commitIds.push(input.id);
    if (author) authors.set(author.email, author);
    last ??= commit;
  }
  release.wire.commitCount = release.commitIds.length;
  release.wire.authors = [...authors.values()];
  release.wire.lastCommit = last ? last.wire : null;
}

/** `POST /organizations/{org}/releases/`; `projects` are already resolved. */
export function addRelease(
  data: LocalData,
  org: OrgData,
  projects: ProjectRecord[],
  body: SentryReleaseCreate,
): ReleaseRecord {
  storeChanged();
  if (org.releasesByVersion.has(body.version)) {
    throw new StoreError('Release with this version already exists.', 'version');
  }
  const created = nowIso(data);
  const release: ReleaseRecord = {
    org: org.slug,
    wire: buildRelease({
      id: Number(nextId(data, 'release')),
      version: body.version,
      ref: body.ref ?? null,
      url: body.url ?? null,
      dateCreated: created,
      dateReleased: body.dateReleased ?? null,
      projects: projects.map((project) => project.wire),
    }),
    projectIds: projects.map((project) => project.wire.id),
    deploys: [],
    commitIds: [],
    files: [],
  };
  if (body.status !== undefined) release.wire.status = body.status;
  org.releases.unshift(release);
  org.releasesByVersion.set(body.version, release);
  if (body.commits) setReleaseCommits(data, org, release, body.commits);
  for (const project of projects) project.wire.latestRelease = { version: body.version };
  return release;
}

export function updateRelease(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  body: SentryReleaseUpdate,
): ReleaseRecord {
  storeChanged();
  if (body.ref !== undefined) release.wire.ref = body.ref;
  if (body.url !== undefined) release.wire.url = body.url;
  if (body.dateReleased !== undefined) release.wire.dateReleased = body.dateReleased;
  if (body.status !== undefined) release.wire.status = body.status;
  if (body.commits) setReleaseCommits(data, org, release, body.commits);
  return release;
}

/** True when issues were first or last seen in the release (Sentry then refuses to delete it). */
export function releaseInUse(org: OrgData, release: ReleaseRecord): boolean {
  const version = release.wire.version;
  return org.issues.some(
    (issue) => issue.firstRelease === version || issue.lastRelease === version,
  );
}

export function deleteRelease(data: LocalData, org: OrgData, release: ReleaseRecord): void {
  storeChanged();
  const version = release.wire.version;
  org.releases = org.releases.filter((r) => r !== release);
  org.releasesByVersion.delete(version);
  for (const repository of org.repositories) {
    for (const commit of repository.commits) {
      if (commit.releaseVersions.includes(version)) {
        commit.releaseVersions = commit.releaseVersions.filter((v) => v !== version);
      }
    }
  }
  for (const projectId of release.projectIds) {
    const project = data.projectsById.get(projectId);
    if (project?.wire.latestRelease?.version === version) {
      const next = latestReleaseOf(org, projectId);
      project.wire.latestRelease = next ? { version: next.wire.version } : null;
    }
  }
}

export function addDeploy(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  input: {
    environment: string;
    name?: string | null;
    url?: string | null;
    dateStarted?: string | null;
    dateFinished?: string | null;
    /** Project slugs; default: all of the release's projects. */
    projects?: string[];
  },
): ReturnType<typeof buildDeploy> {
  storeChanged();
  const deploy = buildDeploy({
    id: nextId(data, 'deploy'),
    environment: input.environment,
    name: input.name ?? null,
    url: input.url ?? null,
    dateStarted: input.dateStarted ?? null,
    dateFinished: input.dateFinished ?? nowIso(data),
  });
  release.deploys.unshift(deploy);
  release.wire.deployCount = release.deploys.length;
  release.wire.lastDeploy = deploy;
  for (const projectId of release.projectIds) {
    const project = data.projectsById.get(projectId);
    if (!project) continue;
    if (input.projects && !input.projects.includes(project.wire.slug)) continue;
    project.wire.latestDeploys = {
      ...(project.wire.latestDeploys ?? {}),
      [deploy.environment]: { version: release.wire.version, dateFinished: deploy.dateFinished },
    };
  }
  if (!org.environments.includes(deploy.environment)) {
    org.environments = [...org.environments, deploy.environment].sort();
  }
  return deploy;
}

// ---------------------------------------------------------------------------------------------
// Project keys, service hooks, user feedback
// ---------------------------------------------------------------------------------------------

export function addProjectKey(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { name?: string | null; rateLimit?: { count?: number | null; window?: number | null } },
): ProjectKeyRecord {
  storeChanged();
  const random = mutationRandom(data, 'key');
  data.sequences.key++;
  const count = input.rateLimit?.count;
  const window = input.rateLimit?.window;
  const key: ProjectKeyRecord = {
    org: org.slug,
    projectId: project.wire.id,
    wire: buildProjectKey({
      publicKey: random.hex(32),
      secretKey: random.hex(32),
      name: input.name || `Key ${project.keys.length + 1}`,
      orgId: org.wire.id,
      projectId: project.wire.id,
      dateCreated: nowIso(data),
      rateLimit: count != null && window != null ? { count, window } : null,
    }),
  };
  project.keys.push(key);
  return key;
}

export function updateProjectKey(
  key: ProjectKeyRecord,
  patch: SentryProjectKeyUpdate,
): ProjectKeyRecord {
  storeChanged();
  const wire = key.wire;
  if (patch.name !== undefined) {
    wire.name = patch.name;
    wire.label = patch.name;
  }
  if (patch.isActive !== undefined) wire.isActive = patch.isActive;
  if (patch.rateLimit !== undefined) {
    const { count, window } = patch.rateLimit;
    wire.rateLimit = count != null && window != null ? { count, window } : null;
  }
  if (patch.browserSdkVersion !== undefined) wire.browserSdkVersion = patch.browserSdkVersion;
  if (patch.dynamicSdkLoaderOptions !== undefined) {
    wire.dynamicSdkLoaderOptions = {
      ...wire.dynamicSdkLoaderOptions,
      ...patch.dynamicSdkLoaderOptions,
    };
  }
  return key;
}

export function deleteProjectKey(project: ProjectRecord, key: ProjectKeyRecord): void {
  storeChanged();
  project.keys = project.keys.filter((k) => k !== key);
}

export function addServiceHook(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { url: string; events: string[] },
): ServiceHookRecord {
  storeChanged();
  const random = mutationRandom(data, 'hook');
  const hook: ServiceHookRecord = {
    org: org.slug,
    projectId: project.wire.id,
    wire: buildServiceHook({
      id: nextId(data, 'hook'),
      url: input.url,
      events: input.events,
      secret: random.hex(64),
      dateCreated: nowIso(data),
    }),
  };
  project.hooks.push(hook);
  return hook;
}

export function updateServiceHook(
  hook: ServiceHookRecord,
  input: { url?: string; events?: string[] },
): ServiceHookRecord {
  storeChanged();
  if (input.url !== undefined) hook.wire.url = input.url;
  if (input.events !== undefined) hook.wire.events = [...input.events];
  return hook;
}

export function deleteServiceHook(project: ProjectRecord, hook: ServiceHookRecord): void {
  storeChanged();
  project.hooks = project.hooks.filter((h) => h !== hook);
}

export function addUserFeedback(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { event_id: string; name: string; email: string; comments: string },
): UserFeedbackRecord {
  storeChanged();
  const eventId = input.event_id.replaceAll('-', '').toLowerCase();
  const event = data.eventsById.get(eventId);
  const inProject = event?.projectId === project.wire.id ? event : undefined;
  const eventUser = inProject ? org.eventUsers[inProject.user] : undefined;
  const feedback: UserFeedbackRecord = {
    org: org.slug,
    projectId: project.wire.id,
    issueId: inProject?.issueId ?? null,
    wire: {
      id: nextId(data, 'feedback'),
      eventID: eventId,
      name: input.name,
      email: input.email,
      comments: input.comments,
      dateCreated: nowIso(data),
      event: { id: inProject ? eventId : null, eventID: eventId },
      issue: null,
      user: eventUser
        ? {
            id: eventUser.id,
            email: eventUser.email,
            username: eventUser.username,
            name: eventUser.name,
            ipAddress: eventUser.ipAddress,
            avatarUrl: null,
          }
        : null,
    },
  };
  project.feedback.unshift(feedback);
  project.wire.hasUserReports = true;
  project.wire.hasFeedbacks = true;
  return feedback;
}

import { describe, expect, it } from 'vitest';
import { QueryError, StoreError } from '../../src/local-sentry/data/errors.ts';
import { DATA_EPOCH, generateData } from '../../src/local-sentry/data/generate.ts';
import type { LocalData, OrgData } from '../../src/local-sentry/data/model.ts';
import { parseSearch, tokenizeQuery } from '../../src/local-sentry/data/search.ts';
import { discoverTable } from '../../src/local-sentry/resources/events/discover.ts';
import { filterEvents, searchIssueEvents } from '../../src/local-sentry/resources/events/search.ts';
import { findEvent, findIssueEvent } from '../../src/local-sentry/resources/events/store.ts';
import { eventDetail, eventSummary } from '../../src/local-sentry/resources/events/wire.ts';
import { base32, fromBase32 } from '../../src/local-sentry/resources/issues/build.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import {
  DEFAULT_ISSUE_QUERY,
  directHit,
  filterIssues,
  searchIssues,
} from '../../src/local-sentry/resources/issues/search.ts';
import { sortIssues } from '../../src/local-sentry/resources/issues/sort.ts';
import {
  applyIssueUpdate,
  deleteIssue,
  findIssue,
} from '../../src/local-sentry/resources/issues/store.ts';
import { issueDetail } from '../../src/local-sentry/resources/issues/wire.ts';
import { filterMembers } from '../../src/local-sentry/resources/members/search.ts';
import { filterProjects } from '../../src/local-sentry/resources/projects/search.ts';
import { updateProject } from '../../src/local-sentry/resources/projects/store.ts';
import { addDeploy } from '../../src/local-sentry/resources/releases/deploys.ts';
import { searchReleases } from '../../src/local-sentry/resources/releases/search.ts';
import { addRelease } from '../../src/local-sentry/resources/releases/store.ts';
import { issueTags, issueTagValues } from '../../src/local-sentry/resources/tags/aggregate.ts';
import { filterTeams } from '../../src/local-sentry/resources/teams/search.ts';
import { deleteTeam } from '../../src/local-sentry/resources/teams/store.ts';

/** JSON of the whole store, Maps included. */
function snapshot(data: LocalData): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    value instanceof Map ? [...value.entries()] : value,
  );
}

const small = generateData({ seed: 1, scale: 'small' });
const acme = small.organizations.get('acme') as OrgData;
const globex = small.organizations.get('globex') as OrgData;

function counts(data: LocalData) {
  let projects = 0;
  let issues = 0;
  let events = 0;
  let releases = 0;
  let teams = 0;
  let members = 0;
  for (const org of data.organizations.values()) {
    projects += org.projects.length;
    issues += org.issues.length;
    events += org.events.length;
    releases += org.releases.length;
    teams += org.teams.length;
    members += org.members.length;
  }
  return { projects, issues, events, releases, teams, members };
}

describe('generateData', () => {
  it('is deterministic: the same seed gives byte-identical records', () => {
    const again = generateData({ seed: 1, scale: 'small' });
    expect(snapshot(again)).toBe(snapshot(small));
  });

  it('gives different data for another seed', () => {
    const other = generateData({ seed: 2, scale: 'small' });
    expect(snapshot(other)).not.toBe(snapshot(small));
    expect([...other.organizations.keys()]).toEqual(['acme', 'globex']);
  });

  it('builds full events on demand identically across generations', () => {
    const again = generateData({ seed: 1, scale: 'small' });
    const bodies = (data: LocalData) =>
      JSON.stringify(
        (data.organizations.get('acme') as OrgData).events.map((event) => eventDetail(data, event)),
      );
    expect(bodies(again)).toBe(bodies(small));
  });

  it('has the documented organizations and projects', () => {
    expect(acme.wire.name).toBe('Acme Corp');
    expect(globex.wire.name).toBe('Globex');
    expect(acme.projectsBySlug.get('backend')?.wire.platform).toBe('python');
    expect(acme.projectsBySlug.get('frontend')?.wire.platform).toBe('javascript');
    expect(small.now).toBe(DATA_EPOCH);
  });

  it('meets the small scale', () => {
    const c = counts(small);
    expect(c.projects).toBe(6);
    expect(c.issues).toBe(200);
    expect(c.events).toBeGreaterThanOrEqual(1800);
    expect(c.events).toBeLessThanOrEqual(2300);
    expect(c.releases).toBeGreaterThanOrEqual(15);
    expect(c.releases).toBeLessThanOrEqual(25);
    expect(small.eventsById.size).toBe(c.events);
    expect(small.issuesById.size).toBe(c.issues);
  });

  it('meets the medium and large scales', () => {
    const medium = counts(generateData({ seed: 1, scale: 'medium' }));
    expect(medium.issues).toBe(800);
    expect(medium.events).toBeGreaterThanOrEqual(7500);
    expect(medium.releases).toBeGreaterThanOrEqual(60);
    const large = counts(generateData({ seed: 1, scale: 'large' }));
    expect(large.issues).toBeGreaterThanOrEqual(5000);
    expect(large.events).toBeGreaterThanOrEqual(50_000);
    expect(large.releases).toBeGreaterThanOrEqual(200);
    expect(large.teams).toBeGreaterThanOrEqual(50);
    expect(large.members).toBeGreaterThanOrEqual(200);
  });

  it('keeps every timestamp before the data epoch', () => {
    for (const event of small.eventsById.values()) expect(event.timestamp).toBeLessThan(DATA_EPOCH);
    for (const issue of small.issuesById.values()) {
      expect(Date.parse(issue.wire.lastSeen ?? '')).toBeLessThan(DATA_EPOCH);
    }
  });

  it('keeps issue counts consistent with its events', () => {
    for (const issue of small.issuesById.values()) {
      expect(Number(issue.wire.count)).toBe(issue.events.length);
      expect(issue.wire.firstSeen).toBe(
        new Date(issue.events.at(-1)?.timestamp ?? 0).toISOString(),
      );
      expect(issue.wire.lastSeen).toBe(new Date(issue.events[0]?.timestamp ?? 0).toISOString());
      const stats = issue.wire.stats['24h'] ?? [];
      expect(stats).toHaveLength(24);
    }
  });
});

describe('short ids', () => {
  it('encode the counter in Sentry base32', () => {
    expect(base32(1)).toBe('1');
    expect(base32(10)).toBe('A');
    expect(base32(31)).toBe('Z');
    expect(base32(32)).toBe('10');
    expect(base32(42)).toBe('1A');
    expect(fromBase32('1a')).toBe(42);
  });

  it('are PROJECT-COUNTER, unique, counting from 1 per project', () => {
    for (const org of small.organizations.values()) {
      for (const project of org.projects) {
        const counters = project.issues
          .map((issue) => {
            expect(issue.wire.shortId).toMatch(/^[A-Z0-9-]+-[0-9A-HJKMNP-TV-Z]+$/);
            expect(issue.wire.shortId.startsWith(`${project.wire.slug.toUpperCase()}-`)).toBe(true);
            return fromBase32(issue.wire.shortId.slice(project.wire.slug.length + 1));
          })
          .sort((a, b) => a - b);
        expect(counters).toEqual(counters.map((_, i) => i + 1));
      }
    }
  });

  it('resolve in any case, and numeric ids only within their organization', () => {
    const issue = acme.issues[0] as IssueRecord;
    expect(findIssue(small, acme, issue.wire.shortId.toLowerCase())).toBe(issue);
    expect(findIssue(small, acme, issue.wire.id)).toBe(issue);
    expect(findIssue(small, globex, issue.wire.id)).toBeUndefined();
    expect(issue.wire.permalink).toBe(`https://acme.sentry.io/issues/${issue.wire.id}/`);
  });
});

describe('issue search', () => {
  const ids = (issues: IssueRecord[]) => issues.map((issue) => issue.wire.id).sort();
  const all = acme.issues;

  it('parses filters, lists, quotes and negation', () => {
    expect(
      parseSearch(
        'is:unresolved !level:error foo "bar baz" issue.priority:[high, medium] timesSeen:>10',
      ),
    ).toEqual([
      {
        kind: 'filter',
        key: 'is',
        values: ['unresolved'],
        negated: false,
        operator: '=',
        isList: false,
      },
      {
        kind: 'filter',
        key: 'level',
        values: ['error'],
        negated: true,
        operator: '=',
        isList: false,
      },
      { kind: 'text', value: 'foo', negated: false },
      { kind: 'text', value: 'bar baz', negated: false },
      {
        kind: 'filter',
        key: 'issue.priority',
        values: ['high', 'medium'],
        negated: false,
        operator: '=',
        isList: true,
      },
      {
        kind: 'filter',
        key: 'timesSeen',
        values: ['10'],
        negated: false,
        operator: '>',
        isList: false,
      },
    ]);
  });

  it('filters by status keywords', () => {
    const unresolved = filterIssues(small, acme, { query: 'is:unresolved' });
    expect(unresolved.length).toBeGreaterThan(0);
    expect(unresolved.every((issue) => issue.wire.status === 'unresolved')).toBe(true);
    const resolved = filterIssues(small, acme, { query: 'is:resolved' });
    expect(resolved.every((issue) => issue.wire.status === 'resolved')).toBe(true);
    expect(ids(filterIssues(small, acme, { query: 'is:archived' }))).toEqual(
      ids(filterIssues(small, acme, { query: 'is:ignored' })),
    );
    expect(
      unresolved.length +
        resolved.length +
        filterIssues(small, acme, { query: 'is:ignored' }).length,
    ).toBe(all.length);
    expect(() => filterIssues(small, acme, { query: 'is:[resolved, unresolved]' })).toThrow(
      QueryError,
    );
    expect(() => filterIssues(small, acme, { query: 'is:sleepy' })).toThrow(QueryError);
  });

  it('filters by assignee', () => {
    const assigned = filterIssues(small, acme, { query: 'is:assigned' });
    const unassigned = filterIssues(small, acme, { query: 'is:unassigned' });
    expect(assigned.length + unassigned.length).toBe(all.length);
    expect(ids(filterIssues(small, acme, { query: 'assigned:none' }))).toEqual(ids(unassigned));

    const someUser = assigned.find(
      (issue) => issue.wire.assignedTo?.type === 'user',
    ) as IssueRecord;
    const userId = someUser.wire.assignedTo?.id ?? '';
    const mine = filterIssues(small, acme, { query: 'assigned:me', viewerUserId: userId });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((issue) => issue.wire.assignedTo?.id === userId)).toBe(true);
    expect(
      ids(filterIssues(small, acme, { query: `assigned:${someUser.wire.assignedTo?.email}` })),
    ).toEqual(ids(mine));

    const someTeam = assigned.find(
      (issue) => issue.wire.assignedTo?.type === 'team',
    ) as IssueRecord;
    const teamSlug = someTeam.wire.assignedTo?.name ?? '';
    const teamIssues = filterIssues(small, acme, { query: `assigned:#${teamSlug}` });
    expect(teamIssues.map((issue) => issue.wire.assignedTo?.name)).toContain(teamSlug);
    expect(teamIssues.every((issue) => issue.wire.assignedTo?.type === 'team')).toBe(true);
  });

  it('filters by release, first release, level and environment', () => {
    const issue = all.find((i) => i.lastRelease !== null) as IssueRecord;
    const version = issue.lastRelease ?? '';
    const inRelease = filterIssues(small, acme, { query: `release:${version}` });
    expect(inRelease).toContain(issue);
    expect(inRelease.every((i) => i.events.some((event) => event.release === version))).toBe(true);
    const first = filterIssues(small, acme, { query: `firstRelease:"${issue.firstRelease}"` });
    expect(first.every((i) => i.firstRelease === issue.firstRelease)).toBe(true);
    expect(first).toContain(issue);

    const errors = filterIssues(small, acme, { query: 'level:error' });
    expect(errors.every((i) => i.wire.level === 'error')).toBe(true);
    const notErrors = filterIssues(small, acme, { query: '!level:error' });
    expect(errors.length + notErrors.length).toBe(all.length);

    const staging = filterIssues(small, acme, { query: 'environment:staging' });
    expect(staging.length).toBeGreaterThan(0);
    expect(staging.every((i) => i.environments.includes('staging'))).toBe(true);
    expect(ids(filterIssues(small, acme, { environments: ['staging'] }))).toEqual(ids(staging));
  });

  it('filters by id lists, priority and free text', () => {
    const picked = [all[0], all[3], all[7]].map((issue) => issue?.wire.id ?? '');
    expect(ids(filterIssues(small, acme, { query: `issue.id:[${picked.join(',')}]` }))).toEqual(
      [...picked].sort(),
    );
    const high = filterIssues(small, acme, { query: 'issue.priority:[high]' });
    expect(high.every((i) => i.wire.priority === 'high')).toBe(true);
    const defaults = filterIssues(small, acme, { query: DEFAULT_ISSUE_QUERY });
    expect(defaults.every((i) => i.wire.status === 'unresolved' && i.wire.priority !== 'low')).toBe(
      true,
    );

    const text = filterIssues(small, acme, { query: 'TypeError' });
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((i) => `${i.wire.title} ${i.wire.culprit}`.includes('TypeError'))).toBe(true);
    const byShortId = filterIssues(small, acme, { query: all[0]?.wire.shortId ?? '' });
    expect(byShortId).toContain(all[0]);
  });

  it('filters by project and time window', () => {
    const backend = acme.projectsBySlug.get('backend');
    const projectIssues = filterIssues(small, acme, { projectIds: [backend?.wire.id ?? ''] });
    expect(projectIssues.length).toBe(backend?.issues.length);
    const start = small.now - 24 * 3_600_000;
    const recent = filterIssues(small, acme, { start, end: small.now });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((i) => i.events.some((event) => event.timestamp >= start))).toBe(true);
    const lastSeen = filterIssues(small, acme, { query: 'lastSeen:-24h' });
    expect(ids(lastSeen)).toEqual(ids(recent));
  });

  it('sorts like the issue stream', () => {
    const byDate = sortIssues(all, 'date');
    const lastSeen = byDate.map((i) => Date.parse(i.wire.lastSeen ?? ''));
    expect(lastSeen).toEqual([...lastSeen].sort((a, b) => b - a));
    const freq = sortIssues(all, 'freq').map((i) => Number(i.wire.count));
    expect(freq).toEqual([...freq].sort((a, b) => b - a));
    const users = sortIssues(all, 'user').map((i) => i.wire.userCount);
    expect(users).toEqual([...users].sort((a, b) => b - a));
    const created = sortIssues(all, 'new').map((i) => Date.parse(i.wire.firstSeen ?? ''));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const rank = { high: 3, medium: 2, low: 1 } as const;
    const priorities = sortIssues(all, 'priority').map((i) => rank[i.wire.priority ?? 'low']);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(() => searchIssues(small, acme, { sort: 'sideways' })).toThrow(QueryError);
  });

  it('finds direct hits by event id and short id', () => {
    const issue = all[2] as IssueRecord;
    const event = issue.events[0];
    expect(directHit(small, acme, event?.id ?? '', false)).toEqual({ issue, eventId: event?.id });
    expect(directHit(small, acme, issue.wire.shortId, true)?.issue).toBe(issue);
    expect(directHit(small, acme, issue.wire.shortId, false)).toBeUndefined();
  });
});

describe('list filters', () => {
  it('tokenizes like Sentry', () => {
    expect(tokenizeQuery('is:resolved foo bar tag:value tag:"two words"')).toEqual({
      is: ['resolved'],
      query: ['foo', 'bar'],
      tag: ['value', 'two words'],
    });
  });

  it('filters projects by ids, slugs and teams; an unknown key matches nothing', () => {
    const [a, b] = acme.projects;
    expect(filterProjects(acme, `id:${a?.wire.id} id:${b?.wire.id}`)).toEqual([a, b]);
    expect(filterProjects(acme, 'slug:backend slug:frontend').map((p) => p.wire.slug)).toEqual([
      'backend',
      'frontend',
    ]);
    expect(filterProjects(acme, 'team:web').map((p) => p.wire.slug)).toEqual(['frontend']);
    expect(filterProjects(acme, 'colour:blue')).toEqual([]);
    expect(filterProjects(acme, 'back').map((p) => p.wire.slug)).toEqual(['backend']);
    expect(() => filterProjects(acme, 'id:abc')).toThrow(QueryError);
  });

  it('filters teams and members', () => {
    const team = acme.teams[1];
    expect(filterTeams(acme, `id:${team?.wire.id}`)).toEqual([team]);
    expect(filterTeams(acme, 'slug:platform slug:web').map((t) => t.wire.slug)).toEqual([
      'platform',
      'web',
    ]);
    const [m1, m2] = acme.members;
    expect(filterMembers(acme, `id:${m1?.wire.id} id:${m2?.wire.id}`)).toEqual([m1, m2]);
    expect(filterMembers(acme, `email:${m2?.wire.email.toUpperCase()}`)).toEqual([m2]);
    expect(filterMembers(acme, `user.id:${m1?.userId}`)).toEqual([m1]);
    expect(filterMembers(acme, 'nonsense:1')).toEqual([]);
  });

  it('searches releases by version lists and substrings, hiding archived ones', () => {
    const [r1, r2] = acme.releases;
    const versions = [r1?.wire.version, r2?.wire.version];
    expect(
      searchReleases(acme, { query: `release:[${versions.join(',')}]` }).map((r) => r.wire.version),
    ).toEqual(versions);
    const backend = searchReleases(acme, { query: 'BACKEND@' });
    expect(backend.length).toBeGreaterThan(0);
    expect(backend.every((r) => r.wire.version.startsWith('backend@'))).toBe(true);
    const project = acme.projectsBySlug.get('frontend');
    expect(
      searchReleases(acme, { projectIds: [project?.wire.id ?? ''] }).every((r) =>
        r.wire.version.startsWith('frontend@'),
      ),
    ).toBe(true);
    const dates = searchReleases(acme).map((r) => r.wire.dateCreated ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(() => searchReleases(acme, { query: 'foo:bar' })).toThrow(QueryError);
  });
});

describe('events', () => {
  const issue = acme.issues.find((i) => i.events.length >= 3) as IssueRecord;
  const event = issue.events[1];

  it('builds a full event with a stack trace, breadcrumbs and tags', () => {
    if (!event) throw new Error('no event');
    const body = eventDetail(small, event);
    expect(body).toEqual(eventDetail(small, event));
    expect(body.eventID).toBe(event.id);
    expect(body.groupID).toBe(issue.wire.id);
    expect(body.title).toBe(issue.wire.title);
    const exception = body.entries.find((entry) => entry.type === 'exception');
    if (exception?.type !== 'exception') throw new Error('no exception entry');
    const frames = exception.data.values[0]?.stacktrace?.frames ?? [];
    expect(frames.length).toBeGreaterThan(1);
    expect(frames.at(-1)?.inApp).toBe(true);
    expect(frames.at(-1)?.context.length).toBe(7);
    expect(body.entries.some((entry) => entry.type === 'breadcrumbs')).toBe(true);
    const tags = Object.fromEntries(body.tags.map((tag) => [tag.key, tag.value]));
    expect(tags['environment']).toBe(event.environment);
    expect(tags['level']).toBe(event.level);
    if (event.release) expect(tags['release']).toBe(event.release);
    expect(body.release?.version ?? null).toBe(event.release);
    expect(body.nextEventID).toBe(issue.events[0]?.id);
    expect(body.previousEventID).toBe(issue.events[2]?.id);
    expect(eventSummary(small, event).tags).toEqual(body.tags);
  });

  it('resolves latest, oldest and ids', () => {
    expect(findIssueEvent(issue, 'latest')).toBe(issue.events[0]);
    expect(findIssueEvent(issue, 'oldest')).toBe(issue.events.at(-1));
    expect(findIssueEvent(issue, event?.id.toUpperCase() ?? '')).toBe(event);
    expect(findEvent(small, acme, event?.id ?? '')).toBe(event);
    expect(findEvent(small, globex, event?.id ?? '')).toBeUndefined();
  });

  it('aggregates issue tags from its events', () => {
    const levels = issueTagValues(small, issue, 'environment');
    expect(levels.reduce((sum, value) => sum + (value.count ?? 0), 0)).toBe(issue.events.length);
    const tags = issueTags(small, issue);
    expect(tags.map((tag) => tag.key)).toContain('level');
    expect(tags.find((tag) => tag.key === 'level')?.totalValues).toBe(issue.events.length);
  });

  it('searches events in an issue and in Discover', () => {
    expect(searchIssueEvents(small, issue, { query: `id:${event?.id}` })).toEqual([event]);
    const picked = acme.events.slice(5, 8);
    const found = filterEvents(small, acme, acme.events, {
      query: `id:[${picked.map((e) => e.id).join(',')}]`,
    });
    expect(found).toEqual(picked);
    expect(filterEvents(small, acme, acme.events, { query: `issue.id:${issue.wire.id}` })).toEqual(
      issue.events,
    );
    const backend = filterEvents(small, acme, acme.events, { query: 'project:backend' });
    expect(backend.every((e) => e.projectId === acme.projectsBySlug.get('backend')?.wire.id)).toBe(
      true,
    );

    const table = discoverTable(small, acme, found, [
      'id',
      'project.name',
      'issue.id',
      'title',
      'timestamp',
    ]);
    expect(table.data.map((row) => row['id'])).toEqual(picked.map((e) => e.id));
    expect(table.meta.fields['timestamp']).toBe('date');
    const grouped = discoverTable(small, acme, backend, ['issue.id', 'count()'], '-count()');
    const total = grouped.data.reduce((sum, row) => sum + Number(row['count()']), 0);
    expect(total).toBe(backend.length);
    expect(() => discoverTable(small, acme, found, ['nonsense'])).toThrow(QueryError);
  });
});

describe('store mutations', () => {
  it('resolves, assigns and deletes issues keeping indexes consistent', () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const org = data.organizations.get('acme') as OrgData;
    const issue = org.issues.find((i) => i.wire.status === 'unresolved') as IssueRecord;
    const member = org.members.find((m) => m.userId !== null);
    const result = applyIssueUpdate(data, org, [issue], {
      status: 'resolved',
      assignedTo: `user:${member?.userId}`,
    });
    expect(result.status).toBe('resolved');
    expect(issue.wire.status).toBe('resolved');
    expect(issue.wire.substatus).toBeNull();
    expect(issue.wire.assignedTo).toMatchObject({ type: 'user', id: member?.userId });
    expect(issue.wire.derivedData.isAssigned).toBe(true);
    expect(filterIssues(data, org, { query: 'is:resolved' })).toContain(issue);
    expect(() => applyIssueUpdate(data, org, [issue], { assignedTo: 'nobody@nowhere' })).toThrow(
      StoreError,
    );
    applyIssueUpdate(data, org, [issue], { status: 'ignored' });
    expect(issue.wire.substatus).toBe('archived_until_escalating');
    expect(issueDetail(data, issue, new Set(['owners'])).owners).toBeInstanceOf(Array);

    const eventCount = org.events.length;
    deleteIssue(data, issue);
    expect(findIssue(data, org, issue.wire.id)).toBeUndefined();
    expect(findIssue(data, org, issue.wire.shortId)).toBeUndefined();
    expect(org.events.length).toBe(eventCount - issue.events.length);
    expect(data.eventsById.has(issue.events[0]?.id ?? '')).toBe(false);
  });

  it('adds releases and deploys, renames projects and deletes teams', () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const org = data.organizations.get('acme') as OrgData;
    const backend = org.projectsBySlug.get('backend');
    if (!backend) throw new Error('no backend');
    const release = addRelease(data, org, [backend], {
      version: 'backend@9.9.9',
      projects: ['backend'],
      commits: [
        {
          id: 'a'.repeat(40),
          message: 'fix: it',
          author_email: org.members[0]?.wire.email ?? null,
        },
      ],
    });
    expect(org.releases[0]).toBe(release);
    expect(searchReleases(org, { query: 'release:backend@9.9.9' })).toEqual([release]);
    expect(release.wire.commitCount).toBe(1);
    expect(release.wire.authors[0]).toMatchObject({ email: org.members[0]?.wire.email });
    expect(() =>
      addRelease(data, org, [backend], { version: 'backend@9.9.9', projects: [] }),
    ).toThrow(StoreError);
    addDeploy(data, org, release, { environment: 'canary' });
    expect(release.wire.deployCount).toBe(1);
    expect(org.environments).toContain('canary');

    const issue = backend.issues[0] as IssueRecord;
    const suffix = issue.wire.shortId.slice('BACKEND-'.length);
    updateProject(org, backend, { slug: 'core' });
    expect(issue.wire.shortId).toBe(`CORE-${suffix}`);
    expect(issue.wire.project.slug).toBe('core');
    expect(findIssue(data, org, `core-${suffix}`)).toBe(issue);
    expect(org.projectsBySlug.has('backend')).toBe(false);

    const web = org.teamsBySlug.get('web');
    if (!web) throw new Error('no web team');
    deleteTeam(org, web);
    expect(org.projectsBySlug.get('frontend')?.wire.teams).toEqual([]);
    expect(
      org.issues.some(
        (i) => i.wire.assignedTo?.type === 'team' && i.wire.assignedTo.id === web.wire.id,
      ),
    ).toBe(false);
  });
});

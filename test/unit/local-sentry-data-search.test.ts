/** Searches over the local Sentry's store: issue search and sort, and list filters. */
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/local-sentry/data/errors.ts';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { parseSearch, tokenizeQuery } from '../../src/local-sentry/data/search.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import {
  DEFAULT_ISSUE_QUERY,
  directHit,
  filterIssues,
  searchIssues,
} from '../../src/local-sentry/resources/issues/search.ts';
import { sortIssues } from '../../src/local-sentry/resources/issues/sort.ts';
import { filterMembers } from '../../src/local-sentry/resources/members/search.ts';
import { filterProjects } from '../../src/local-sentry/resources/projects/search.ts';
import { searchReleases } from '../../src/local-sentry/resources/releases/search.ts';
import { filterTeams } from '../../src/local-sentry/resources/teams/search.ts';

const small = generateData({ seed: 1, scale: 'small' });

const acme = small.organizations.get('acme') as OrgData;

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

/** The local Sentry's seeded data: deterministic generation, scales, consistency, short ids. */
import { describe, expect, it } from 'vitest';
import { DATA_EPOCH, generateData } from '../../src/local-sentry/data/generate.ts';
import type { LocalData, OrgData } from '../../src/local-sentry/data/model.ts';
import { eventDetail } from '../../src/local-sentry/resources/events/wire.ts';
import { base32, fromBase32 } from '../../src/local-sentry/resources/issues/build.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import { findIssue } from '../../src/local-sentry/resources/issues/store.ts';

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

/** Events in the local Sentry's store: full events, lookups, issue tags, event search. */
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/local-sentry/data/errors.ts';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { discoverTable } from '../../src/local-sentry/resources/events/discover.ts';
import { filterEvents, searchIssueEvents } from '../../src/local-sentry/resources/events/search.ts';
import { findEvent, findIssueEvent } from '../../src/local-sentry/resources/events/store.ts';
import { eventDetail, eventSummary } from '../../src/local-sentry/resources/events/wire.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import { issueTags, issueTagValues } from '../../src/local-sentry/resources/tags/aggregate.ts';

const small = generateData({ seed: 1, scale: 'small' });

const acme = small.organizations.get('acme') as OrgData;

const globex = small.organizations.get('globex') as OrgData;

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

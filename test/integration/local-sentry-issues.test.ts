/** Issue and event routes of the local Sentry: stream, detail, events, Discover, updates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestLocalSentry } from '../helpers/local-sentry.ts';
import {
  acme,
  firstEvent,
  firstIssue,
  must,
  type Row,
  seed,
  server,
  take,
} from '../helpers/local-sentry-seed.ts';

describe('read routes', () => {
  let sentry: TestLocalSentry & AsyncDisposable;
  beforeAll(async () => {
    sentry = await server();
  });
  afterAll(async () => {
    await sentry[Symbol.asyncDispose]();
  });
  it('issues: stream, group= batch, detail by id and short id, legacy path', async () => {
    const stream = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&limit=5',
    );
    expect(stream.status).toBe(200);
    expect(stream.body).toHaveLength(5);
    expect(stream.headers.get('x-hits')).toBe(String(acme().issues.length));
    expect(stream.headers.get('x-max-hits')).toBe('1000');

    const unresolved = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved&limit=100',
    );
    expect(unresolved.body.every((i) => i['status'] === 'unresolved')).toBe(true);
    const sorted = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&sort=freq&limit=10',
    );
    const counts = sorted.body.map((i) => Number(i['count']));
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    const backend = must(acme().projectsBySlug.get('backend'));
    const inProject = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=&project=${backend.wire.id}`,
    );
    expect(inProject.body.every((i) => (i['project'] as Row)['slug'] === 'backend')).toBe(true);
    const production = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=&environment=production&statsPeriod=24h',
    );
    expect(production.status).toBe(200);
    expect((await sentry.fetchJson('/api/0/organizations/acme/issues/?project=1')).status).toBe(
      403,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/issues/?sort=sideways')).status).toBe(
      400,
    );

    const issue = firstIssue();
    const shortId = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=${issue.wire.shortId}&shortIdLookup=1`,
    );
    expect(shortId.headers.get('x-sentry-direct-hit')).toBe('1');
    expect(shortId.body.map((i) => i['id'])).toEqual([issue.wire.id]);
    const byEvent = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?query=${firstEvent().id}`,
    );
    expect(byEvent.body[0]).toMatchObject({ id: issue.wire.id, matchingEventId: firstEvent().id });

    const other = must(acme().issues[1]);
    const batch = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${issue.wire.id}&group=${other.wire.id}&group=999999999&project=-1`,
    );
    expect(batch.status).toBe(200);
    expect(batch.body.map((i) => i['id']).sort()).toEqual([issue.wire.id, other.wire.id].sort());
    expect(batch.headers.get('link')).toBeNull();
    const globexIssue = must(must(seed.organizations.get('globex')).issues[0]);
    const foreign = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${globexIssue.wire.id}`,
    );
    expect(foreign.body).toEqual([]);
    const notInt = await sentry.fetchJson('/api/0/organizations/acme/issues/?group=1&group=abc');
    expect(notInt.status).toBe(400);
    expect(notInt.body).toEqual({ detail: 'Group ids must be integers' });

    const detail = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/${issue.wire.id}/`,
    );
    expect(detail.body).toMatchObject({
      id: issue.wire.id,
      shortId: issue.wire.shortId,
      activity: expect.any(Array),
    });
    const byShort = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/${issue.wire.shortId}/`,
    );
    expect(byShort.body['id']).toBe(issue.wire.id);
    expect(
      (await sentry.fetchJson(`/api/0/organizations/globex/issues/${issue.wire.id}/`)).status,
    ).toBe(404);
    const legacy = await sentry.fetchJson<Row>(`/api/0/issues/${issue.wire.id}/`);
    expect(legacy.body['id']).toBe(issue.wire.id);
    expect((await sentry.fetchJson('/api/0/issues/1/')).status).toBe(404);
  });

  it('issue events, tags, hashes; short-id and event-id resolution', async () => {
    const issue = firstIssue();
    const base = `/api/0/organizations/acme/issues/${issue.wire.id}`;
    const events = await sentry.fetchJson<Row[]>(`${base}/events/`);
    expect(events.body).toHaveLength(Math.min(100, issue.events.length));
    expect(events.headers.get('x-hits')).toBe(String(issue.events.length));
    expect(events.body[0]).toMatchObject({
      eventID: must(issue.events[0]).id,
      groupID: issue.wire.id,
    });
    const full = await sentry.fetchJson<Row[]>(`${base}/events/?full=true&per_page=1`);
    expect(full.body[0]).toMatchObject({ entries: expect.any(Array) });
    const target = must(issue.events[issue.events.length - 1]);
    const filtered = await sentry.fetchJson<Row[]>(`${base}/events/?query=id:${target.id}`);
    expect(filtered.body.map((e) => e['eventID'])).toEqual([target.id]);

    const latest = await sentry.fetchJson<Row>(`${base}/events/latest/`);
    expect(latest.body['eventID']).toBe(must(issue.events[0]).id);
    const oldest = await sentry.fetchJson<Row>(`${base}/events/oldest/`);
    expect(oldest.body['eventID']).toBe(target.id);
    const recommended = await sentry.fetchJson<Row>(`${base}/events/recommended/`);
    expect(recommended.body['groupID']).toBe(issue.wire.id);
    const one = await sentry.fetchJson<Row>(`${base}/events/${target.id}/`);
    expect(one.body).toMatchObject({ eventID: target.id, entries: expect.any(Array) });
    expect((await sentry.fetchJson(`${base}/events/${'0'.repeat(32)}/`)).status).toBe(404);

    const tags = await sentry.fetchJson<Row[]>(`${base}/tags/`);
    expect(tags.body.map((t) => t['key'])).toContain('environment');
    const tag = await sentry.fetchJson<Row>(`${base}/tags/environment/`);
    expect(tag.body).toMatchObject({ key: 'environment', topValues: expect.any(Array) });
    expect((await sentry.fetchJson(`${base}/tags/nope/`)).status).toBe(404);
    const values = await sentry.fetchJson<Row[]>(`${base}/tags/environment/values/`);
    expect(values.body[0]).toMatchObject({ key: 'environment', count: expect.any(Number) });
    const hashes = await sentry.fetchJson<Row[]>(`${base}/hashes/`);
    expect(hashes.body.map((h) => h['id'])).toEqual(issue.hashes);

    const short = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/shortids/${issue.wire.shortId}/`,
    );
    expect(short.body).toMatchObject({
      groupId: issue.wire.id,
      shortId: issue.wire.shortId,
      organizationSlug: 'acme',
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/shortids/NOPE-1/')).status).toBe(404);
    const eventId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/eventids/${firstEvent().id}/`,
    );
    expect(eventId.body).toMatchObject({
      groupId: issue.wire.id,
      eventId: firstEvent().id,
      event: expect.any(Object),
    });
    expect((await sentry.fetchJson('/api/0/organizations/acme/eventids/xyz/')).status).toBe(400);
    expect(
      (await sentry.fetchJson(`/api/0/organizations/acme/eventids/${'a'.repeat(32)}/`)).status,
    ).toBe(404);
  });

  it('project issues and events', async () => {
    const issues = await sentry.fetchJson<Row[]>(
      '/api/0/projects/acme/backend/issues/?statsPeriod=14d',
    );
    expect(issues.status).toBe(200);
    expect(issues.body.every((i) => i['status'] === 'unresolved')).toBe(true);
    expect(Object.keys(issues.body[0]?.['stats'] as Row)).toEqual(['14d']);
    const backend = must(acme().projectsBySlug.get('backend'));
    const hash = must(must(backend.issues[0]).hashes[0]);
    const byHash = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/issues/?hashes=${hash}`,
    );
    expect(byHash.body.map((i) => i['id'])).toEqual([must(backend.issues[0]).wire.id]);

    const events = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/events/?per_page=3');
    expect(events.body).toHaveLength(3);
    expect(events.body.every((e) => e['projectID'] === backend.wire.id)).toBe(true);
    const event = must(backend.events[0]);
    const detail = await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/events/${event.id}/`);
    expect(detail.body).toMatchObject({ eventID: event.id, projectID: backend.wire.id });
    const elsewhere = must(must(acme().projectsBySlug.get('frontend')).events[0]);
    expect(
      (await sentry.fetchJson(`/api/0/projects/acme/backend/events/${elsewhere.id}/`)).status,
    ).toBe(404);
  });

  it('Discover: id batch, issue.id, aggregates, field validation', async () => {
    const [a, b] = take(acme().events, 2);
    const rows = await sentry.fetchJson<{ data: Row[]; meta: Row }>(
      `/api/0/organizations/acme/events/?dataset=errors&field=id&field=issue.id&field=title&field=timestamp&query=${encodeURIComponent(`id:[${a.id},${b.id}]`)}&project=-1&statsPeriod=90d`,
    );
    expect(rows.status).toBe(200);
    expect(rows.body.data.map((r) => r['id']).sort()).toEqual([a.id, b.id].sort());
    expect(rows.body.meta).toMatchObject({ fields: { id: 'string', 'issue.id': 'integer' } });
    const issue = firstIssue();
    const byIssue = await sentry.fetchJson<{ data: Row[] }>(
      `/api/0/organizations/acme/events/?field=id&query=issue.id:${issue.wire.id}&statsPeriod=90d&per_page=100`,
    );
    expect(byIssue.body.data).toHaveLength(Math.min(100, issue.events.length));
    const counts = await sentry.fetchJson<{ data: Row[] }>(
      '/api/0/organizations/acme/events/?field=project&field=count()&sort=-count()&statsPeriod=90d',
    );
    const values = counts.body.data.map((r) => Number(r['count()']));
    expect(values).toEqual([...values].sort((x, y) => y - x));
    const tooMany = Array.from({ length: 21 }, () => 'field=id').join('&');
    expect((await sentry.fetchJson(`/api/0/organizations/acme/events/?${tooMany}`)).status).toBe(
      400,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/events/?field=nope')).status).toBe(
      400,
    );
    expect((await sentry.fetchJson('/api/0/organizations/acme/events/')).status).toBe(400);
  });
});

describe('mutations persist', () => {
  it('issues: update one, legacy update, delete', async () => {
    await using sentry = await server();
    const [a, b] = take(acme().issues, 2);
    const put = await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
      method: 'PUT',
      body: { status: 'resolved', isBookmarked: true },
    });
    expect(put.body).toMatchObject({
      id: a.wire.id,
      status: 'resolved',
      isBookmarked: true,
      activity: expect.any(Array),
    });
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${a.wire.id}/`)).body[
        'status'
      ],
    ).toBe('resolved');
    const invalid = await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
      method: 'PUT',
      body: { status: 'exploded' },
    });
    expect(invalid.status).toBe(400);
    const legacy = await sentry.fetchJson<Row>(`/api/0/issues/${b.wire.id}/`, {
      method: 'PUT',
      body: { priority: 'low' },
    });
    expect(legacy.body).toMatchObject({ priority: 'low' });

    expect(
      (
        await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(202);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`)).status).toBe(
      404,
    );
    expect(
      (await sentry.fetchJson(`/api/0/issues/${b.wire.id}/`, { method: 'DELETE' })).status,
    ).toBe(202);
    expect((await sentry.fetchJson(`/api/0/issues/${b.wire.id}/`)).status).toBe(404);
  });
});

/** Discover event search in the graph (`Organization.events`) against the embedded Sentry's table. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

interface Row {
  eventId: string | null;
  title: string | null;
  timestamp: string | null;
  level: string | null;
  environment: string | null;
  userDisplay: string | null;
  issueShortId: string | null;
  values: Record<string, unknown>;
  issue: { sentryId: string; shortId: string; status: string } | null;
  project: { sentryId: string; slug: string; name: string } | null;
  release: { version: string } | null;
}

interface RestTable {
  data: Record<string, unknown>[];
  meta: { fields: Record<string, string> };
}

const SEARCH = /* GraphQL */ `
  query Search($query: String, $fields: [String!], $sort: String, $first: Int, $after: String) {
    organization(slug: "acme") {
      events(query: $query, fields: $fields, sort: $sort, first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          eventId title timestamp level environment userDisplay issueShortId values
          issue { sentryId shortId status }
          project { sentryId slug name }
          release { version }
        }
      }
    }
  }
`;

type SearchResult = {
  organization: { events: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Row[] } };
};

describe('Organization.events (Discover)', () => {
  let gateway: TestGateway;
  const rest = <T>(path: string) => gateway.rest<T>(path);

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('answers typed rows, their issues and projects in three calls', async () => {
    const table = await rest<RestTable>(
      '/api/0/organizations/acme/events/?dataset=errors&project=-1&per_page=10&sort=-timestamp' +
        '&field=id&field=title&field=timestamp&field=level&field=environment&field=issue&field=issue.id' +
        '&field=project&field=project.id&field=release&field=user.display&field=tags[browser]',
    );
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<SearchResult>(SEARCH, {
      first: 10,
      fields: ['tags[browser]'],
    });
    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/events/',
      'GET /api/0/organizations/{org}/issues/',
      'GET /api/0/organizations/{org}/projects/',
    ]);
    expect(extensions?.['restCalls']).toBe(3);
    const rows = data?.organization.events.nodes ?? [];
    expect(rows).toHaveLength(10);
    expect(data?.organization.events.pageInfo.hasNextPage).toBe(true);
    for (const [index, row] of rows.entries()) {
      const expected = table.data[index] ?? {};
      expect(row.eventId).toBe(expected['id']);
      expect(row.title).toBe(expected['title']);
      expect(Date.parse(row.timestamp ?? '')).toBe(Date.parse(String(expected['timestamp'])));
      expect(row.level?.toLowerCase()).toBe(expected['level']);
      expect(row.environment).toBe(expected['environment']);
      expect(row.userDisplay).toBe(expected['user.display'] ?? null);
      expect(row.issueShortId).toBe(expected['issue']);
      expect(row.values).toEqual({ 'tags[browser]': expected['tags[browser]'] ?? null });
      expect(row.issue?.sentryId).toBe(String(expected['issue.id']));
      expect(row.issue?.shortId).toBe(expected['issue']);
      expect(row.project?.sentryId).toBe(String(expected['project.id']));
      expect(row.project?.slug).toBe(expected['project']);
      expect(row.project?.name).toBeTruthy();
      expect(row.release?.version ?? null).toBe(expected['release'] ?? null);
    }
    const times = rows.map((row) => Date.parse(row.timestamp ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('asks Sentry only for the columns the selection and `fields` need', async () => {
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { events: { nodes: { project: { id: string; slug: string } }[] } };
    }>(`{ organization(slug: "acme") { events(first: 5) { nodes { project { id slug } } } } }`);
    expect(errors).toBeUndefined();
    // The project's id and slug come from the row: no project call.
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/events/']);
    expect(data?.organization.events.nodes).toHaveLength(5);
  });

  it('groups rows by the plain columns when `fields` aggregates, sorted by the aggregate', async () => {
    const { data, errors } = await gateway.execute<SearchResult>(SEARCH, {
      fields: ['issue', 'count()'],
      sort: '-count()',
      first: 5,
    });
    expect(errors).toBeUndefined();
    const rows = data?.organization.events.nodes ?? [];
    expect(rows.length).toBeGreaterThan(1);
    const counts = rows.map((row) => Number(row.values['count()']));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    for (const row of rows) expect(row.values['issue']).toBe(row.issueShortId);
  });

  it('filters with Discover search and pages with `after`', async () => {
    const first = await gateway.execute<SearchResult>(SEARCH, {
      query: 'environment:staging',
      first: 3,
    });
    expect(first.errors).toBeUndefined();
    const page = first.data?.organization.events;
    expect(page?.nodes.every((row) => row.environment === 'staging')).toBe(true);
    const next = await gateway.execute<SearchResult>(SEARCH, {
      query: 'environment:staging',
      first: 3,
      after: page?.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    const seen = new Set(page?.nodes.map((row) => row.eventId));
    for (const row of next.data?.organization.events.nodes ?? []) {
      expect(row.environment).toBe('staging');
      expect(seen.has(row.eventId)).toBe(false);
    }
  });

  it('refuses malformed fields before calling Sentry, and maps its 400 for unknown ones', async () => {
    await gateway.resetUpstreamStats();
    const malformed = await gateway.execute(SEARCH, { fields: ['id; drop'] });
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooMany = await gateway.execute(SEARCH, {
      fields: Array.from({ length: 21 }, (_, i) => `tags[t${i}]`),
    });
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await gateway.upstreamStats()).requests).toBe(0);
    const unknown = await gateway.execute<SearchResult>(SEARCH, { fields: ['no_such_column'] });
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(unknown.data?.organization.events).toBeNull();
    const badSort = await gateway.execute(SEARCH, { sort: '-no_such_column' });
    expect(badSort.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('runs discover-query.graphql at its minimum: the table, the issues, the projects', async () => {
    const text = readFileSync(
      new URL('../../schema/operations/discover-query.graphql', import.meta.url),
      'utf8',
    );
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<SearchResult>(text, {
      org: 'acme',
      query: 'level:error',
    });
    expect(errors).toBeUndefined();
    expect(data?.organization.events.nodes.length).toBeGreaterThan(0);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/events/': 1,
      'GET /api/0/organizations/{org}/issues/': 1,
      'GET /api/0/organizations/{org}/projects/': 1,
    });
  });

  it('loads the full event of a row on demand', async () => {
    const { data, errors } = await gateway.execute<{
      organization: {
        events: { nodes: { eventId: string; event: { eventId: string; platform: string } }[] };
      };
    }>(
      `{ organization(slug: "acme") { events(first: 2) { nodes { eventId event { eventId platform } } } } }`,
    );
    expect(errors).toBeUndefined();
    for (const row of data?.organization.events.nodes ?? []) {
      expect(row.event.eventId).toBe(row.eventId);
      expect(row.event.platform).toBeTruthy();
    }
  });
});

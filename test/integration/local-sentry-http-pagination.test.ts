/** Local Sentry cursor pagination: each item once, Link headers, size and cursor checks. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { nextCursor, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

const data = () => generateData({ seed: 1, scale: 'small' });

describe('pagination', () => {
  it('walks every list page by page with each item exactly once', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const acme = sentry.data.organizations.get('acme');
    const issue = acme?.issues.find((i) => i.events.length > 7);
    const lists: [path: string, total: number, id: string][] = [
      ['/api/0/organizations/acme/issues/?query=&limit=7', acme?.issues.length ?? 0, 'id'],
      ['/api/0/organizations/acme/members/?per_page=7', acme?.members.length ?? 0, 'id'],
      ['/api/0/organizations/acme/releases/?per_page=7', acme?.releases.length ?? 0, 'version'],
      [
        '/api/0/projects/acme/backend/events/?per_page=7',
        acme?.projectsBySlug.get('backend')?.events.length ?? 0,
        'eventID',
      ],
      [
        `/api/0/organizations/acme/issues/${issue?.wire.id}/events/?per_page=7`,
        issue?.events.length ?? 0,
        'eventID',
      ],
    ];
    for (const [path, total, id] of lists) {
      expect(total, path).toBeGreaterThan(7);
      const { rows, pages } = await sentry.fetchAll<Row>(path);
      const ids = rows.map((row) => String(row[id]));
      expect(ids.length, path).toBe(total);
      expect(new Set(ids).size, path).toBe(total);
      expect(pages, path).toBe(Math.ceil(total / 7));
    }
  });

  it('sends both Link rels with results and cursor, absolute, keeping the query', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const first = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/members/?per_page=7&query=',
    );
    const base = `${sentry.url}/api/0/organizations/acme/members/?per_page=7&query=`;
    expect(first.headers.get('link')).toBe(
      `<${base}&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
        `<${base}&cursor=0:7:0>; rel="next"; results="true"; cursor="0:7:0"`,
    );
    const second = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/members/?per_page=7&query=&cursor=0:7:0',
    );
    expect(second.headers.get('link')).toBe(
      `<${base}&cursor=0:0:1>; rel="previous"; results="true"; cursor="0:0:1", ` +
        `<${base}&cursor=0:14:0>; rel="next"; results="false"; cursor="0:14:0"`,
    );
    expect(nextCursor(second.headers.get('link'))).toBeUndefined();
    const bare = await sentry.fetchJson<Row[]>('/api/0/organizations/');
    expect(bare.headers.get('link')).toContain(
      `<${sentry.url}/api/0/organizations/?&cursor=0:0:1>`,
    );
  });

  it('refuses page sizes outside 1..100 and malformed cursors', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    for (const value of ['0', '101', 'abc', '-5']) {
      const response = await sentry.fetchJson<Row>(
        `/api/0/organizations/acme/members/?per_page=${value}`,
      );
      expect(response.status, value).toBe(400);
      expect(String(response.body['detail'])).toMatch(/per_page/);
      const issues = await sentry.fetchJson<Row>(
        `/api/0/organizations/acme/issues/?limit=${value}`,
      );
      expect(issues.status, value).toBe(400);
    }
    const cursor = await sentry.fetchJson('/api/0/organizations/acme/members/?cursor=bogus');
    expect(cursor.status).toBe(400);
    expect(cursor.body).toEqual({ detail: 'Invalid cursor parameter.' });
    expect((await sentry.fetchJson('/api/0/organizations/acme/members/?per_page=100')).status).toBe(
      200,
    );
  });

  it('counts hits on issue and event lists', async () => {
    await using sentry = await withLocalSentry({ data: data() });
    const acme = sentry.data.organizations.get('acme');
    const issues = await sentry.fetchJson('/api/0/organizations/acme/issues/?query=&limit=1');
    expect(issues.headers.get('x-hits')).toBe(String(acme?.issues.length));
    expect(issues.headers.get('x-max-hits')).toBe('1000');
    const events = await sentry.fetchJson('/api/0/projects/acme/backend/events/?per_page=1');
    expect(events.headers.get('x-hits')).toBe(
      String(Math.min(1000, acme?.projectsBySlug.get('backend')?.events.length ?? 0)),
    );
    const members = await sentry.fetchJson('/api/0/organizations/acme/members/');
    expect(members.headers.get('x-hits')).toBeNull();
  });
});

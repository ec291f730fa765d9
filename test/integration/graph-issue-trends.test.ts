/**
 * Issue trends (`stats`, `lifetime`, `filtered`) read from the local Sentry's real bodies: free
 * on list rows and on rows loaded by id (collapse follows the selection), MONTH from the detail
 * body, and the cost estimate counts what they cost.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graph/index.ts';
import { estimateQueryCost } from '../../src/graph/schema-kit/query-cost.ts';
import type { SentryIssue, SentryIssueDetail } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

interface Bucket {
  timestamp: string;
  count: number;
}
interface Counts {
  eventCount: number;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}
interface TrendIssue {
  id: string;
  sentryId: string;
  shortId: string;
  stats: Bucket[];
  lifetime: Counts;
  filtered: Counts | null;
}

const asBuckets = (series: [number, number][] | undefined) =>
  (series ?? []).map(([seconds, count]) => ({
    timestamp: new Date(seconds * 1000).toISOString(),
    count,
  }));
const asCounts = (counts: Pick<SentryIssue, 'count' | 'userCount' | 'firstSeen' | 'lastSeen'>) => ({
  eventCount: Number(counts.count),
  userCount: counts.userCount,
  firstSeen: counts.firstSeen,
  lastSeen: counts.lastSeen,
});

describe('issue trends', () => {
  let gateway: TestGateway;
  let rows: SentryIssue[];
  const rest = <T>(path: string) => gateway.rest<T>(path);

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
    rows = await rest<SentryIssue[]>(
      '/api/0/organizations/acme/issues/?project=-1&query=&sort=freq&limit=5',
    );
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('answers the 24h series and the lifetime counts from the stream rows, in one call', async () => {
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { issues: { nodes: TrendIssue[] } };
    }>(/* GraphQL */ `
      {
        organization(slug: "acme") {
          issues(first: 5, sort: EVENTS) {
            nodes {
              id sentryId shortId
              stats(period: DAY) { timestamp count }
              lifetime { eventCount userCount firstSeen lastSeen }
              filtered { eventCount }
            }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    const nodes = data?.organization.issues.nodes ?? [];
    expect(nodes.map((node) => node.sentryId)).toEqual(rows.map((row) => row.id));
    for (const [index, node] of nodes.entries()) {
      const row = rows[index] as SentryIssue;
      expect(node.stats).toHaveLength(24);
      expect(node.stats).toEqual(asBuckets(row.stats['24h']));
      expect(node.lifetime).toEqual(asCounts(row.lifetime));
      expect(node.filtered).toBeNull();
    }
    // The busiest issues have events in the last day.
    expect(nodes.some((node) => node.stats.some((bucket) => bucket.count > 0))).toBe(true);
  });

  it('counts `filtered` over the events matching the search conditions, as the row does', async () => {
    const query = 'environment:production';
    const filteredRows = await rest<SentryIssue[]>(
      `/api/0/organizations/acme/issues/?project=-1&sort=freq&limit=5&query=${encodeURIComponent(query)}`,
    );
    const first = filteredRows[0]?.filtered;
    expect(first).not.toBeNull();
    // The conditions narrow the count below the issue's lifetime for some issue.
    expect(
      filteredRows.some((row) => Number(row.filtered?.count) < Number(row.lifetime.count)),
    ).toBe(true);
    const { data, errors } = await gateway.execute<{
      organization: { issues: { nodes: TrendIssue[] } };
    }>(
      /* GraphQL */ `
        query ($query: String) {
          organization(slug: "acme") {
            issues(first: 5, sort: EVENTS, query: $query) {
              nodes { sentryId filtered { eventCount userCount firstSeen lastSeen } }
            }
          }
        }
      `,
      { query },
    );
    expect(errors).toBeUndefined();
    const nodes = data?.organization.issues.nodes ?? [];
    expect(nodes.map((node) => node.sentryId)).toEqual(filteredRows.map((row) => row.id));
    for (const [index, node] of nodes.entries()) {
      const filtered = filteredRows[index]?.filtered;
      expect(filtered).toBeTruthy();
      if (filtered) expect(node.filtered).toEqual(asCounts(filtered));
    }
  });

  it('keeps stats and lifetime in a lookup by id only when the operation reads them', async () => {
    const ids = rows.slice(0, 3).map((row) => row.id);
    const globalIds = (
      await gateway.execute<{ organization: { issues: { nodes: { id: string }[] } } }>(
        '{ organization(slug: "acme") { issues(first: 3, sort: EVENTS) { nodes { id } } } }',
      )
    ).data?.organization.issues.nodes.map((node) => node.id);

    await gateway.resetUpstreamStats();
    const plain = await gateway.execute('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: globalIds,
    });
    expect(plain.errors).toBeUndefined();
    expect(plain.extensions?.['restCalls']).toBe(1);

    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{ nodes: TrendIssue[] }>(
      /* GraphQL */ `
        query Trends($ids: [ID!]!) {
          nodes(ids: $ids) { ...Trend }
        }
        fragment Trend on Issue {
          sentryId
          stats { timestamp count }
          lifetime { eventCount userCount firstSeen lastSeen }
        }
      `,
      { ids: globalIds },
    );
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    expect(data?.nodes.map((node) => node.sentryId)).toEqual(ids);
    for (const [index, node] of (data?.nodes ?? []).entries()) {
      const row = rows[index] as SentryIssue;
      expect(node.stats).toEqual(asBuckets(row.stats['24h']));
      expect(node.lifetime).toEqual(asCounts(row.lifetime));
    }
  });

  it('reads the 30-day series from the detail body, which also gives the lifetime counts', async () => {
    const row = rows[0] as SentryIssue;
    const detail = await rest<SentryIssueDetail>(`/api/0/organizations/acme/issues/${row.id}/`);
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { issue: TrendIssue & { day: Bucket[] } };
    }>(
      /* GraphQL */ `
        query ($shortId: String!) {
          organization(slug: "acme") {
            issue(shortId: $shortId) {
              stats(period: MONTH) { timestamp count }
              day: stats(period: DAY) { timestamp count }
              lifetime { eventCount userCount firstSeen lastSeen }
              filtered { eventCount }
            }
          }
        }
      `,
      { shortId: row.shortId },
    );
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    const issue = data?.organization.issue;
    expect(issue?.stats).toHaveLength(30);
    expect(issue?.stats).toEqual(asBuckets(detail.stats['30d']));
    expect(issue?.day).toEqual(asBuckets(detail.stats['24h']));
    expect(issue?.lifetime).toEqual(asCounts(detail));
    expect(issue?.filtered).toBeNull();
  });

  it('costs one detail call per issue for MONTH from a list, and the estimate says so', async () => {
    const document = /* GraphQL */ `
      query Month($period: IssueStatsPeriod!) {
        organization(slug: "acme") {
          issues(first: 3, sort: EVENTS) {
            nodes { stats(period: $period) { count } lifetime { eventCount } filtered { eventCount } }
          }
        }
      }
    `;
    for (const [period, calls] of [
      ['DAY', 1],
      ['MONTH', 4],
    ] as const) {
      await gateway.resetUpstreamStats();
      const { errors, extensions } = await gateway.execute(document, { period });
      expect(errors).toBeUndefined();
      expect(extensions?.['restCalls']).toBe(calls);
      // The estimate counts the list and its organization as the edges they are.
      const estimate = estimateQueryCost(parse(document), 'Month', { period }, schema);
      expect(estimate.restCalls).toBeGreaterThanOrEqual(calls);
      expect(estimate.restCalls - calls).toBe(
        estimateQueryCost(parse(document), 'Month', { period: 'DAY' }, schema).restCalls - 1,
      );
    }
  });
});

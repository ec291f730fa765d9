/**
 * The issue event series a list is asked for (`groupStatsPeriod`): TWO_WEEKS and AUTO free on
 * list rows, read from the local Sentry's real bodies; a second series from the detail body; the
 * estimate prices each as served; AUTO refused where there is no list.
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
interface SeriesIssue {
  sentryId: string;
  shortId: string;
  stats: Bucket[];
  day?: Bucket[];
}
type ListData = { organization: { issues: { nodes: SeriesIssue[] } } };

const asBuckets = (series: [number, number][] | undefined) =>
  (series ?? []).map(([seconds, count]) => ({
    timestamp: new Date(seconds * 1000).toISOString(),
    count,
  }));
const HOUR = 3_600_000;

const LIST = /* GraphQL */ `
  query Series($period: IssueStatsPeriod!, $statsPeriod: StatsPeriod) {
    organization(slug: "acme") {
      issues(first: 5, sort: EVENTS, statsPeriod: $statsPeriod) {
        nodes { sentryId shortId stats(period: $period) { timestamp count } }
      }
    }
  }
`;

describe('issue series chosen by the list', () => {
  let gateway: TestGateway;
  const rest = <T>(path: string) => gateway.rest<T>(path);
  const listPath = (extra: string) =>
    `/api/0/organizations/acme/issues/?project=-1&query=&sort=freq&limit=5${extra}`;

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('asks the list for the 14-day series when the rows read TWO_WEEKS: one call', async () => {
    const rows = await rest<SentryIssue[]>(listPath('&groupStatsPeriod=14d'));
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<ListData>(LIST, {
      period: 'TWO_WEEKS',
    });
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    const nodes = data?.organization.issues.nodes ?? [];
    expect(nodes.map((node) => node.sentryId)).toEqual(rows.map((row) => row.id));
    for (const [index, node] of nodes.entries()) {
      expect(node.stats).toHaveLength(14);
      expect(node.stats).toEqual(asBuckets(rows[index]?.stats['14d']));
    }
    // Daily buckets, and the busiest issues had events in the fortnight.
    const [first, second] = nodes[0]?.stats ?? [];
    expect(Date.parse(second?.timestamp ?? '') - Date.parse(first?.timestamp ?? '')).toBe(
      24 * HOUR,
    );
    expect(nodes.some((node) => node.stats.some((bucket) => bucket.count > 0))).toBe(true);
  });

  it("answers AUTO over the list's own time range, in Sentry's bucket widths: one call", async () => {
    for (const [statsPeriod, width] of [
      ['7d', 6 * HOUR],
      ['12h', (12 * HOUR) / 29],
      ['90d', 3 * 24 * HOUR],
    ] as const) {
      const rows = await rest<SentryIssue[]>(
        listPath(`&groupStatsPeriod=auto&statsPeriod=${statsPeriod}`),
      );
      await gateway.resetUpstreamStats();
      const { data, errors, extensions } = await gateway.execute<ListData>(LIST, {
        period: 'AUTO',
        statsPeriod,
      });
      expect(errors).toBeUndefined();
      expect(extensions?.['restCalls']).toBe(1);
      const nodes = data?.organization.issues.nodes ?? [];
      expect(nodes.map((node) => node.sentryId)).toEqual(rows.map((row) => row.id));
      for (const [index, node] of nodes.entries()) {
        expect(node.stats).toEqual(asBuckets(rows[index]?.stats['auto']));
        expect(node.stats.length).toBeGreaterThanOrEqual(28);
        expect(node.stats.length).toBeLessThanOrEqual(36);
        const [a, b] = node.stats;
        expect(Date.parse(b?.timestamp ?? '') - Date.parse(a?.timestamp ?? '')).toBe(
          Math.floor(width / 1000) * 1000,
        );
      }
      // The series counts the events of the range: no bucket holds more than the row's count.
      const total = (nodes[0]?.stats ?? []).reduce((sum, bucket) => sum + bucket.count, 0);
      expect(total).toBeLessThanOrEqual(Number(rows[0]?.count));
    }
  });

  it('reads DAY beside TWO_WEEKS from the detail body, one call per issue, as estimated', async () => {
    const document = /* GraphQL */ `
      query Both {
        organization(slug: "acme") {
          issues(first: 3, sort: EVENTS) {
            nodes {
              sentryId shortId
              stats(period: TWO_WEEKS) { timestamp count }
              day: stats(period: DAY) { timestamp count }
            }
          }
        }
      }
    `;
    const rows = await rest<SentryIssue[]>(
      '/api/0/organizations/acme/issues/?project=-1&query=&sort=freq&limit=3&groupStatsPeriod=14d',
    );
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<ListData>(document);
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(4);
    for (const [index, node] of (data?.organization.issues.nodes ?? []).entries()) {
      const detail = await rest<SentryIssueDetail>(
        `/api/0/organizations/acme/issues/${node.sentryId}/`,
      );
      expect(node.stats).toEqual(asBuckets(rows[index]?.stats['14d']));
      expect(node.day).toEqual(asBuckets(detail.stats['24h']));
    }
    const estimate = (doc: string) => estimateQueryCost(parse(doc), null, {}, schema).restCalls;
    const dayOnly = document.replace('stats(period: TWO_WEEKS) { timestamp count }', '');
    expect(estimate(document) - estimate(dayOnly)).toBe(3);
    // AUTO beside TWO_WEEKS: the rows carry AUTO, TWO_WEEKS comes from the detail.
    const withAuto = document.replace('day: stats(period: DAY)', 'day: stats(period: AUTO)');
    expect(estimate(withAuto) - estimate(dayOnly)).toBe(3);
  });

  it("takes TWO_WEEKS of an issue read by id from the detail's 30-day series: one call", async () => {
    const [row] = await rest<SentryIssue[]>(listPath(''));
    const detail = await rest<SentryIssueDetail>(`/api/0/organizations/acme/issues/${row?.id}/`);
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { issue: SeriesIssue };
    }>(
      `query ($shortId: String!) {
        organization(slug: "acme") { issue(shortId: $shortId) { stats(period: TWO_WEEKS) { timestamp count } } }
      }`,
      { shortId: row?.shortId },
    );
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    expect(data?.organization.issue.stats).toEqual(asBuckets(detail.stats['30d']?.slice(-14)));
  });

  it('refuses AUTO on an issue read by id with BAD_USER_INPUT, the rest of the answer intact', async () => {
    const [row] = await rest<SentryIssue[]>(listPath(''));
    const { data, errors } = await gateway.execute<{
      organization: { issue: { shortId: string; stats: Bucket[] | null } | null };
    }>(
      `query ($shortId: String!) {
        organization(slug: "acme") { issue(shortId: $shortId) { shortId stats(period: AUTO) { count } } }
      }`,
      { shortId: row?.shortId },
    );
    expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(errors?.[0]?.path).toEqual(['organization', 'issue', 'stats']);
    // stats is non-null, so the issue itself is nulled; its organization is still answered.
    expect(data?.organization).toEqual({ issue: null });
  });

  it('keeps TWO_WEEKS in a lookup by id (group=), and the local Sentry refuses AUTO per project', async () => {
    const rows = await rest<SentryIssue[]>(listPath('&groupStatsPeriod=14d'));
    const ids = rows.slice(0, 2).map((row) => row.id);
    const lookup = await rest<SentryIssue[]>(
      `/api/0/organizations/acme/issues/?${ids.map((id) => `group=${id}`).join('&')}&groupStatsPeriod=14d`,
    );
    expect(lookup.map((issue) => issue.stats['14d'])).toEqual(
      rows.slice(0, 2).map((r) => r.stats['14d']),
    );
    const project = rows[0]?.project.slug;
    const refused = await fetch(
      `${gateway.sentry.url}/api/0/projects/acme/${project}/issues/?statsPeriod=auto`,
      { headers: { authorization: `Bearer ${gateway.sentry.token}` } },
    );
    expect(refused.status).toBe(400);
  });
});

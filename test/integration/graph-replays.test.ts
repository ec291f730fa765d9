/** Session replays in the graph: the replay page, lists, edges, batching and `deleteReplay`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const data = generateData({ seed: 1, scale: 'small' });
const acme = data.organizations.get('acme') as OrgData;
const replayPage = readFileSync(
  new URL('../../schema/operations/replay-page.graphql', import.meta.url),
  'utf8',
);
const pageVariables = JSON.parse(/^# @variables (.+)$/m.exec(replayPage)?.[1] ?? '{}') as {
  org: string;
  query: string;
};
// The page's default: the newest replay with one error.
const paged = acme.replays.find((replay) => replay.wire.count_errors === 1);
const withClicks = acme.replays.find((replay) => replay.clicks.length > 0);
if (!paged || !withClicks) throw new Error('the seeded world has the replay-page replay');

const ReplayList = graphql(`
  query ReplayList($org: String!, $query: String, $sort: ReplaySort, $after: String) {
    organization(slug: $org) {
      replays(first: 4, query: $query, sort: $sort, statsPeriod: "90d", after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id sentryId duration countErrors project { slug } }
      }
    }
  }
`);

const ReplayById = graphql(`
  query ReplayById($org: String!, $id: String!) {
    organization(slug: $org) { replay(id: $id) { id sentryId countErrors } }
  }
`);

const ReplayNode = graphql(`
  query ReplayNode($id: ID!) {
    node(id: $id) { ... on Replay { sentryId urls user { email } } }
  }
`);

const IssueReplays = graphql(`
  query IssueReplays($org: String!) {
    organization(slug: $org) {
      project(slug: "frontend") {
        replays(first: 3, sort: MOST_ERRORS, statsPeriod: "90d") {
          nodes { sentryId countErrors }
        }
        issues(first: 10, query: "") {
          nodes { sentryId replayCount replays { sentryId errorIds } }
        }
      }
    }
  }
`);

const EventReplay = graphql(`
  query EventReplay($org: String!, $eventId: String!) {
    organization(slug: $org) { event(eventId: $eventId) { eventId replay { sentryId } } }
  }
`);

const ReplayClicks = graphql(`
  query ReplayClicks($org: String!, $id: String!, $selector: String) {
    organization(slug: $org) {
      replay(id: $id) {
        clicks(first: 50, selector: $selector) { nodes { nodeId timestamp } }
        segments(first: 1) { pageInfo { hasNextPage endCursor } nodes { segmentId eventCount } }
      }
    }
  }
`);

const DeleteReplay = graphql(`
  mutation DeleteReplay($input: DeleteReplayInput!) {
    deleteReplay(input: $input) { deletedReplayId userErrors { code field message } }
  }
`);

describe('replay-page.graphql', () => {
  it('answers a replay with its project, errors, issues and segments in its stated calls', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { data: result, errors } = await gateway.execute<{
      organization: { replays: { nodes: Record<string, unknown>[] } };
    }>(replayPage, pageVariables);
    expect(errors).toBeUndefined();
    const replay = result?.organization.replays.nodes[0];
    const errorEvent = data.eventsById.get(paged.wire.error_ids[0] ?? '');
    expect(replay).toMatchObject({
      sentryId: paged.wire.id,
      countErrors: paged.wire.error_ids.length,
      countSegments: paged.wire.count_segments,
      urls: paged.wire.urls,
      project: { slug: data.projectsById.get(paged.projectId)?.wire.slug },
      errors: [{ eventId: errorEvent?.id }],
      issues: [{ id: encodeGlobalId('Issue', `acme/${errorEvent?.issueId}`) }],
      segments: { nodes: [{ segmentId: 0 }, { segmentId: 1 }] },
    });
    const stated = Number(/^# @restCalls (\d+)$/m.exec(replayPage)?.[1]);
    const stats = await gateway.upstreamStats();
    expect(stats.requests).toBe(stated);
    expect(stats.byRoute).toEqual({
      'GET /api/0/organizations/{org}/replays/': 1,
      'GET /api/0/organizations/{org}/projects/': 1,
      'GET /api/0/projects/{org}/{project}/events/{event_id}/': 1,
      'GET /api/0/organizations/{org}/issues/': 1,
      'GET /api/0/projects/{org}/{project}/replays/{replay_id}/recording-segments/': 1,
    });
    const byId = await gateway.execute<{
      organization: { replays: { nodes: { sentryId: string }[] } };
    }>(replayPage, { org: 'acme', query: `id:${withClicks.wire.id}` });
    expect(byId.data?.organization.replays.nodes.map((node) => node.sentryId)).toEqual([
      withClicks.wire.id,
    ]);
  });
});

describe('Replay', () => {
  it('lists replays, pages through them, and answers later lookups from the list', async () => {
    await using gateway = await startTestGateway();
    const first = await gateway.execute(ReplayList, { org: 'acme' });
    expect(first.errors).toBeUndefined();
    const nodes = first.data?.organization?.replays?.nodes ?? [];
    expect(nodes.map((node) => node.sentryId)).toEqual(
      acme.replays.slice(0, 4).map((replay) => replay.wire.id),
    );
    const after = first.data?.organization?.replays?.pageInfo.endCursor;
    const second = await gateway.execute(ReplayList, { org: 'acme', after });
    expect(second.data?.organization?.replays?.nodes[0]?.sentryId).toBe(acme.replays[4]?.wire.id);
    const longest = await gateway.execute(ReplayList, {
      org: 'acme',
      sort: 'LONGEST',
      query: 'count_errors:>=1',
    });
    const durations = longest.data?.organization?.replays?.nodes.map((node) => node.duration);
    expect(durations).toEqual([...(durations ?? [])].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(longest.data?.organization?.replays?.nodes.every((n) => n.countErrors >= 1)).toBe(true);
    const bad = await gateway.execute(ReplayList, { org: 'acme', query: 'free text' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const id = nodes[0]?.id ?? '';
    await gateway.resetUpstreamStats();
    const byNode = await gateway.execute(ReplayNode, { id });
    expect(byNode.data?.node).toMatchObject({ sentryId: nodes[0]?.sentryId });
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/replays/{replay_id}/',
    ]);
    const missing = await gateway.execute(ReplayById, { org: 'acme', id: '0'.repeat(32) });
    expect(missing.data?.organization?.replay).toBeNull();
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    await gateway.resetUpstreamStats();
    const malformed = await gateway.execute(ReplayById, { org: 'acme', id: 'nope' });
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await gateway.upstreamRequests()).toEqual([]);
  });

  it('links issues and events to their replays in batched calls', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { data: result, errors } = await gateway.execute(IssueReplays, { org: 'acme' });
    expect(errors).toBeUndefined();
    const issues = result?.organization?.project?.issues?.nodes ?? [];
    for (const issue of issues) {
      const seen = acme.replays.filter((replay) => replay.issueIds.includes(issue.sentryId));
      expect(issue.replayCount).toBe(seen.length);
      expect(issue.replays?.map((replay) => replay?.sentryId)).toEqual(
        seen.slice(0, 10).map((replay) => replay.wire.id),
      );
    }
    expect(issues.some((issue) => (issue.replayCount ?? 0) > 0)).toBe(true);
    // The issue list, the project, the project's replays, one count for every issue, and the
    // replays the counts named that the project's list had not answered.
    const calls = await gateway.upstreamRequests();
    expect(calls.filter((call) => call.includes('replay-count'))).toHaveLength(1);
    expect(
      calls.filter((call) => call === 'GET /api/0/organizations/{org}/replays/').length,
    ).toBeLessThanOrEqual(2);

    const event = paged.wire.error_ids[0] ?? '';
    const viaEvent = await gateway.execute(EventReplay, { org: 'acme', eventId: event });
    expect(viaEvent.data?.organization?.event?.replay?.sentryId).toBe(paged.wire.id);
    const lonely = acme.events.find(
      (candidate) => !acme.replays.some((replay) => replay.wire.error_ids.includes(candidate.id)),
    );
    const none = await gateway.execute(EventReplay, { org: 'acme', eventId: lonely?.id ?? '' });
    expect(none.errors).toBeUndefined();
    expect(none.data?.organization?.event?.replay).toBeNull();
  });

  it('answers clicks by selector and segments page by page', async () => {
    await using gateway = await startTestGateway();
    const click = withClicks.clicks[0];
    const selector = `${click?.tag}#${click?.id}`;
    const { data: result, errors } = await gateway.execute(ReplayClicks, {
      org: 'acme',
      id: withClicks.wire.id,
      selector,
    });
    expect(errors).toBeUndefined();
    const clicks = result?.organization?.replay?.clicks?.nodes ?? [];
    expect(clicks.length).toBe(
      withClicks.clicks.filter((c) => c.tag === click?.tag && c.id === click?.id).length,
    );
    expect(clicks.every((c) => c.nodeId === click?.nodeId)).toBe(true);
    const segments = result?.organization?.replay?.segments;
    expect(segments?.nodes).toEqual([{ segmentId: 0, eventCount: expect.any(Number) }]);
    expect(segments?.pageInfo.hasNextPage).toBe((withClicks.wire.count_segments ?? 0) > 1);
  });
});

describe('deleteReplay', () => {
  it('refuses a malformed id without a call, and deletes a replay', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const bad = await gateway.execute(DeleteReplay, { input: { id: 'not-an-id' } });
    expect(bad.data?.deleteReplay).toMatchObject({
      deletedReplayId: null,
      userErrors: [{ code: 'INVALID_ID', field: ['input', 'id'] }],
    });
    const wrongType = await gateway.execute(DeleteReplay, {
      input: { id: encodeGlobalId('Replay', 'acme/xyz') },
    });
    expect(wrongType.data?.deleteReplay?.userErrors[0]?.code).toBe('INVALID_ID');
    expect(await gateway.upstreamRequests()).toEqual([]);

    const missing = await gateway.execute(DeleteReplay, {
      input: { id: encodeGlobalId('Replay', `acme/${'0'.repeat(32)}`) },
    });
    expect(missing.data?.deleteReplay?.userErrors[0]?.code).toBe('NOT_FOUND');
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/replays/{replay_id}/',
    ]);

    const id = encodeGlobalId('Replay', `acme/${withClicks.wire.id}`);
    await gateway.resetUpstreamStats();
    const done = await gateway.execute(DeleteReplay, { input: { id } });
    expect(done.data?.deleteReplay).toEqual({ deletedReplayId: id, userErrors: [] });
    expect(await gateway.upstreamRequests()).toEqual([
      'DELETE /api/0/projects/{org}/{project}/replays/{replay_id}/',
      'GET /api/0/organizations/{org}/replays/{replay_id}/',
    ]);
    const gone = await gateway.execute(ReplayById, { org: 'acme', id: withClicks.wire.id });
    expect(gone.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('sentry.replays', () => {
  it('reads every replay endpoint with its wire shape', async () => {
    await using gateway = await startTestGateway();
    const upstream = createUpstream({ baseUrl: gateway.sentry.url });
    try {
      const client = new SentryClient({ upstream, token: gateway.sentry.token });
      const project = data.projectsById.get(paged.projectId)?.wire.slug ?? '';
      const replays = client.replays;
      const page = await replays.list('acme', { perPage: 2, statsPeriod: '90d', field: ['id'] });
      expect(page.items.map((r) => Object.keys(r).sort())).toEqual([
        ['id', 'organizationSlug'],
        ['id', 'organizationSlug'],
      ]);
      expect(page.next).toBe('0:2:0');
      expect((await replays.get('acme', paged.wire.id)).id).toBe(paged.wire.id);
      expect(await replays.segment('acme', project, paged.wire.id, 0)).toMatchObject({
        replayId: paged.wire.id,
        segmentId: 0,
      });
      const segments = await replays.segments('acme', project, paged.wire.id, { perPage: 1 });
      expect(segments.items[0]?.[0]).toMatchObject({ type: 4 });
      const keys = await replays.tagKeys('acme', project);
      expect(keys.map((key) => key.key)).toContain('plan');
      const values = await replays.tagValues('acme', project, 'plan');
      expect(values.items[0]).toMatchObject({ key: 'plan' });
      const issueId = paged.issueIds[0] ?? '';
      expect(
        await replays.idsByKey('acme', { query: `issue.id:[${issueId}]`, statsPeriod: '90d' }),
      ).toEqual({
        [issueId]: acme.replays.filter((r) => r.issueIds.includes(issueId)).map((r) => r.wire.id),
      });
    } finally {
      await upstream.close();
    }
  });
});

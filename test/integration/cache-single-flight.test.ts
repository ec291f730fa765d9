/**
 * Request coalescing, always on: identical GETs of one token in flight at the same moment,
 * across concurrent GraphQL requests, make one upstream call; other tokens and writes never
 * share. The local Sentry answers slowly so that the requests overlap.
 */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { acme, issueGid } from './mutations-support.ts';

const ISSUE_PAGE = /* GraphQL */ `
  query ($shortId: String!) {
    organization(slug: "acme") {
      issue(shortId: $shortId) {
        title
        tags { key }
        latestEvent { eventId }
      }
    }
  }
`;

const STREAM = /* GraphQL */ `
  { organization(slug: "acme") { issues(first: 5) { nodes { shortId title } } } }
`;

describe('request coalescing', () => {
  it('ten concurrent identical requests make one upstream call per distinct GET', async () => {
    await using gateway = await startTestGateway({ localSentry: { latencyMs: 150 } });
    const stream = await gateway.execute<{
      organization: { issues: { nodes: { shortId: string }[] } };
    }>(STREAM);
    const shortId = stream.data?.organization.issues.nodes[0]?.shortId as string;
    await gateway.resetUpstreamStats();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => gateway.execute(ISSUE_PAGE, { shortId })),
    );
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0]?.data);
    }
    // The issue by short id, its tags, its latest event: three GETs, each sent once.
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/issues/{issue_id}/',
      'GET /api/0/organizations/{org}/issues/{issue_id}/events/latest/',
      'GET /api/0/organizations/{org}/issues/{issue_id}/tags/',
    ]);
    const restCalls = answers.map((answer) => answer.extensions?.['restCalls'] as number);
    expect(restCalls.reduce((sum, calls) => sum + calls, 0)).toBe(3);
    expect(gateway.gateway.upstream.stats().coalesced).toBe(27);
  });

  it('never shares a call between two tokens', async () => {
    await using gateway = await startTestGateway({
      localSentry: { latencyMs: 150, tokens: ['token-a', 'token-b'] },
    });
    await gateway.resetUpstreamStats();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        gateway.execute(STREAM, {}, { token: index % 2 ? 'token-a' : 'token-b' }),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect((await gateway.upstreamStats()).requests).toBe(2);
    expect(gateway.gateway.upstream.stats().coalesced).toBe(8);
  });

  it('never coalesces writes', async () => {
    await using gateway = await startTestGateway({ localSentry: { latencyMs: 100 } });
    const issue = acme(gateway).issues[0];
    if (!issue) throw new Error('no issue in the demo data');
    await gateway.resetUpstreamStats();
    const mutation = /* GraphQL */ `
      mutation ($id: ID!) {
        updateIssue(input: { id: $id, priority: HIGH }) { issue { priority } userErrors { message } }
      }
    `;
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => gateway.execute(mutation, { id: issueGid(issue) })),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual(
      Array.from({ length: 3 }, () => 'PUT /api/0/organizations/{org}/issues/{issue_id}/'),
    );
  });
});

/** Issue writes under upstream faults and missing scopes: reported, sent once, nothing changed. */
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  DeleteIssues,
  issuePath,
  type RestIssue,
  UpdateIssue,
  UpdateIssues,
} from './mutations-issues-support.ts';
import {
  issueGid,
  rest,
  unresolvedIssuesOfOneProject,
  withFaults,
  writes,
} from './mutations-support.ts';

describe('issue writes under faults and scopes', () => {
  for (const fault of [503, 'reset'] as const) {
    it(`reports a bulk PUT that failed with ${fault} and sends it once`, async () => {
      await using gateway = await startTestGateway(
        withFaults({ 'PUT /api/0/organizations/{org}/issues/': fault }),
      );
      const issues = unresolvedIssuesOfOneProject(gateway, 2);
      const { data, errors } = await gateway.execute(UpdateIssues, {
        input: { ids: issues.map(issueGid), status: 'RESOLVED' },
      });
      expect(data?.updateIssues).toBeNull();
      expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
      expect(writes(await gateway.upstreamStats())).toEqual({
        'PUT /api/0/organizations/{org}/issues/': 1,
      });
    });

    it(`reports a single PUT that failed with ${fault} and sends it once`, async () => {
      await using gateway = await startTestGateway(
        withFaults({ 'PUT /api/0/organizations/{org}/issues/{issue_id}/': fault }),
      );
      const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
      if (!issue) throw new Error('no issue');
      const { data, errors } = await gateway.execute(UpdateIssue, {
        input: { id: issueGid(issue), status: 'RESOLVED' },
      });
      expect(data?.updateIssue).toBeNull();
      expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
      expect(await gateway.upstreamStats()).toEqual({
        requests: 1,
        byRoute: { 'PUT /api/0/organizations/{org}/issues/{issue_id}/': 1 },
      });
    });
  }

  it('sends no write when the existence check cannot be made (reads are retried)', async () => {
    await using gateway = await startTestGateway(
      withFaults({ 'GET /api/0/organizations/{org}/issues/': 503 }),
    );
    const issues = unresolvedIssuesOfOneProject(gateway, 2);
    const { data, errors } = await gateway.execute(UpdateIssues, {
      input: { ids: issues.map(issueGid), status: 'RESOLVED' },
    });
    expect(data?.updateIssues).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(await gateway.upstreamStats()).toEqual({
      requests: 3,
      byRoute: { 'GET /api/0/organizations/{org}/issues/': 3 },
    });
  });

  it('is FORBIDDEN for a token without event:write, and the store is unchanged', async () => {
    const readOnly = ALL_SCOPES.filter(
      (scope) => scope !== 'event:write' && scope !== 'event:admin',
    );
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [
          { token: 'local-demo-token', scopes: [...ALL_SCOPES] },
          { token: 'reader', scopes: readOnly },
        ],
      },
    });
    const issues = unresolvedIssuesOfOneProject(gateway, 2);
    const [issue] = issues;
    if (!issue) throw new Error('no issue');

    const single = await gateway.execute(
      UpdateIssue,
      { input: { id: issueGid(issue), status: 'RESOLVED' } },
      { token: 'reader' },
    );
    expect(single.data?.updateIssue).toBeNull();
    expect(single.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const bulk = await gateway.execute(
      UpdateIssues,
      { input: { ids: issues.map(issueGid), status: 'RESOLVED' } },
      { token: 'reader' },
    );
    expect(bulk.data?.updateIssues).toBeNull();
    expect(bulk.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const removal = await gateway.execute(
      DeleteIssues,
      { input: { ids: issues.map(issueGid) } },
      { token: 'reader' },
    );
    expect(removal.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    for (const { wire } of issues) {
      expect((await rest<RestIssue>(gateway, issuePath(wire.id))).body.status).toBe('unresolved');
    }
  });
});

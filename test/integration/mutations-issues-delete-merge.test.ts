/** deleteIssue, deleteIssues and mergeIssues against the local Sentry: checked, one call each. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { DeleteIssue, DeleteIssues, issuePath, MergeIssues } from './mutations-issues-support.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  issueGid,
  rest,
  unresolvedIssuesOfOneProject,
  withFaults,
  writes,
} from './mutations-support.ts';

describe('deleteIssue and deleteIssues', () => {
  it('deletes one issue with one call', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data } = await gateway.execute(DeleteIssue, { input: { id: issueGid(issue) } });
    expect(data?.deleteIssue).toEqual({ deletedIssueId: issueGid(issue), userErrors: [] });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'DELETE /api/0/organizations/{org}/issues/{issue_id}/': 1 },
    });
    expect((await rest(gateway, issuePath(issue.wire.id))).status).toBe(404);

    const again = await gateway.execute(DeleteIssue, { input: { id: issueGid(issue) } });
    expect(codes(again.data?.deleteIssue)).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
  });

  it('checks the ids, then deletes them in one call', async () => {
    await using gateway = await startTestGateway();
    const issues = unresolvedIssuesOfOneProject(gateway, 2);
    const total = acme(gateway).issues.length;
    const { data } = await gateway.execute(DeleteIssues, { input: { ids: issues.map(issueGid) } });
    expect(data?.deleteIssues).toEqual({ deletedIssueIds: issues.map(issueGid), userErrors: [] });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 2,
      byRoute: {
        'GET /api/0/organizations/{org}/issues/': 1,
        'DELETE /api/0/organizations/{org}/issues/': 1,
      },
    });
    for (const { wire } of issues)
      expect((await rest(gateway, issuePath(wire.id))).status).toBe(404);
    expect(acme(gateway).issues.length).toBe(total - 2);
  });

  it('refuses an empty list and unknown ids without deleting anything', async () => {
    await using gateway = await startTestGateway();
    const total = acme(gateway).issues.length;
    const empty = await gateway.execute(DeleteIssues, { input: { ids: [] } });
    expect(codes(empty.data?.deleteIssues)).toEqual([
      { field: ['input', 'ids'], code: 'EMPTY_LIST' },
    ]);
    await expectNoUpstreamCalls(gateway);

    const unknown = await gateway.execute(DeleteIssues, {
      input: { ids: [gid('Issue', 'acme/999999998')] },
    });
    expect(codes(unknown.data?.deleteIssues)).toEqual([
      { field: ['input', 'ids', '0'], code: 'NOT_FOUND' },
    ]);
    expect(writes(await gateway.upstreamStats())).toEqual({});
    expect(acme(gateway).issues.length).toBe(total);
  });

  it('reports a bulk DELETE that failed and sends it once', async () => {
    await using gateway = await startTestGateway(
      withFaults({ 'DELETE /api/0/organizations/{org}/issues/': 503 }),
    );
    const issues = unresolvedIssuesOfOneProject(gateway, 2);
    const { errors } = await gateway.execute(DeleteIssues, {
      input: { ids: issues.map(issueGid) },
    });
    expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'DELETE /api/0/organizations/{org}/issues/': 1,
    });
  });
});

describe('mergeIssues', () => {
  it('needs two issues of one project before any write', async () => {
    await using gateway = await startTestGateway();
    const [one] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!one) throw new Error('no issue');
    const single = await gateway.execute(MergeIssues, { input: { ids: [issueGid(one)] } });
    expect(codes(single.data?.mergeIssues)).toEqual([{ field: ['input', 'ids'], code: 'TOO_FEW' }]);
    await expectNoUpstreamCalls(gateway);

    const other = acme(gateway).issues.find((i) => i.projectId !== one.projectId);
    if (!other) throw new Error('no issue of another project');
    const mixed = await gateway.execute(MergeIssues, {
      input: { ids: [issueGid(one), issueGid(other)] },
    });
    expect(codes(mixed.data?.mergeIssues)).toEqual([
      { field: ['input', 'ids'], code: 'DIFFERENT_PROJECTS' },
    ]);
    expect(writes(await gateway.upstreamStats())).toEqual({});
  });

  it('merges with one bulk PUT: the most-seen issue stays, the others leave the lists', async () => {
    await using gateway = await startTestGateway();
    const issues = unresolvedIssuesOfOneProject(gateway, 3);
    // Sentry keeps the issue seen most often (then the highest id).
    const [parent, ...children] = [...issues].sort(
      (a, b) => b.events.length - a.events.length || Number(b.wire.id) - Number(a.wire.id),
    );
    if (!parent) throw new Error('no issue');
    const events = issues.reduce((sum, issue) => sum + issue.events.length, 0);

    const { data, errors } = await gateway.execute(MergeIssues, {
      input: { ids: issues.map(issueGid) },
    });
    expect(errors).toBeUndefined();
    expect(data?.mergeIssues).toEqual({
      issue: { id: issueGid(parent) },
      mergedIssueIds: children.map(issueGid),
      userErrors: [],
    });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'PUT /api/0/organizations/{org}/issues/': 1,
    });

    const ids = issues.map((issue) => `group=${issue.wire.id}`).join('&');
    const listed = await rest<{ id: string; count: string }[]>(
      gateway,
      `/api/0/organizations/acme/issues/?${ids}&project=-1`,
    );
    expect(listed.body.map(({ id, count }) => ({ id, count }))).toEqual([
      { id: parent.wire.id, count: String(events) },
    ]);
    const stream = await rest<{ id: string }[]>(
      gateway,
      `/api/0/organizations/acme/issues/?query=is:unresolved&limit=100&project=${parent.projectId}`,
    );
    const streamIds = stream.body.map(({ id }) => id);
    expect(streamIds).toContain(parent.wire.id);
    for (const child of children) expect(streamIds).not.toContain(child.wire.id);
  });
});

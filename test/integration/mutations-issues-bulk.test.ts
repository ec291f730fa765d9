/** updateIssues against the local Sentry: ids checked, one bulk PUT, the result read back. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { issuePath, type RestIssue, UpdateIssues } from './mutations-issues-support.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  issueGid,
  projectGid,
  rest,
  unresolvedIssuesOfOneProject,
  writes,
} from './mutations-support.ts';

describe('updateIssues', () => {
  it('checks the ids, updates them in one PUT and reads them back', async () => {
    await using gateway = await startTestGateway();
    const issues = unresolvedIssuesOfOneProject(gateway, 3);
    const statusOf = () =>
      new Map(acme(gateway).issues.map((issue) => [issue.wire.id, issue.wire.status]));
    const before = statusOf();

    const { data, errors } = await gateway.execute(UpdateIssues, {
      input: {
        ids: issues.map(issueGid),
        status: 'IGNORED',
        statusDetails: { ignoreDuration: 120 },
        priority: 'LOW',
      },
    });

    expect(errors).toBeUndefined();
    expect(data?.updateIssues).toEqual({
      issues: issues.map((issue) => ({
        id: issueGid(issue),
        status: 'IGNORED',
        substatus: 'ARCHIVED_UNTIL_CONDITION_MET',
        priority: 'LOW',
      })),
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 3,
      byRoute: {
        'GET /api/0/organizations/{org}/issues/': 2,
        'PUT /api/0/organizations/{org}/issues/': 1,
      },
    });
    for (const issue of issues) {
      const stored = await rest<RestIssue>(gateway, issuePath(issue.wire.id));
      expect(stored.body).toMatchObject({ status: 'ignored', priority: 'low' });
      expect(stored.body.statusDetails).toHaveProperty('ignoreUntil');
    }
    // Only the named issues changed.
    const changed = [...statusOf()].filter(([id, status]) => before.get(id) !== status);
    expect(changed.map(([id]) => id).sort()).toEqual(issues.map((i) => i.wire.id).sort());
  });

  it('costs two calls when the issues are not selected', async () => {
    await using gateway = await startTestGateway();
    const issues = unresolvedIssuesOfOneProject(gateway, 2);
    const { data } = await gateway.execute(
      `mutation ($ids: [ID!]!) { updateIssues(input: { ids: $ids, isBookmarked: true }) { userErrors { code } } }`,
      { ids: issues.map(issueGid) },
    );
    expect(data).toEqual({ updateIssues: { userErrors: [] } });
    expect((await gateway.upstreamStats()).requests).toBe(2);
    for (const issue of issues) {
      expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body.isBookmarked).toBe(
        true,
      );
    }
  });

  it('refuses an empty id list without any upstream call', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(UpdateIssues, {
      input: { ids: [], status: 'RESOLVED' },
    });
    expect(errors).toBeUndefined();
    expect(data?.updateIssues).toMatchObject({
      issues: null,
      userErrors: [{ field: ['input', 'ids'], code: 'EMPTY_LIST' }],
    });
    await expectNoUpstreamCalls(gateway);
    const unresolved = acme(gateway).issues.filter((i) => i.wire.status === 'unresolved');
    expect(unresolved.length).toBeGreaterThan(0);
  });

  it('points at each bad id and sends nothing', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    const project = acme(gateway).projects[0];
    if (!issue || !project) throw new Error('no fixtures');
    const { data } = await gateway.execute(UpdateIssues, {
      input: { ids: [issueGid(issue), projectGid(project), 'garbage'], status: 'RESOLVED' },
    });
    expect(codes(data?.updateIssues)).toEqual([
      { field: ['input', 'ids', '1'], code: 'WRONG_TYPE' },
      { field: ['input', 'ids', '2'], code: 'INVALID_ID' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('refuses ids of two organizations without any upstream call', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    const other = gateway.sentry.data.organizations.get('globex')?.issues[0];
    if (!issue || !other) throw new Error('no fixtures');
    const { data } = await gateway.execute(UpdateIssues, {
      input: { ids: [issueGid(issue), issueGid(other)], status: 'RESOLVED' },
    });
    expect(codes(data?.updateIssues)).toEqual([
      { field: ['input', 'ids'], code: 'WRONG_ORGANIZATION' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('writes nothing when one id does not exist', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data } = await gateway.execute(UpdateIssues, {
      input: { ids: [issueGid(issue), gid('Issue', 'acme/999999999')], status: 'RESOLVED' },
    });
    expect(codes(data?.updateIssues)).toEqual([
      { field: ['input', 'ids', '1'], code: 'NOT_FOUND' },
    ]);
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'GET /api/0/organizations/{org}/issues/': 1 },
    });
    expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body.status).toBe(
      'unresolved',
    );
  });

  it('refuses release-based resolution across projects after the check read', async () => {
    await using gateway = await startTestGateway();
    const issues = acme(gateway).issues.filter((i) => i.wire.status === 'unresolved');
    const first = issues[0];
    const second = issues.find((i) => i.projectId !== first?.projectId);
    if (!first || !second) throw new Error('no fixtures');
    const { data } = await gateway.execute(UpdateIssues, {
      input: { ids: [issueGid(first), issueGid(second)], status: 'RESOLVED_IN_NEXT_RELEASE' },
    });
    expect(codes(data?.updateIssues)).toEqual([
      { field: ['input', 'ids'], code: 'DIFFERENT_PROJECTS' },
    ]);
    expect(writes(await gateway.upstreamStats())).toEqual({});
  });

  it('shows later fields of the same operation the new state', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data, errors } = await gateway.execute(
      `mutation ($id: ID!) {
        first: updateIssue(input: { id: $id, status: IGNORED }) { issue { status } }
        second: updateIssues(input: { ids: [$id], priority: LOW }) { issues { status priority } }
        third: updateIssue(input: { id: $id, status: UNRESOLVED }) { issue { status priority } }
      }`,
      { id: issueGid(issue) },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      first: { issue: { status: 'IGNORED' } },
      second: { issues: [{ status: 'IGNORED', priority: 'LOW' }] },
      third: { issue: { status: 'UNRESOLVED', priority: 'LOW' } },
    });
  });
});

/**
 * Issue triage mutations against the local Sentry: every write is read back through REST, every
 * refused input costs no upstream call, bulk changes follow SENTRY-API.md 2.6, and failed writes
 * are reported and never sent twice.
 */
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  issueGid,
  projectGid,
  rest,
  unresolvedIssuesOfOneProject,
  withFaults,
  writes,
} from './mutations-support.ts';

const UpdateIssue = graphql(`
  mutation TestUpdateIssue($input: UpdateIssueInput!) {
    updateIssue(input: $input) {
      issue {
        id
        status
        substatus
        priority
        isBookmarked
        hasSeen
        assignedTo {
          __typename
          ... on Team {
            slug
          }
          ... on User {
            email
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateIssues = graphql(`
  mutation TestUpdateIssues($input: UpdateIssuesInput!) {
    updateIssues(input: $input) {
      issues {
        id
        status
        substatus
        priority
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteIssues = graphql(`
  mutation TestDeleteIssues($input: DeleteIssuesInput!) {
    deleteIssues(input: $input) {
      deletedIssueIds
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteIssue = graphql(`
  mutation TestDeleteIssue($input: DeleteIssueInput!) {
    deleteIssue(input: $input) {
      deletedIssueId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const MergeIssues = graphql(`
  mutation TestMergeIssues($input: MergeIssuesInput!) {
    mergeIssues(input: $input) {
      issue {
        id
      }
      mergedIssueIds
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface RestIssue {
  status: string;
  substatus: string | null;
  priority: string;
  isBookmarked: boolean;
  statusDetails: Record<string, unknown>;
  assignedTo: { type: string; id: string; name: string } | null;
}

const issuePath = (id: string) => `/api/0/organizations/acme/issues/${id}/`;

describe('updateIssue', () => {
  it('resolves an issue in the next release with one PUT and Sentry stores it', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');

    const { data, errors } = await gateway.execute(UpdateIssue, {
      input: {
        id: issueGid(issue),
        status: 'RESOLVED_IN_NEXT_RELEASE',
        priority: 'HIGH',
        isBookmarked: true,
      },
    });

    expect(errors).toBeUndefined();
    expect(data?.updateIssue).toMatchObject({
      issue: { id: issueGid(issue), status: 'RESOLVED', priority: 'HIGH', isBookmarked: true },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'PUT /api/0/organizations/{org}/issues/{issue_id}/': 1 },
    });
    const stored = await rest<RestIssue>(gateway, issuePath(issue.wire.id));
    expect(stored.body).toMatchObject({
      status: 'resolved',
      statusDetails: { inNextRelease: true },
      priority: 'high',
      isBookmarked: true,
    });
  });

  it('ignores an issue until a count of events within a window', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');

    const { data, errors } = await gateway.execute(UpdateIssue, {
      input: {
        id: issueGid(issue),
        status: 'IGNORED',
        statusDetails: { ignoreCount: 100, ignoreWindow: 60 },
      },
    });

    expect(errors).toBeUndefined();
    expect(data?.updateIssue?.issue).toMatchObject({
      status: 'IGNORED',
      substatus: 'ARCHIVED_UNTIL_CONDITION_MET',
    });
    const stored = await rest<RestIssue>(gateway, issuePath(issue.wire.id));
    expect(stored.body).toMatchObject({
      status: 'ignored',
      substatus: 'archived_until_condition_met',
      statusDetails: { ignoreCount: 100, ignoreWindow: 60 },
    });
  });

  it('resolves in a release, archives forever and reopens', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const release = acme(gateway).releases.find((r) => r.projectIds.includes(issue.projectId));
    if (!release) throw new Error('no release');
    const id = issueGid(issue);

    const resolved = await gateway.execute(UpdateIssue, {
      input: { id, status: 'RESOLVED', statusDetails: { inRelease: release.wire.version } },
    });
    expect(resolved.data?.updateIssue?.userErrors).toEqual([]);
    expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body).toMatchObject({
      status: 'resolved',
      statusDetails: { inRelease: release.wire.version },
    });

    const archived = await gateway.execute(UpdateIssue, {
      input: { id, status: 'IGNORED', substatus: 'ARCHIVED_FOREVER' },
    });
    expect(archived.data?.updateIssue?.issue?.substatus).toBe('ARCHIVED_FOREVER');
    expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body).toMatchObject({
      status: 'ignored',
      substatus: 'archived_forever',
    });

    const reopened = await gateway.execute(UpdateIssue, { input: { id, status: 'UNRESOLVED' } });
    expect(reopened.data?.updateIssue?.issue?.status).toBe('UNRESOLVED');
    expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body.status).toBe(
      'unresolved',
    );
  });

  it('assigns to a team, to a user by id and by email, and unassigns', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    const org = acme(gateway);
    const team = org.teams[0];
    const member = org.members.find((m) => m.userId !== null);
    if (!issue || !team || !member?.userId) throw new Error('no fixtures');
    const id = issueGid(issue);
    const stored = async () =>
      (await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body.assignedTo;

    const toTeam = await gateway.execute(UpdateIssue, {
      input: { id, assignedTo: gid('Team', `acme/${team.wire.id}`) },
    });
    expect(toTeam.data?.updateIssue?.issue?.assignedTo).toEqual({
      __typename: 'Team',
      slug: team.wire.slug,
    });
    expect(await stored()).toMatchObject({ type: 'team', id: team.wire.id });

    const toUser = await gateway.execute(UpdateIssue, {
      input: { id, assignedTo: gid('User', `acme/${member.userId}`) },
    });
    expect(toUser.data?.updateIssue?.issue?.assignedTo?.__typename).toBe('User');
    expect(await stored()).toMatchObject({ type: 'user', id: member.userId });

    await gateway.execute(UpdateIssue, { input: { id, assignedTo: null } });
    expect(await stored()).toBeNull();

    const byEmail = await gateway.execute(UpdateIssue, {
      input: { id, assignedToEmail: member.wire.email },
    });
    expect(byEmail.data?.updateIssue?.userErrors).toEqual([]);
    expect(await stored()).toMatchObject({ type: 'user', id: member.userId });
  });

  it('sets the flags', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data } = await gateway.execute(UpdateIssue, {
      input: { id: issueGid(issue), hasSeen: true, isSubscribed: false, isPublic: true },
    });
    expect(data?.updateIssue?.userErrors).toEqual([]);
    expect((await rest(gateway, issuePath(issue.wire.id))).body).toMatchObject({
      hasSeen: true,
      isSubscribed: false,
      isPublic: true,
    });
  });

  it('reports an unknown release as a user error from Sentry', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data, errors } = await gateway.execute(UpdateIssue, {
      input: {
        id: issueGid(issue),
        status: 'RESOLVED',
        statusDetails: { inRelease: 'no-such-release@0.0.0' },
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.updateIssue?.issue).toBeNull();
    expect(data?.updateIssue?.userErrors[0]?.code).toBe('REJECTED');
    expect((await rest<RestIssue>(gateway, issuePath(issue.wire.id))).body.status).toBe(
      'unresolved',
    );
  });
});

describe('issue mutation input', () => {
  const cases: [string, (ids: { issue: string; project: string }) => unknown, unknown[]][] = [
    [
      'a malformed id',
      () => ({ id: 'not a global id!', status: 'RESOLVED' }),
      [{ field: ['input', 'id'], code: 'INVALID_ID' }],
    ],
    [
      'a forged id with a bad key',
      () => ({ id: gid('Issue', 'acme/../../projects'), status: 'RESOLVED' }),
      [{ field: ['input', 'id'], code: 'INVALID_ID' }],
    ],
    [
      'a Project id where an Issue id belongs',
      ({ project }) => ({ id: project, status: 'RESOLVED' }),
      [{ field: ['input', 'id'], code: 'WRONG_TYPE' }],
    ],
    [
      'statusDetails without a status',
      ({ issue }) => ({ id: issue, statusDetails: { ignoreDuration: 30 } }),
      [{ field: ['input', 'statusDetails'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'an ignore condition with RESOLVED',
      ({ issue }) => ({ id: issue, status: 'RESOLVED', statusDetails: { ignoreCount: 5 } }),
      [{ field: ['input', 'statusDetails', 'ignoreCount'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'a release with IGNORED',
      ({ issue }) => ({ id: issue, status: 'IGNORED', statusDetails: { inRelease: 'latest' } }),
      [{ field: ['input', 'statusDetails', 'inRelease'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'a window without its count',
      ({ issue }) => ({ id: issue, status: 'IGNORED', statusDetails: { ignoreWindow: 60 } }),
      [{ field: ['input', 'statusDetails', 'ignoreWindow'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'a window longer than a week',
      ({ issue }) => ({
        id: issue,
        status: 'IGNORED',
        statusDetails: { ignoreCount: 5, ignoreWindow: 20_000 },
      }),
      [{ field: ['input', 'statusDetails', 'ignoreWindow'], code: 'INVALID_VALUE' }],
    ],
    [
      'a substatus that does not fit the status',
      ({ issue }) => ({ id: issue, status: 'UNRESOLVED', substatus: 'ARCHIVED_FOREVER' }),
      [{ field: ['input', 'substatus'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'both assignee forms',
      ({ issue }) => ({ id: issue, assignedTo: null, assignedToEmail: 'ada.adams@acme.com' }),
      [{ field: ['input', 'assignedToEmail'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'an assignee of the wrong type',
      ({ issue, project }) => ({ id: issue, assignedTo: project }),
      [{ field: ['input', 'assignedTo'], code: 'WRONG_TYPE' }],
    ],
    [
      'an assignee of another organization',
      ({ issue }) => ({ id: issue, assignedTo: gid('Team', 'globex/300001') }),
      [{ field: ['input', 'assignedTo'], code: 'WRONG_ORGANIZATION' }],
    ],
    [
      'no change at all',
      ({ issue }) => ({ id: issue }),
      [{ field: null, code: 'NOTHING_TO_CHANGE' }],
    ],
  ];

  for (const [name, input, expected] of cases) {
    it(`refuses ${name} before any upstream call`, async () => {
      await using gateway = await startTestGateway();
      const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
      const project = acme(gateway).projects[0];
      if (!issue || !project) throw new Error('no fixtures');

      const { data, errors } = await gateway.execute(UpdateIssue, {
        input: input({ issue: issueGid(issue), project: projectGid(project) }) as never,
      });

      expect(errors).toBeUndefined();
      expect(data?.updateIssue?.issue).toBeNull();
      expect(codes(data?.updateIssue)).toEqual(expected);
      await expectNoUpstreamCalls(gateway);
    });
  }

  it('leaves a bad enum value to GraphQL validation, before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data, errors } = await gateway.execute(UpdateIssue, {
      input: { id: issueGid(issue), status: 'FIXED' as never },
    });
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.message).toMatch(/FIXED/);
    await expectNoUpstreamCalls(gateway);
  });

  it('answers UNAUTHENTICATED without a token, before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const [issue] = unresolvedIssuesOfOneProject(gateway, 1);
    if (!issue) throw new Error('no issue');
    const { data, errors } = await gateway.execute(
      UpdateIssue,
      { input: { id: issueGid(issue), status: 'RESOLVED' } },
      { token: null },
    );
    expect(data?.updateIssue).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    await expectNoUpstreamCalls(gateway);
  });
});

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

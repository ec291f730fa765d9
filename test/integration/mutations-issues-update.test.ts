/** updateIssue against the local Sentry: changes read back through REST, bad input refused. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { issuePath, type RestIssue, UpdateIssue } from './mutations-issues-support.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  issueGid,
  projectGid,
  rest,
  unresolvedIssuesOfOneProject,
} from './mutations-support.ts';

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

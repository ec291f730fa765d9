/**
 * SCIM in the graph: `Organization.scimUsers` / `scimGroups` over SCIM's startIndex paging, and
 * the provisioning mutations (a deprovisioned member is gone from `Organization.members` in the
 * same operation; bad input sends nothing upstream; the SCIM scopes are Sentry's to check).
 */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { acme, codes, expectNoUpstreamCalls, gid, rest, writes } from './mutations-support.ts';

interface Connection<T> {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
interface ScimUserNode {
  sentryId: string;
  userName: string;
  role: string;
  active: boolean;
  member: { email: string } | null;
}
interface ScimGroupNode {
  sentryId: string;
  displayName: string;
  members: { sentryId: string; display: string; member: { email: string } | null }[] | null;
  team: { slug: string } | null;
}
interface OrgData<T> {
  organization: T | null;
}
type Payload = {
  userErrors: { field: string[] | null; code: string; message: string }[];
} & Record<string, unknown>;

const USERS = `
  query ScimUsers($after: String, $userName: String) {
    organization(slug: "acme") {
      scimUsers(first: 2, after: $after, userName: $userName) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { sentryId userName role active member { email } }
      }
    }
  }
`;

const GROUPS = `
  query ScimGroups($withMembers: Boolean, $displayName: String) {
    organization(slug: "acme") {
      scimGroups(first: 10, withMembers: $withMembers, displayName: $displayName) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { sentryId displayName members { sentryId display member { email } } team { slug } }
      }
    }
  }
`;

describe('Organization.scimUsers and scimGroups', () => {
  it('pages SCIM users by startIndex, filters by userName and links members', async () => {
    await using gateway = await startTestGateway();
    const org = acme(gateway);
    const approved = org.members
      .filter((m) => m.wire.inviteStatus === 'approved')
      .sort((a, b) => a.wire.email.localeCompare(b.wire.email));
    await gateway.resetUpstreamStats();
    const first = await gateway.execute<OrgData<{ scimUsers: Connection<ScimUserNode> }>>(USERS);
    expect(first.errors).toBeUndefined();
    const page = first.data?.organization?.scimUsers;
    expect(page?.totalCount).toBe(approved.length);
    expect(page?.nodes.map((n) => n.userName)).toEqual(
      approved.slice(0, 2).map((m) => m.wire.email),
    );
    expect(page?.nodes[0]?.member?.email).toBe(approved[0]?.wire.email);
    expect(page?.pageInfo.hasNextPage).toBe(true);
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/members/',
      'GET /api/0/organizations/{org}/scim/v2/Users',
    ]);
    const second = await gateway.execute<OrgData<{ scimUsers: Connection<ScimUserNode> }>>(USERS, {
      after: page?.pageInfo.endCursor,
    });
    expect(second.data?.organization?.scimUsers.nodes.map((n) => n.userName)).toEqual(
      approved.slice(2, 4).map((m) => m.wire.email),
    );
    const one = await gateway.execute<OrgData<{ scimUsers: Connection<ScimUserNode> }>>(USERS, {
      userName: approved[3]?.wire.email.toUpperCase(),
    });
    expect(one.data?.organization?.scimUsers).toMatchObject({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [{ sentryId: approved[3]?.wire.id, active: true }],
    });
  });

  it('lists SCIM groups with or without members, filtered by displayName', async () => {
    await using gateway = await startTestGateway();
    const org = acme(gateway);
    const teams = [...org.teams].sort((a, b) => Number(a.wire.id) - Number(b.wire.id));
    const all = await gateway.execute<OrgData<{ scimGroups: Connection<ScimGroupNode> }>>(GROUPS);
    expect(all.errors).toBeUndefined();
    const nodes = all.data?.organization?.scimGroups.nodes ?? [];
    expect(nodes.map((n) => n.displayName)).toEqual(teams.map((t) => t.wire.slug));
    expect(nodes[0]?.team?.slug).toBe(teams[0]?.wire.slug);
    expect(nodes[0]?.members?.length).toBeGreaterThan(0);
    expect(nodes[0]?.members?.[0]?.member?.email).toBe(nodes[0]?.members?.[0]?.display);
    const bare = await gateway.execute<OrgData<{ scimGroups: Connection<ScimGroupNode> }>>(GROUPS, {
      withMembers: false,
      displayName: teams[1]?.wire.slug,
    });
    expect(bare.data?.organization?.scimGroups.nodes).toEqual([
      {
        sentryId: teams[1]?.wire.id,
        displayName: teams[1]?.wire.slug,
        members: null,
        team: { slug: teams[1]?.wire.slug },
      },
    ]);
  });
});

const PROVISION_USER = `
  mutation ($input: ProvisionScimUserInput!) {
    provisionScimUser(input: $input) {
      scimUser { sentryId userName role member { email pending } }
      userErrors { field code message }
    }
  }
`;
const DEPROVISION_USER = `
  mutation ($input: DeprovisionScimUserInput!) {
    deprovisionScimUser(input: $input) {
      deletedMemberId
      organization { members(first: 100) { nodes { sentryId } } }
      userErrors { field code message }
    }
  }
`;
const UPDATE_USER = `
  mutation ($input: UpdateScimUserInput!) {
    updateScimUser(input: $input) {
      scimUser { sentryId }
      deletedMemberId
      organization { members(first: 100) { nodes { sentryId } } }
      userErrors { field code message }
    }
  }
`;

describe('SCIM user mutations', () => {
  it('provision, patch and deprovision members; Organization.members follows at once', async () => {
    await using gateway = await startTestGateway();
    const created = await gateway.execute<{ provisionScimUser: Payload }>(PROVISION_USER, {
      input: { organizationSlug: 'acme', userName: 'scim.person@example.com', role: 'MANAGER' },
    });
    expect(created.errors).toBeUndefined();
    const user = created.data?.provisionScimUser['scimUser'] as ScimUserNode & {
      member: { pending: boolean };
    };
    expect(user).toMatchObject({ userName: 'scim.person@example.com', role: 'manager' });
    expect(user.member).toEqual({ email: 'scim.person@example.com', pending: true });
    const again = await gateway.execute<{ provisionScimUser: Payload }>(PROVISION_USER, {
      input: { organizationSlug: 'acme', userName: 'scim.person@example.com' },
    });
    expect(again.data?.provisionScimUser.userErrors.map((e) => e.code)).toEqual(['ALREADY_EXISTS']);

    const memberId = gid('Member', `acme/${user.sentryId}`);
    const kept = await gateway.execute<{ updateScimUser: Payload }>(UPDATE_USER, {
      input: { memberId, active: true },
    });
    expect(kept.data?.updateScimUser).toMatchObject({
      scimUser: { sentryId: user.sentryId },
      deletedMemberId: null,
    });

    await gateway.resetUpstreamStats();
    const removed = await gateway.execute<{ updateScimUser: Payload }>(UPDATE_USER, {
      input: { memberId, active: false },
    });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.updateScimUser['deletedMemberId']).toBe(memberId);
    const members =
      (
        removed.data?.updateScimUser['organization'] as
          | { members: Connection<{ sentryId: string }> }
          | undefined
      )?.members.nodes ?? [];
    expect(members.some((m) => m.sentryId === user.sentryId)).toBe(false);
    expect(writes(await gateway.upstreamStats())).toEqual({});
    expect((await gateway.upstreamRequests()).filter((r) => r.startsWith('PATCH'))).toEqual([
      'PATCH /api/0/organizations/{org}/scim/v2/Users/{member_id}',
    ]);

    const victim = acme(gateway).members.find(
      (m) => m.wire.orgRole === 'member' && m.userId !== null,
    );
    const victimId = gid('Member', `acme/${victim?.wire.id}`);
    const gone = await gateway.execute<{ deprovisionScimUser: Payload }>(DEPROVISION_USER, {
      input: { memberId: victimId },
    });
    expect(gone.data?.deprovisionScimUser['deletedMemberId']).toBe(victimId);
    const after =
      (
        gone.data?.deprovisionScimUser['organization'] as
          | {
              members: Connection<{ sentryId: string }>;
            }
          | undefined
      )?.members.nodes ?? [];
    expect(after.some((m) => m.sentryId === victim?.wire.id)).toBe(false);
    expect(
      (await rest(gateway, `/api/0/organizations/acme/members/${victim?.wire.id}/`)).status,
    ).toBe(404);
    const twice = await gateway.execute<{ deprovisionScimUser: Payload }>(DEPROVISION_USER, {
      input: { memberId: victimId },
    });
    expect(codes(twice.data?.deprovisionScimUser)).toEqual([
      { field: ['input', 'memberId'], code: 'NOT_FOUND' },
    ]);
  });

  it('refuses bad input without calling Sentry, and leaves scopes to Sentry', async () => {
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [{ token: 'local-demo-token', scopes: ['org:read', 'member:read'] }],
      },
    });
    await gateway.resetUpstreamStats();
    const bad = await gateway.execute<{ provisionScimUser: Payload }>(PROVISION_USER, {
      input: { organizationSlug: 'acme', userName: 'not-an-email' },
    });
    expect(codes(bad.data?.provisionScimUser)).toEqual([
      { field: ['input', 'userName'], code: 'INVALID_VALUE' },
    ]);
    const wrongType = await gateway.execute<{ deprovisionScimUser: Payload }>(DEPROVISION_USER, {
      input: { memberId: gid('Team', 'acme/1') },
    });
    expect(codes(wrongType.data?.deprovisionScimUser)).toEqual([
      { field: ['input', 'memberId'], code: 'WRONG_TYPE' },
    ]);
    await expectNoUpstreamCalls(gateway);
    const denied = await gateway.execute<{ provisionScimUser: Payload | null }>(PROVISION_USER, {
      input: { organizationSlug: 'acme', userName: 'ok@example.com' },
    });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

const PROVISION_GROUP = `
  mutation ($input: ProvisionScimGroupInput!) {
    provisionScimGroup(input: $input) {
      scimGroup { sentryId displayName members { sentryId } team { name } }
      userErrors { field code message }
    }
  }
`;
const UPDATE_GROUP = `
  mutation ($input: UpdateScimGroupInput!) {
    updateScimGroup(input: $input) {
      scimGroup { displayName members { sentryId } }
      userErrors { field code message }
    }
  }
`;
const DEPROVISION_GROUP = `
  mutation ($input: DeprovisionScimGroupInput!) {
    deprovisionScimGroup(input: $input) {
      deletedTeamId
      organization { teams(first: 100) { nodes { slug } } }
      userErrors { field code message }
    }
  }
`;

describe('SCIM group mutations', () => {
  it('provision, rename, fill and deprovision a team', async () => {
    await using gateway = await startTestGateway();
    const created = await gateway.execute<{ provisionScimGroup: Payload }>(PROVISION_GROUP, {
      input: { organizationSlug: 'acme', displayName: 'Data Platform' },
    });
    expect(created.errors).toBeUndefined();
    const group = created.data?.provisionScimGroup['scimGroup'] as ScimGroupNode & {
      team: { name: string };
    };
    expect(group).toMatchObject({
      displayName: 'data-platform',
      members: [],
      team: { name: 'Data Platform' },
    });
    const teamId = gid('Team', `acme/${group.sentryId}`);
    const [a, b] = acme(gateway).members.filter((m) => m.userId !== null);
    const member = (id: string | undefined) => gid('Member', `acme/${id}`);

    const filled = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: {
        teamId,
        displayName: 'Data Infra',
        addMemberIds: [member(a?.wire.id), member(b?.wire.id)],
      },
    });
    expect(filled.errors).toBeUndefined();
    expect(filled.data?.updateScimGroup['scimGroup']).toEqual({
      displayName: 'data-infra',
      members: [{ sentryId: a?.wire.id }, { sentryId: b?.wire.id }],
    });
    const removed = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: { teamId, removeMemberIds: [member(a?.wire.id)] },
    });
    expect(removed.data?.updateScimGroup['scimGroup']).toMatchObject({
      members: [{ sentryId: b?.wire.id }],
    });
    const replaced = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: { teamId, replaceMemberIds: [member(a?.wire.id)] },
    });
    expect(replaced.data?.updateScimGroup['scimGroup']).toMatchObject({
      members: [{ sentryId: a?.wire.id }],
    });
    expect(
      (await rest<{ memberCount: number }>(gateway, '/api/0/teams/acme/data-infra/')).body
        .memberCount,
    ).toBe(1);

    await gateway.resetUpstreamStats();
    const conflicting = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: { teamId, replaceMemberIds: [], addMemberIds: [member(b?.wire.id)] },
    });
    expect(codes(conflicting.data?.updateScimGroup)).toEqual([
      { field: ['input', 'replaceMemberIds'], code: 'CONFLICTING_FIELDS' },
    ]);
    const nothing = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: { teamId },
    });
    expect(codes(nothing.data?.updateScimGroup)).toEqual([
      { field: null, code: 'NOTHING_TO_CHANGE' },
    ]);
    const otherOrg = await gateway.execute<{ updateScimGroup: Payload }>(UPDATE_GROUP, {
      input: { teamId, addMemberIds: [gid('Member', 'globex/1')] },
    });
    expect(codes(otherOrg.data?.updateScimGroup)).toEqual([
      { field: ['input', 'addMemberIds', '0'], code: 'WRONG_ORGANIZATION' },
    ]);
    await expectNoUpstreamCalls(gateway);

    const gone = await gateway.execute<{ deprovisionScimGroup: Payload }>(DEPROVISION_GROUP, {
      input: { teamId },
    });
    expect(gone.data?.deprovisionScimGroup['deletedTeamId']).toBe(teamId);
    const teams =
      (
        gone.data?.deprovisionScimGroup['organization'] as
          | { teams: Connection<{ slug: string }> }
          | undefined
      )?.teams.nodes ?? [];
    expect(teams.some((t) => t.slug === 'data-infra')).toBe(false);
    const clash = await gateway.execute<{ provisionScimGroup: Payload }>(PROVISION_GROUP, {
      input: { organizationSlug: 'acme', displayName: acme(gateway).teams[0]?.wire.slug },
    });
    expect(clash.data?.provisionScimGroup.userErrors.map((e) => e.code)).toEqual([
      'ALREADY_EXISTS',
    ]);
  });
});

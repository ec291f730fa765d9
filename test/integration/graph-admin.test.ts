/**
 * Organization admin and integrations in the graph: Sentry App installations, external issues
 * (read and written), `updateOrganization`, `removeMember`, `Organization.users` and
 * `Release.resolvedIssues`, read back through REST and counted through /_local/stats.
 */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';
import { acme, codes, expectNoUpstreamCalls, gid, issueGid, rest } from './mutations-support.ts';

type Payload = {
  userErrors: { field: string[] | null; code: string; message: string }[];
} & Record<string, unknown>;
interface Link {
  sentryId: string;
  serviceType: string;
  displayName: string;
  url: string;
}

const INSTALLATIONS = `
  query ($issue: String!) {
    organization(slug: "acme") {
      appInstallations(first: 10) { nodes { uuid status appSlug appUuid sentryAppId } }
      issue(id: $issue) { externalIssues { sentryId serviceType displayName url } }
    }
  }
`;

const CREATE = `
  mutation ($input: CreateExternalIssueInput!) {
    createExternalIssue(input: $input) {
      externalIssue { sentryId serviceType displayName url }
      issue { annotations { displayName url } externalIssues { sentryId } }
      userErrors { field code message }
    }
  }
`;

const DELETE = `
  mutation ($input: DeleteExternalIssueInput!) {
    deleteExternalIssue(input: $input) {
      deletedExternalIssueId
      issue { externalIssues { sentryId } }
      userErrors { field code message }
    }
  }
`;

describe('Sentry App installations and external issues', () => {
  it('lists installations and an issue’s external issues, one call each', async () => {
    await using gateway = await startTestGateway();
    const issue = acme(gateway).issues.find((i) => (i.wire.sentryAppIssues ?? []).length > 0);
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: {
        appInstallations: { nodes: { uuid: string; appSlug: string; status: string }[] };
        issue: { externalIssues: Link[] };
      };
    }>(INSTALLATIONS, { issue: issue?.wire.id });
    expect(errors).toBeUndefined();
    expect(data?.organization.appInstallations.nodes[0]).toMatchObject({
      appSlug: 'linear',
      status: 'installed',
    });
    const link = issue?.wire.sentryAppIssues[0];
    expect(data?.organization.issue.externalIssues).toEqual([
      {
        sentryId: link?.id,
        serviceType: 'linear',
        displayName: link?.displayName,
        url: link?.webUrl,
      },
    ]);
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/issues/',
      'GET /api/0/organizations/{org}/issues/{issue_id}/external-issues/',
      'GET /api/0/organizations/{org}/sentry-app-installations/',
    ]);
  });

  it('creates and deletes an external issue; the issue shows it in the same operation', async () => {
    await using gateway = await startTestGateway();
    const issue = acme(gateway).issues.find((i) => (i.wire.sentryAppIssues ?? []).length === 0);
    if (!issue) throw new Error('no issue without links');
    const installs = await rest<{ uuid: string; app: { slug: string } }[]>(
      gateway,
      '/api/0/organizations/acme/sentry-app-installations/',
    );
    const install = installs.body.find((row) => row.app.slug !== 'linear');
    const input = {
      installationUuid: install?.uuid,
      issueId: issueGid(issue),
      webUrl: 'https://tracker.example.com/OPS/9',
      project: 'OPS',
      identifier: '9',
    };
    const created = await gateway.execute<{ createExternalIssue: Payload }>(CREATE, { input });
    expect(created.errors).toBeUndefined();
    const payload = created.data?.createExternalIssue;
    const link = payload?.['externalIssue'] as Link;
    expect(link).toMatchObject({
      serviceType: install?.app.slug,
      displayName: 'OPS#9',
      url: input.webUrl,
    });
    expect(payload?.['issue']).toEqual({
      annotations: [{ displayName: 'OPS#9', url: input.webUrl }],
      externalIssues: [{ sentryId: link.sentryId }],
    });

    await gateway.resetUpstreamStats();
    for (const bad of [
      { ...input, installationUuid: 'nope' },
      { ...input, webUrl: 'ftp://x' },
      { ...input, identifier: '' },
      { ...input, issueId: gid('Project', 'acme/1') },
    ]) {
      const refused = await gateway.execute<{ createExternalIssue: Payload }>(CREATE, {
        input: bad,
      });
      expect(refused.data?.createExternalIssue.userErrors).toHaveLength(1);
    }
    await expectNoUpstreamCalls(gateway);
    const unknown = await gateway.execute<{ createExternalIssue: Payload }>(CREATE, {
      input: { ...input, installationUuid: '00000000-0000-4000-8000-000000000000' },
    });
    expect(codes(unknown.data?.createExternalIssue)).toEqual([
      { field: ['input', 'issueId'], code: 'NOT_FOUND' },
    ]);

    const removed = await gateway.execute<{ deleteExternalIssue: Payload }>(DELETE, {
      input: {
        installationUuid: install?.uuid,
        externalIssueId: link.sentryId,
        issueId: issueGid(issue),
      },
    });
    expect(removed.data?.deleteExternalIssue).toMatchObject({
      deletedExternalIssueId: link.sentryId,
      issue: { externalIssues: [] },
      userErrors: [],
    });
    const again = await gateway.execute<{ deleteExternalIssue: Payload }>(DELETE, {
      input: {
        installationUuid: install?.uuid,
        externalIssueId: link.sentryId,
        issueId: issueGid(issue),
      },
    });
    expect(codes(again.data?.deleteExternalIssue)).toEqual([
      { field: ['input', 'externalIssueId'], code: 'NOT_FOUND' },
    ]);
  });
});

const UPDATE_ORG = `
  mutation ($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      organization { slug name }
      userErrors { field code message }
    }
  }
`;
const REMOVE_MEMBER = `
  mutation ($input: RemoveMemberInput!) {
    removeMember(input: $input) { deletedMemberId userErrors { field code message } }
  }
`;

describe('organization admin', () => {
  it('updates the organization and removes a member, sending nothing on bad input', async () => {
    await using gateway = await startTestGateway();
    const renamed = await gateway.execute<{ updateOrganization: Payload }>(UPDATE_ORG, {
      input: { slug: 'acme', name: 'Acme Widgets', defaultRole: 'MEMBER' },
    });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.updateOrganization['organization']).toEqual({
      slug: 'acme',
      name: 'Acme Widgets',
    });
    expect((await rest<{ name: string }>(gateway, '/api/0/organizations/acme/')).body.name).toBe(
      'Acme Widgets',
    );

    await gateway.resetUpstreamStats();
    const nothing = await gateway.execute<{ updateOrganization: Payload }>(UPDATE_ORG, {
      input: { slug: 'acme' },
    });
    expect(codes(nothing.data?.updateOrganization)).toEqual([
      { field: null, code: 'NOTHING_TO_CHANGE' },
    ]);
    const badSlug = await gateway.execute<{ updateOrganization: Payload }>(UPDATE_ORG, {
      input: { slug: 'acme', newSlug: 'no spaces' },
    });
    expect(codes(badSlug.data?.updateOrganization)).toEqual([
      { field: ['input', 'newSlug'], code: 'INVALID_VALUE' },
    ]);
    const badId = await gateway.execute<{ removeMember: Payload }>(REMOVE_MEMBER, {
      input: { id: 'nope' },
    });
    expect(codes(badId.data?.removeMember)).toEqual([
      { field: ['input', 'id'], code: 'INVALID_ID' },
    ]);
    await expectNoUpstreamCalls(gateway);

    const victim = acme(gateway).members.find(
      (m) => m.wire.orgRole === 'member' && m.userId !== null,
    );
    const id = gid('Member', `acme/${victim?.wire.id}`);
    const removed = await gateway.execute<{ removeMember: Payload }>(REMOVE_MEMBER, {
      input: { id },
    });
    expect(removed.data?.removeMember).toEqual({ deletedMemberId: id, userErrors: [] });
    expect(
      (await rest(gateway, `/api/0/organizations/acme/members/${victim?.wire.id}/`)).status,
    ).toBe(404);
    const twice = await gateway.execute<{ removeMember: Payload }>(REMOVE_MEMBER, {
      input: { id },
    });
    expect(codes(twice.data?.removeMember)).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND' },
    ]);
  });

  it('lists the organization’s users with their projects, and a release’s resolved issues', async () => {
    await using gateway = await startTestGateway();
    const org = acme(gateway);
    const release = org.releases.find((r) =>
      org.issues.some(
        (i) => i.wire.status === 'resolved' && i.wire.statusDetails.inRelease === r.wire.version,
      ),
    );
    const resolved = org.issues.filter(
      (i) =>
        i.wire.status === 'resolved' && i.wire.statusDetails.inRelease === release?.wire.version,
    );
    const project = gateway.sentry.data.projectsById.get(resolved[0]?.projectId ?? '');
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: {
        users: { nodes: { member: { email: string }; projectSlugs: string[] }[] };
        release: { resolvedIssues: { sentryId: string; status: string }[] };
      };
    }>(
      `query ($version: String!, $project: String!) {
        organization(slug: "acme") {
          users(first: 100) { nodes { member { email } projectSlugs } }
          release(version: $version) { resolvedIssues(project: $project) { sentryId status } }
        }
      }`,
      { version: release?.wire.version, project: project?.wire.slug },
    );
    expect(errors).toBeUndefined();
    const withAccounts = org.members.filter((m) => m.userId !== null);
    expect(data?.organization.users.nodes.map((n) => n.member.email).sort()).toEqual(
      withAccounts.map((m) => m.wire.email).sort(),
    );
    expect(data?.organization.users.nodes.some((n) => n.projectSlugs.length > 0)).toBe(true);
    expect(data?.organization.release.resolvedIssues.map((i) => i.sentryId).sort()).toEqual(
      resolved
        .filter((i) => i.projectId === project?.wire.id)
        .map((i) => i.wire.id)
        .sort(),
    );
    expect(data?.organization.release.resolvedIssues.every((i) => i.status === 'RESOLVED')).toBe(
      true,
    );
    const bad = await gateway.execute(
      `{ organization(slug: "acme") { release(version: "${release?.wire.version}") { resolvedIssues(project: "a b") { sentryId } } } }`,
    );
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

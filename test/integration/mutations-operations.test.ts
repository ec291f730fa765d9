/**
 * The triage and release operations in schema/operations/ (mutations) cost exactly the REST calls
 * their files state, report no user errors, and change what Sentry stores.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { acme, rest } from './mutations-support.ts';

function operation(file: string) {
  const text = readFileSync(new URL(`../../schema/operations/${file}`, import.meta.url), 'utf8');
  const restCalls = Number(/^# @restCalls (\d+)$/m.exec(text)?.[1]);
  const variables = JSON.parse(/^# @variables (.+)$/m.exec(text)?.[1] ?? '{}') as Record<
    string,
    unknown
  >;
  return { text, restCalls, variables };
}

/** Runs an operation file from a clean count and checks its stated cost; returns its data. */
async function runCosted(
  gateway: TestGateway,
  file: string,
  fixtures: Record<string, unknown> = {},
): Promise<Record<string, { userErrors: unknown[] } & Record<string, unknown>>> {
  const { text, restCalls, variables } = operation(file);
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' && value.startsWith('$'))
      variables[name] = fixtures[value.slice(1)];
  }
  await gateway.resetUpstreamStats();
  const { data, errors, extensions } = await gateway.execute(text, variables);
  expect(errors, file).toBeUndefined();
  const stats = await gateway.upstreamStats();
  expect({ file, requests: stats.requests }).toEqual({ file, requests: restCalls });
  expect(extensions?.['restCalls'], file).toBe(restCalls);
  const payloads = data as Record<string, { userErrors: unknown[] } & Record<string, unknown>>;
  for (const payload of Object.values(payloads)) expect(payload.userErrors, file).toEqual([]);
  return payloads;
}

describe('schema/operations mutations', () => {
  it('triage-issue.graphql archives and assigns the issue for its stated cost', async () => {
    await using gateway = await startTestGateway();
    await runCosted(gateway, 'triage-issue.graphql');
    const { body } = await rest(gateway, '/api/0/organizations/acme/issues/6100000001/');
    expect(body).toMatchObject({
      status: 'ignored',
      substatus: 'archived_until_escalating',
      priority: 'high',
      assignedTo: { type: 'team', id: '300001' },
    });
    // Running it again costs the same.
    await runCosted(gateway, 'triage-issue.graphql');
  });

  it('triage-bulk.graphql resolves both issues for its stated cost', async () => {
    await using gateway = await startTestGateway();
    const data = await runCosted(gateway, 'triage-bulk.graphql');
    expect(data['updateIssues']?.['issues']).toHaveLength(2);
    for (const id of ['6100000001', '6100000006']) {
      const { body } = await rest(gateway, `/api/0/organizations/acme/issues/${id}/`);
      expect(body).toMatchObject({ status: 'resolved', isBookmarked: false });
    }
    await runCosted(gateway, 'triage-bulk.graphql');
  });

  it('release-create.graphql creates the release for its stated cost, also when it exists', async () => {
    await using gateway = await startTestGateway();
    await runCosted(gateway, 'release-create.graphql');
    const { status, body } = await rest(
      gateway,
      `/api/0/organizations/acme/releases/${encodeURIComponent('backend@9.9.9-ci')}/`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ ref: 'v9.9.9', commitCount: 1 });
    await runCosted(gateway, 'release-create.graphql');
  });

  it('release-deploy.graphql records the deploy for its stated cost', async () => {
    await using gateway = await startTestGateway();
    const release = acme(gateway).releases.find((r) => r.deploys.length > 0);
    if (!release) throw new Error('no release with deploys');
    const version = release.wire.version;
    const before = release.wire.deployCount;
    const data = await runCosted(gateway, 'release-deploy.graphql', { VERSION: version });
    expect(data['createDeploy']?.['release']).toMatchObject({ deployCount: before + 1 });
    const { body } = await rest<{ environment: string }[]>(
      gateway,
      `/api/0/organizations/acme/releases/${encodeURIComponent(version)}/deploys/`,
    );
    expect(body.map((deploy) => deploy.environment)).toContain('staging');
  });
});

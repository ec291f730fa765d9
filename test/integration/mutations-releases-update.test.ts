/** updateRelease, createDeploy and deleteRelease against the local Sentry, read back via REST. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import { CreateRelease, releasePath, VERSION } from './mutations-releases-support.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  rest,
  withFaults,
  writes,
} from './mutations-support.ts';

const UpdateRelease = graphql(`
  mutation TestUpdateRelease($input: UpdateReleaseInput!) {
    updateRelease(input: $input) {
      release {
        version
        ref
        url
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteRelease = graphql(`
  mutation TestDeleteRelease($input: DeleteReleaseInput!) {
    deleteRelease(input: $input) {
      deletedReleaseId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const CreateDeploy = graphql(`
  mutation TestCreateDeploy($input: CreateDeployInput!) {
    createDeploy(input: $input) {
      deploy {
        environment
        name
        url
      }
      release {
        version
        deployCount
        lastDeploy {
          environment
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

describe('updateRelease, createDeploy and deleteRelease', () => {
  it('updates a release named by organization and version', async () => {
    await using gateway = await startTestGateway();
    const release = acme(gateway).releases[0];
    if (!release) throw new Error('no release');
    const version = release.wire.version;
    const { data, errors } = await gateway.execute(UpdateRelease, {
      input: {
        organizationSlug: 'acme',
        version,
        ref: 'refs/tags/next',
        url: 'https://ci.example.com/r/1',
        status: 'ARCHIVED',
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.updateRelease).toEqual({
      release: {
        version,
        ref: 'refs/tags/next',
        url: 'https://ci.example.com/r/1',
        status: 'archived',
      },
      userErrors: [],
    });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'PUT /api/0/organizations/{org}/releases/{version}/': 1,
    });
    expect((await rest(gateway, releasePath(version))).body).toMatchObject({
      ref: 'refs/tags/next',
      url: 'https://ci.example.com/r/1',
      status: 'archived',
    });
  });

  it('updates a release named by its id, and clears a field with null', async () => {
    await using gateway = await startTestGateway();
    const release = acme(gateway).releases[0];
    if (!release) throw new Error('no release');
    const version = release.wire.version;
    const { data } = await gateway.execute(UpdateRelease, {
      input: { id: gid('Release', `acme/${version}`), url: null },
    });
    expect(data?.updateRelease?.userErrors).toEqual([]);
    expect((await rest(gateway, releasePath(version))).body).toMatchObject({ url: null });
  });

  const locators: [string, Record<string, unknown>, unknown[]][] = [
    [
      'both ways of naming the release',
      { id: gid('Release', 'acme/x'), organizationSlug: 'acme', version: 'x' },
      [{ field: ['input', 'id'], code: 'CONFLICTING_FIELDS' }],
    ],
    [
      'a version without organization',
      { version: 'x' },
      [{ field: ['input', 'organizationSlug'], code: 'MISSING_FIELD' }],
    ],
    ['no release at all', {}, [{ field: ['input'], code: 'MISSING_FIELD' }]],
    [
      'an Issue id',
      { id: gid('Issue', 'acme/1') },
      [{ field: ['input', 'id'], code: 'WRONG_TYPE' }],
    ],
  ];
  for (const [name, locator, expected] of locators) {
    it(`refuses ${name} before any upstream call`, async () => {
      await using gateway = await startTestGateway();
      const { data } = await gateway.execute(UpdateRelease, { input: { ...locator, ref: 'x' } });
      expect(codes(data?.updateRelease)).toEqual(expected);
      await expectNoUpstreamCalls(gateway);
    });
  }

  it('records a deploy and shows the release with it', async () => {
    await using gateway = await startTestGateway();
    const release = acme(gateway).releases[0];
    if (!release) throw new Error('no release');
    const version = release.wire.version;
    const before = release.wire.deployCount;
    const { data, errors } = await gateway.execute(CreateDeploy, {
      input: {
        organizationSlug: 'acme',
        version,
        environment: 'canary',
        name: 'deploy 42',
        url: 'https://ci.example.com/deploys/42',
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.createDeploy).toEqual({
      deploy: {
        environment: 'canary',
        name: 'deploy 42',
        url: 'https://ci.example.com/deploys/42',
      },
      release: { version, deployCount: before + 1, lastDeploy: { environment: 'canary' } },
      userErrors: [],
    });
    const stats = await gateway.upstreamStats();
    expect(writes(stats)).toEqual({
      'POST /api/0/organizations/{org}/releases/{version}/deploys/': 1,
    });
    expect(stats.requests).toBe(2);
    const deploys = await rest<{ environment: string }[]>(
      gateway,
      `${releasePath(version)}deploys/`,
    );
    expect(deploys.body.map((deploy) => deploy.environment)).toContain('canary');
  });

  it('refuses a bad environment and a start after the finish', async () => {
    await using gateway = await startTestGateway();
    const { data } = await gateway.execute(CreateDeploy, {
      input: {
        organizationSlug: 'acme',
        version: 'backend@1.0.0',
        environment: 'prod uction',
        startedAt: '2026-10-02T00:00:00Z',
        finishedAt: '2026-10-01T00:00:00Z',
      },
    });
    expect(codes(data?.createDeploy)).toEqual([
      { field: ['input', 'environment'], code: 'INVALID_VALUE' },
      { field: ['input', 'startedAt'], code: 'CONFLICTING_FIELDS' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });

  it('reports a deploy that failed and sends it once', async () => {
    await using gateway = await startTestGateway(
      withFaults({ 'POST /api/0/organizations/{org}/releases/{version}/deploys/': 'reset' }),
    );
    const release = acme(gateway).releases[0];
    if (!release) throw new Error('no release');
    const { errors } = await gateway.execute(CreateDeploy, {
      input: { organizationSlug: 'acme', version: release.wire.version, environment: 'canary' },
    });
    expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/organizations/{org}/releases/{version}/deploys/': 1,
    });
  });

  it('deletes a release nothing refers to, and reports one in use', async () => {
    await using gateway = await startTestGateway();
    await gateway.execute(CreateRelease, {
      input: { organizationSlug: 'acme', version: VERSION, projects: ['backend'] },
    });
    const { data } = await gateway.execute(DeleteRelease, {
      input: { organizationSlug: 'acme', version: VERSION },
    });
    expect(data?.deleteRelease).toEqual({
      deletedReleaseId: gid('Release', `acme/${VERSION}`),
      userErrors: [],
    });
    expect((await rest(gateway, releasePath(VERSION))).status).toBe(404);

    const used = acme(gateway).issues.find((issue) => issue.firstRelease !== null)?.firstRelease;
    if (!used) throw new Error('no release in use');
    const refused = await gateway.execute(DeleteRelease, {
      input: { organizationSlug: 'acme', version: used },
    });
    expect(codes(refused.data?.deleteRelease)).toEqual([{ field: null, code: 'REJECTED' }]);
    expect((await rest(gateway, releasePath(used))).status).toBe(200);

    const missing = await gateway.execute(DeleteRelease, {
      input: { organizationSlug: 'acme', version: 'never@0' },
    });
    expect(codes(missing.data?.deleteRelease)).toEqual([
      { field: ['input', 'version'], code: 'NOT_FOUND' },
    ]);
  });
});

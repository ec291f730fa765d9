/**
 * Release tooling mutations against the local Sentry: each write is read back through REST,
 * refused input costs no upstream call, and a failed write is reported and sent once.
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
  rest,
  withFaults,
  writes,
} from './mutations-support.ts';

const CreateRelease = graphql(`
  mutation TestCreateRelease($input: CreateReleaseInput!) {
    createRelease(input: $input) {
      release {
        id
        version
        ref
        url
        releasedAt
        commitCount
        projects {
          slug
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

const VERSION = 'backend@9.0.0-graphql';
const releasePath = (version: string) =>
  `/api/0/organizations/acme/releases/${encodeURIComponent(version)}/`;

describe('createRelease', () => {
  it('creates a release with projects, ref, url, date and commits in one call', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(CreateRelease, {
      input: {
        organizationSlug: 'acme',
        version: VERSION,
        projects: ['backend'],
        ref: 'v9.0.0',
        url: 'https://github.com/acme/backend/releases/tag/v9.0.0',
        dateReleased: '2026-10-01T12:00:00.000Z',
        commits: [
          {
            id: 'a'.repeat(40),
            repository: 'acme/backend',
            message: 'Fix the checkout',
            authorName: 'Ada Adams',
            authorEmail: 'ada.adams@acme.com',
          },
          { id: 'b'.repeat(40), repository: 'acme/backend', message: 'Bump version' },
        ],
      },
    });

    expect(errors).toBeUndefined();
    expect(data?.createRelease).toEqual({
      release: {
        id: gid('Release', `acme/${VERSION}`),
        version: VERSION,
        ref: 'v9.0.0',
        url: 'https://github.com/acme/backend/releases/tag/v9.0.0',
        releasedAt: '2026-10-01T12:00:00.000Z',
        commitCount: 2,
        projects: [{ slug: 'backend' }],
      },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 1,
      byRoute: { 'POST /api/0/organizations/{org}/releases/': 1 },
    });
    const stored = await rest(gateway, releasePath(VERSION));
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      version: VERSION,
      ref: 'v9.0.0',
      commitCount: 2,
      projects: [expect.objectContaining({ slug: 'backend' })],
    });
    const commits = await rest<{ id: string }[]>(gateway, `${releasePath(VERSION)}commits/`);
    expect(commits.body.map((commit) => commit.id).sort()).toEqual([
      'a'.repeat(40),
      'b'.repeat(40),
    ]);
  });

  const refused: [string, Record<string, unknown>, unknown[]][] = [
    [
      'a version with a slash',
      { version: 'a/b' },
      [{ field: ['input', 'version'], code: 'INVALID_VALUE' }],
    ],
    [
      'the version "latest"',
      { version: 'latest' },
      [{ field: ['input', 'version'], code: 'INVALID_VALUE' }],
    ],
    ['no projects', { projects: [] }, [{ field: ['input', 'projects'], code: 'EMPTY_LIST' }]],
    [
      'a bad project slug',
      { projects: ['back end'] },
      [{ field: ['input', 'projects', '0'], code: 'INVALID_VALUE' }],
    ],
    [
      'a relative url',
      { url: '/releases/1' },
      [{ field: ['input', 'url'], code: 'INVALID_VALUE' }],
    ],
    [
      'a commit without an id',
      { commits: [{ id: '' }] },
      [{ field: ['input', 'commits', '0', 'id'], code: 'INVALID_VALUE' }],
    ],
  ];
  for (const [name, change, expected] of refused) {
    it(`refuses ${name} before any upstream call`, async () => {
      await using gateway = await startTestGateway();
      const { data } = await gateway.execute(CreateRelease, {
        input: { organizationSlug: 'acme', version: VERSION, projects: ['backend'], ...change },
      });
      expect(data?.createRelease?.release).toBeNull();
      expect(codes(data?.createRelease)).toEqual(expected);
      await expectNoUpstreamCalls(gateway);
    });
  }

  it('reports a project Sentry does not know as its user error', async () => {
    await using gateway = await startTestGateway();
    const { data } = await gateway.execute(CreateRelease, {
      input: { organizationSlug: 'acme', version: VERSION, projects: ['no-such-project'] },
    });
    expect(codes(data?.createRelease)).toEqual([
      { field: ['input', 'projects'], code: 'REJECTED' },
    ]);
    expect((await rest(gateway, releasePath(VERSION))).status).toBe(404);
  });

  for (const fault of [503, 'reset'] as const) {
    it(`reports a create that failed with ${fault} and sends it once`, async () => {
      await using gateway = await startTestGateway(
        withFaults({ 'POST /api/0/organizations/{org}/releases/': fault }),
      );
      const { data, errors } = await gateway.execute(CreateRelease, {
        input: { organizationSlug: 'acme', version: VERSION, projects: ['backend'] },
      });
      expect(data?.createRelease).toBeNull();
      expect(errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
      expect(await gateway.upstreamStats()).toEqual({
        requests: 1,
        byRoute: { 'POST /api/0/organizations/{org}/releases/': 1 },
      });
    });
  }

  it('is FORBIDDEN for a token without a release scope, and nothing is created', async () => {
    const scopes = ALL_SCOPES.filter(
      (scope) => !['project:releases', 'project:write', 'project:admin', 'org:ci'].includes(scope),
    );
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [
          { token: 'local-demo-token', scopes: [...ALL_SCOPES] },
          { token: 'no-releases', scopes },
        ],
      },
    });
    const { data, errors } = await gateway.execute(
      CreateRelease,
      { input: { organizationSlug: 'acme', version: VERSION, projects: ['backend'] } },
      { token: 'no-releases' },
    );
    expect(data?.createRelease).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await rest(gateway, releasePath(VERSION))).status).toBe(404);
  });
});

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

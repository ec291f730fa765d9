/** createRelease against the local Sentry: one call, read back via REST, user errors, scopes. */
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import { CreateRelease, releasePath, VERSION } from './mutations-releases-support.ts';
import { codes, expectNoUpstreamCalls, gid, rest, withFaults } from './mutations-support.ts';

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

/** The error contract (DESIGN.md contract 5): codes, partial data, and nothing sent for bad input. */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const ISSUES_ROUTE = 'GET /api/0/organizations/{org}/issues/';
const RELEASES_ROUTE = 'GET /api/0/organizations/{org}/releases/';

describe('errors', () => {
  it('reports NOT_FOUND on the missing field only, siblings intact', async () => {
    await using gateway = await startTestGateway();
    const { status, data, errors } = await gateway.execute(/* GraphQL */ `
      query MissingProjectAndRelease {
        organization(slug: "acme") {
          name
          project(slug: "no-such-project") { name }
          release(version: "no-such-release@0.0.0") { version createdAt }
          teams(first: 1) { nodes { slug } }
        }
      }
    `);
    expect(status).toBe(200);
    expect(data).toMatchObject({
      organization: { name: 'Acme Corp', project: null, release: null, teams: { nodes: [{}] } },
    });
    expect(errors).toHaveLength(2);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['organization', 'project'],
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
        expect.objectContaining({
          path: ['organization', 'release'],
          extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
        }),
      ]),
    );
  });

  it('nulls an unknown organization with NOT_FOUND when a field needs it', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(`{ organization(slug: "nope") { slug name } }`);
    expect(data).toEqual({ organization: null });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
  });

  it('answers UNAUTHENTICATED without a token, before calling Sentry', async () => {
    await using gateway = await startTestGateway();
    const { status, data, errors } = await gateway.execute(
      `{ organizations { nodes { slug } } }`,
      {},
      { token: null },
    );
    expect(status).toBe(200);
    expect(data).toEqual({ organizations: null });
    expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('maps Sentry 401 for an unknown token to UNAUTHENTICATED', async () => {
    await using gateway = await startTestGateway();
    const { errors } = await gateway.execute(
      `{ organizations { nodes { slug } } }`,
      {},
      { token: 'not-a-token' },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstreamStatus: 401 });
  });

  it('maps Sentry 403 to FORBIDDEN', async () => {
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [
          {
            token: 'globex-only',
            scopes: ['org:read', 'project:read', 'event:read'],
            organizations: ['globex'],
          },
        ],
      },
    });
    const { data, errors } = await gateway.execute(
      `{ organization(slug: "acme") { issues(first: 1) { nodes { shortId } } } }`,
      {},
      { token: 'globex-only' },
    );
    expect(data).toEqual({ organization: { issues: null } });
    expect(errors?.[0]).toMatchObject({
      path: ['organization', 'issues'],
      extensions: { code: 'FORBIDDEN', upstreamStatus: 403 },
    });
  });

  it('maps Sentry 429 to RATE_LIMITED with retryAfter', async () => {
    await using gateway = await startTestGateway({
      localSentry: { rateLimit: { limit: 1, windowSeconds: 3600, concurrentLimit: 25 } },
    });
    // Another client of the token spends the budget, so the gateway's call meets Sentry's 429.
    await fetch(`${gateway.sentry.url}/api/0/organizations/acme/issues/`, {
      headers: { authorization: `Bearer ${gateway.sentry.token}` },
    });
    const query = `{ organization(slug: "acme") { issues(first: 1) { nodes { shortId } } } }`;
    const { data, errors } = await gateway.execute(query);
    expect(data).toEqual({ organization: { issues: null } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', upstreamStatus: 429 });
    expect(errors?.[0]?.extensions?.['retryAfter']).toEqual(expect.any(Number));
    // The next one is refused without a call: no status of Sentry's to report.
    const again = await gateway.execute(query);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(again.errors?.[0]?.extensions).not.toHaveProperty('upstreamStatus');
  });

  it('reports a Sentry 5xx as UPSTREAM_ERROR and keeps sibling data', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { [ISSUES_ROUTE]: 503 } },
    });
    const { status, data, errors } = await gateway.execute(/* GraphQL */ `
      query UpstreamFaultOnIssues {
        organization(slug: "acme") {
          name
          issues(first: 2) { nodes { title } }
          projects(first: 2) { nodes { slug } }
        }
      }
    `);
    expect(status).toBe(200);
    expect(data).toMatchObject({
      organization: { name: 'Acme Corp', issues: null, projects: { nodes: [{}, {}] } },
    });
    expect(errors).toMatchObject([
      {
        path: ['organization', 'issues'],
        extensions: { code: 'UPSTREAM_ERROR', upstreamStatus: 503 },
      },
    ]);
    expect(errors?.[0]?.extensions).not.toHaveProperty('http');
  });

  it('reports malformed upstream bodies and resets as UPSTREAM_ERROR', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { [ISSUES_ROUTE]: 'malformed', [RELEASES_ROUTE]: 'reset' } },
    });
    const { data, errors } = await gateway.execute(/* GraphQL */ `
      query MalformedAndReset { organization(slug: "acme") { slug issues(first: 1) { totalCount } releases(first: 1) { totalCount } } }
    `);
    expect(data).toEqual({ organization: { slug: 'acme', issues: null, releases: null } });
    // Neither had an HTTP status of its own to report: no invented 502.
    expect(errors?.map((error) => error.extensions)).toEqual([
      { code: 'UPSTREAM_ERROR' },
      { code: 'UPSTREAM_ERROR' },
    ]);
  });

  it('reports a timeout as UPSTREAM_ERROR without an upstreamStatus', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { [ISSUES_ROUTE]: 'slow' } },
      gateway: { upstreamOptions: { retry: { attempts: 1 }, timeouts: { bodyMs: 50 } } },
    });
    const { status, data, errors } = await gateway.execute(
      `{ organization(slug: "acme") { slug issues(first: 1) { totalCount } } }`,
    );
    expect(status).toBe(200);
    expect(data).toEqual({ organization: { slug: 'acme', issues: null } });
    expect(errors).toMatchObject([
      { path: ['organization', 'issues'], extensions: { code: 'UPSTREAM_ERROR' } },
    ]);
    expect(errors?.[0]?.extensions).not.toHaveProperty('upstreamStatus');
  });

  it('refuses bad page sizes and cursors with BAD_USER_INPUT and sends nothing', async () => {
    await using gateway = await startTestGateway();
    for (const args of [
      'first: 0',
      'first: 101',
      'first: -1',
      'last: 5',
      'before: "x"',
      'after: "garbage!"',
    ]) {
      const { data, errors } = await gateway.execute(
        `{ organization(slug: "acme") { issues(${args}) { totalCount } } }`,
      );
      expect(data, args).toEqual({ organization: { issues: null } });
      expect(errors?.[0]?.extensions?.['code'], args).toBe('BAD_USER_INPUT');
    }
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('refuses malformed global ids with BAD_USER_INPUT and sends nothing', async () => {
    await using gateway = await startTestGateway();
    const ids = [
      'garbage',
      '!!!',
      encodeGlobalId('Issue', 'acme/not-a-number'),
      encodeGlobalId('Issue', '../x/1'),
      encodeGlobalId('Nope', 'acme/1'),
      encodeGlobalId('Project', 'acme/../1'),
    ];
    for (const id of ids) {
      const { data, errors } = await gateway.execute(`query ($id: ID!) { node(id: $id) { id } }`, {
        id,
      });
      expect(data, id).toEqual({ node: null });
      expect(errors?.[0]?.extensions?.['code'], id).toBe('BAD_USER_INPUT');
    }
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('refuses hostile slugs without a request, and keeps odd versions inside their path segment', async () => {
    await using gateway = await startTestGateway();
    for (const slug of ['../', '..', '%2F', 'acme/../globex', 'acme?x=1', 'acme#']) {
      const { errors } = await gateway.execute(
        `query ($slug: String!) { organization(slug: $slug) { name } }`,
        { slug },
      );
      expect(errors?.[0]?.extensions?.['code'], slug).toBe('BAD_USER_INPUT');
      const project = await gateway.execute(
        `query ($slug: String!) { organization(slug: "acme") { project(slug: $slug) { name } } }`,
        { slug },
      );
      expect(project.errors?.[0]?.extensions?.['code'], slug).toBe('BAD_USER_INPUT');
    }
    expect((await gateway.upstreamStats()).requests).toBe(0);

    const { data, errors } = await gateway.execute(
      `{ organization(slug: "acme") { release(version: "1.0?x=%2F#y") { version } } }`,
    );
    expect(data).toEqual({ organization: { release: null } });
    expect(errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/releases/{version}/',
    ]);
  });

  it('refuses an operation past the cost limit with QUERY_TOO_EXPENSIVE before calling Sentry', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(/* GraphQL */ `
      query TooExpensive {
        organizations(first: 100) {
          nodes {
            projects(first: 100) {
              nodes { issues(first: 100) { nodes { latestEvent { exception { values { type } } } } } }
            }
          }
        }
      }
    `);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_EXPENSIVE');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('reports the REST calls an operation made in extensions', async () => {
    await using gateway = await startTestGateway();
    const { extensions } = await gateway.execute(`{ organization(slug: "acme") { name } }`);
    expect(extensions).toMatchObject({ restCalls: 1 });
  });
});

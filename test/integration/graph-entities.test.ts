/**
 * Federation `_entities` and `nodes(ids:)` item by item: a bad item is null with its own error,
 * its siblings still load (batched), and nothing is left rejected for the process to die of.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const ENTITIES = `query ($r: [_Any!]!) {
  _entities(representations: $r) {
    __typename
    ... on Project { slug name }
    ... on Issue { shortId isUnhandled }
    ... on Organization { slug name }
  }
}`;
const PROJECTS_ROUTE = 'GET /api/0/organizations/{org}/projects/';
const ISSUES_ROUTE = 'GET /api/0/organizations/{org}/issues/';

interface Ids {
  projects: { id: string; sentryId: string; slug: string }[];
  issues: { id: string; sentryId: string; shortId: string }[];
}

async function seededIds(gateway: TestGateway): Promise<Ids> {
  const { data } = await gateway.execute<{
    organization: { projects: { nodes: Ids['projects'] }; issues: { nodes: Ids['issues'] } };
  }>(`{ organization(slug: "acme") {
    projects(first: 2) { nodes { id sentryId slug } }
    issues(first: 2) { nodes { id sentryId shortId } } } }`);
  await gateway.resetUpstreamStats();
  return {
    projects: data?.organization.projects.nodes ?? [],
    issues: data?.organization.issues.nodes ?? [],
  };
}

describe('_entities', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    // A rejection nobody handles is reported after the microtasks of its tick have run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('answers a missing project and an unknown type item by item, with or without a token', async () => {
    await using gateway = await startTestGateway();
    const representations = [
      { __typename: 'Project', organizationSlug: 'acme', slug: 'does-not-exist' },
      { __typename: 'Nope' },
    ];
    for (const token of [undefined, null]) {
      const { status, data, errors } = await gateway.execute(
        ENTITIES,
        { r: representations },
        { token },
      );
      expect(status).toBe(200);
      expect(data).toEqual({ _entities: [null, null] });
      expect(errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual(
        expect.arrayContaining([
          [['_entities', 0], token === null ? 'UNAUTHENTICATED' : 'NOT_FOUND'],
          [['_entities', 1], 'BAD_USER_INPUT'],
        ]),
      );
      expect(errors).toHaveLength(2);
    }
  });

  it('refuses malformed representations one by one and still loads the good ones in one call', async () => {
    await using gateway = await startTestGateway();
    const { projects } = await seededIds(gateway);
    const [first, second] = projects;
    const bad: unknown[] = [
      5,
      'Project',
      [],
      { slug: 'acme' },
      { __typename: 'Query' },
      { __typename: 'Team', organizationSlug: 'acme', slug: 'backend' },
      { __typename: 'Project', organizationSlug: 'acme' },
      { __typename: 'Project', organizationSlug: 'acme', sentryId: 42 },
      { __typename: 'Project', organizationSlug: ['acme'], slug: 'backend' },
      { __typename: 'Project', organizationSlug: 'acme', slug: '../x' },
      { __typename: 'Organization', slug: '%2F' },
      { __typename: 'Organization', slug: null },
    ];
    const representations = [
      { __typename: 'Project', organizationSlug: 'acme', sentryId: first?.sentryId },
      ...bad,
      { __typename: 'Project', organizationSlug: 'acme', sentryId: second?.sentryId },
    ];
    const { data, errors } = await gateway.execute<{ _entities: unknown[] }>(ENTITIES, {
      r: representations,
    });
    expect(data?._entities[0]).toEqual({
      __typename: 'Project',
      slug: first?.slug,
      name: expect.any(String),
    });
    expect(data?._entities.at(-1)).toMatchObject({ __typename: 'Project', slug: second?.slug });
    expect(data?._entities.slice(1, -1)).toEqual(bad.map(() => null));
    expect(errors?.map((error) => Number(error.path?.[1])).sort((a, b) => a - b)).toEqual(
      bad.map((_, index) => index + 1),
    );
    expect(new Set(errors?.map((error) => error.extensions?.['code']))).toEqual(
      new Set(['BAD_USER_INPUT']),
    );
    expect(await gateway.upstreamRequests()).toEqual([PROJECTS_ROUTE]);
  });

  it('resolves issues by key with every non-null field (isUnhandled included)', async () => {
    await using gateway = await startTestGateway();
    const { issues } = await seededIds(gateway);
    const { data, errors } = await gateway.execute<{ _entities: unknown[] }>(ENTITIES, {
      r: [
        ...issues.map((issue) => ({
          __typename: 'Issue',
          organizationSlug: 'acme',
          sentryId: issue.sentryId,
        })),
        { __typename: 'Issue', organizationSlug: 'acme', sentryId: '999999999' },
      ],
    });
    expect(data?._entities).toEqual([
      ...issues.map((issue) => ({
        __typename: 'Issue',
        shortId: issue.shortId,
        isUnhandled: expect.any(Boolean),
      })),
      null,
    ]);
    expect(errors).toMatchObject([{ path: ['_entities', 2], extensions: { code: 'NOT_FOUND' } }]);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES_ROUTE]);
  });
});

describe('_entities cost', () => {
  it('prices every representation, so a long list of costly ones is refused before any call', async () => {
    await using gateway = await startTestGateway();
    const representations = Array.from({ length: 600 }, (_, index) => ({
      __typename: 'Project',
      organizationSlug: 'acme',
      sentryId: String(4_508_100_000_000_001 + index),
    }));
    const { data, errors } = await gateway.execute(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Project { issues(first: 100) { totalCount } } } }`,
      { r: representations },
    );
    expect(data).toBeUndefined();
    expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });
});

describe('nodes(ids:)', () => {
  it('nulls only a malformed id, with its own BAD_USER_INPUT, and loads the others in one call', async () => {
    await using gateway = await startTestGateway();
    const { issues } = await seededIds(gateway);
    const [first, second] = issues;
    const ids = [
      first?.id,
      'garbage',
      encodeGlobalId('Nope', 'acme/1'),
      encodeGlobalId('Issue', 'acme/not-a-number'),
      second?.id,
      encodeGlobalId('Issue', 'acme/999999999'),
    ];
    const { status, data, errors } = await gateway.execute<{ nodes: unknown[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Issue { shortId } } }`,
      { ids },
    );
    expect(status).toBe(200);
    expect(data?.nodes).toEqual([
      { id: first?.id, shortId: first?.shortId },
      null,
      null,
      null,
      { id: second?.id, shortId: second?.shortId },
      null,
    ]);
    expect(errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual(
      expect.arrayContaining([
        [['nodes', 1], 'BAD_USER_INPUT'],
        [['nodes', 2], 'BAD_USER_INPUT'],
        [['nodes', 3], 'BAD_USER_INPUT'],
        [['nodes', 5], 'NOT_FOUND'],
      ]),
    );
    expect(errors).toHaveLength(4);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES_ROUTE]);
  });
});

describe('request errors', () => {
  it('answers variables that do not coerce with BAD_USER_INPUT', async () => {
    await using gateway = await startTestGateway();
    const { status, errors } = await gateway.execute(
      `query ($first: Int!) { organization(slug: "acme") { projects(first: $first) { totalCount } } }`,
      { first: 'many' },
    );
    expect(status).toBe(400);
    expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a document nested thousands of levels deep with QUERY_TOO_EXPENSIVE, not a 500', async () => {
    await using gateway = await startTestGateway();
    for (const query of [
      `{ organization(slug: "acme") ${'{ slug '.repeat(3000)}${'}'.repeat(3000)} }`,
      `{ _entities(representations: [${'['.repeat(3000)}1${']'.repeat(3000)}]) { __typename } }`,
    ]) {
      const { status, errors } = await gateway.execute(query);
      expect(status).toBe(200);
      expect(errors).toMatchObject([
        { extensions: { code: 'QUERY_TOO_EXPENSIVE', maxNesting: 100 } },
      ]);
    }
    // Strings, block strings and comments do not count.
    const { errors } = await gateway.execute(
      `# ${'{'.repeat(200)}\n{ _entities(representations: ["${'['.repeat(200)}", """${'{'.repeat(200)}"""]) { __typename } }`,
    );
    expect(errors?.map((error) => error.extensions?.['code'])).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('answers malformed JSON in GET parameters with 400 BAD_REQUEST', async () => {
    await using gateway = await startTestGateway();
    const response = await gateway.gateway.fetch(
      `http://gateway.test/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnot+json`,
      // The CSRF header, so that the request gets past CSRF prevention to the parser.
      { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors).toMatchObject([
      {
        message: expect.stringMatching(/^Request parameters are not valid JSON/),
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
  });
});

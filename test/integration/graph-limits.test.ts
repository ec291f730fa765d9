import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';

describe('query limits', () => {
  it('counts a connection without `first` as a default page, so nested default pages are refused before any call', async () => {
    await using gateway = await startTestGateway();
    const document = /* GraphQL */ `
      query Deep {
        organization(slug: "acme") {
          projects {
            nodes {
              issues {
                nodes {
                  project {
                    issues {
                      nodes {
                        project {
                          issues { nodes { shortId } }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `;
    const { data, errors } = await gateway.execute(document);
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_EXPENSIVE');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('refuses a document past the token limit with QUERY_TOO_EXPENSIVE and no call', async () => {
    await using gateway = await startTestGateway();
    const document = `{ organizations { nodes { ${'a: slug '.repeat(5_000)} } } }`;
    const { errors } = await gateway.execute(document);
    expect(errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_EXPENSIVE');
    expect(errors?.[0]?.message).toMatch(/tokens/);
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('refuses a request body past the size limit with 413 and REQUEST_ENTITY_TOO_LARGE', async () => {
    await using gateway = await startTestGateway();
    const body = JSON.stringify({
      query: `{ organizations { nodes { slug } } } #${'x'.repeat(1_100_000)}`,
    });
    const response = await gateway.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer local-demo-token' },
      body,
    });
    expect(response.status).toBe(413);
    const result = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(result.errors[0]?.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });
});

describe('REST call budget', () => {
  it('refuses a per-item edge under two large pages before any call, naming the estimate', async () => {
    await using gateway = await startTestGateway();
    const { errors } = await gateway.execute(/* GraphQL */ `
      query Runaway {
        organization(slug: "acme") {
          projects(first: 100) {
            nodes { issues(first: 100) { nodes { shortId latestEvent { eventId } } } }
          }
        }
      }
    `);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_EXPENSIVE',
      maxRestCalls: 500,
    });
    expect(errors?.[0]?.extensions?.['restCalls']).toBeGreaterThan(10_000);
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });

  it('lets batched edges under a large page through: they cost one call per level', async () => {
    await using gateway = await startTestGateway();
    const { errors, data } = await gateway.execute(/* GraphQL */ `
      query Batched {
        organization(slug: "acme") {
          issues(first: 100) { nodes { shortId project { slug } } }
        }
      }
    `);
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ organization: { issues: { nodes: expect.any(Array) } } });
  });
});

describe('REST call budget while running', () => {
  it('stops calling Sentry at the per-operation budget: later fields fail with QUERY_TOO_EXPENSIVE, the rest is kept', async () => {
    await using gateway = await startTestGateway({
      gateway: { limits: { maxRestCallsPerOperation: 3 } },
    });
    const { data, errors } = await gateway.execute(/* GraphQL */ `
      query Dashboard {
        organization(slug: "acme") {
          name
          projects(first: 10) { nodes { slug issues(first: 5) { nodes { shortId } } } }
        }
      }
    `);
    expect((await gateway.upstreamStats()).requests).toBe(3);
    expect(data).toMatchObject({ organization: { name: 'Acme Corp' } });
    const budget = errors?.filter((error) => error.extensions?.['code'] === 'QUERY_TOO_EXPENSIVE');
    expect(budget?.length).toBeGreaterThan(0);
    expect(budget?.[0]?.extensions).toMatchObject({ maxRestCalls: 3 });
    expect(budget?.[0]?.extensions?.['upstreamStatus']).toBeUndefined();
  });
});

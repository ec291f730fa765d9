/** Batching: how many REST calls a query costs, read from the local Sentry's counters. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';

const ISSUES = 'GET /api/0/organizations/{org}/issues/';
const PROJECTS = 'GET /api/0/organizations/{org}/projects/';

describe('batching', () => {
  it('answers embedded project fields of listed issues without a call', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute<{
      organization: { issues: { nodes: { project: { slug: string; name: string } }[] } };
    }>(
      `{ organization(slug: "acme") { issues(first: 25) { nodes { project { id slug name platform } } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.organization.issues.nodes.length).toBe(25);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('loads the projects of many issues in one call when fields beyond the embedded copy are asked', async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute<{
      organization: { issues: { nodes: { project: { slug: string; createdAt: string } }[] } };
    }>(
      `{ organization(slug: "acme") { issues(first: 25) { nodes { project { slug createdAt teams { slug } } } } } }`,
    );
    expect(errors).toBeUndefined();
    const projects = new Set(data?.organization.issues.nodes.map((issue) => issue.project.slug));
    expect(projects.size).toBeGreaterThan(1);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES, PROJECTS]);
  });

  it('loads many issues by global id with one call', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute<{ organization: { issues: { nodes: { id: string }[] } } }>(
      `{ organization(slug: "acme") { issues(first: 6) { nodes { id } } } }`,
    );
    const ids = list.data?.organization.issues.nodes.map((node) => node.id) ?? [];
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{ nodes: { shortId: string }[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Issue { shortId title } } }`,
      { ids: [...ids, ids[0]] },
    );
    expect(errors).toBeUndefined();
    expect(data?.nodes).toHaveLength(7);
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('deduplicates the same issue asked twice', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute<{
      organization: { issues: { nodes: { sentryId: string }[] } };
    }>(`{ organization(slug: "acme") { issues(first: 1) { nodes { sentryId } } } }`);
    const id = list.data?.organization.issues.nodes[0]?.sentryId;
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      `query ($id: String!) { organization(slug: "acme") { a: issue(sentryId: $id) { title } b: issue(sentryId: $id) { shortId } } }`,
      { id },
    );
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      organization: { a: { title: expect.any(String) }, b: { shortId: expect.any(String) } },
    });
    expect(await gateway.upstreamRequests()).toEqual([ISSUES]);
  });

  it('loads several releases by version with one call', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute<{
      organization: { releases: { nodes: { version: string }[] } };
    }>(`{ organization(slug: "acme") { releases(first: 3) { nodes { version } } } }`);
    const versions = list.data?.organization.releases.nodes.map((node) => node.version) ?? [];
    expect(versions).toHaveLength(3);
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(
      `query ($a: String!, $b: String!, $c: String!) { organization(slug: "acme") { a: release(version: $a) { version } b: release(version: $b) { version } c: release(version: $c) { version } } }`,
      { a: versions[0], b: versions[1], c: versions[2] },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      organization: {
        a: { version: versions[0] },
        b: { version: versions[1] },
        c: { version: versions[2] },
      },
    });
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/releases/']);
  });

  it('lists full events in one call when the selection needs more than list rows', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute<{
      organization: { issues: { nodes: { sentryId: string }[] } };
    }>(`{ organization(slug: "acme") { issues(first: 1, sort: EVENTS) { nodes { sentryId } } } }`);
    const id = list.data?.organization.issues.nodes[0]?.sentryId;
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { issue: { events: { nodes: { exception: unknown }[] } } };
    }>(
      `query ($id: String!) { organization(slug: "acme") { issue(sentryId: $id) { events(first: 5) { nodes { eventId exception { values { type } } breadcrumbs { message } } } } } }`,
      { id },
    );
    expect(errors).toBeUndefined();
    expect(data?.organization.issue.events.nodes.length).toBeGreaterThan(0);
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/issues/',
      'GET /api/0/organizations/{org}/issues/{issue_id}/events/',
    ]);
  });

  it('resolves an organization slug without a call when only the slug is asked', async () => {
    await using gateway = await startTestGateway();
    const { data } = await gateway.execute(`{ organization(slug: "acme") { slug id } }`);
    expect(data).toMatchObject({ organization: { slug: 'acme' } });
    expect((await gateway.upstreamStats()).requests).toBe(0);
  });
});

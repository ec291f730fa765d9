/**
 * Every operation in schema/operations/ runs against a local Sentry (small demo data) and
 * costs exactly the REST calls its file states (`# @restCalls N`), counted by the local
 * Sentry's `/_local/stats`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const directory = new URL('../../schema/operations/', import.meta.url);
const operations = readdirSync(directory)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => {
    const text = readFileSync(new URL(file, directory), 'utf8');
    const restCalls = /^# @restCalls (\d+)$/m.exec(text)?.[1];
    const variables = /^# @variables (.+)$/m.exec(text)?.[1];
    return { file, text, restCalls: Number(restCalls), variables: variables ?? '{}' };
  });

interface Fixtures {
  SHORT_ID: string;
  ISSUE_ID: string;
  EVENT_ID: string;
  VERSION: string;
  NODE_IDS: string[];
}

/** Picks real identifiers from the demo data through the gateway (before stats are reset). */
async function loadFixtures(gateway: TestGateway): Promise<Fixtures> {
  const { data, errors } = await gateway.execute<{
    organization: {
      issues: {
        nodes: {
          id: string;
          sentryId: string;
          shortId: string;
          latestEvent: { eventId: string };
        }[];
      };
      projects: { nodes: { id: string }[] };
      releases: { nodes: { version: string; deployCount: number; commitCount: number }[] };
    };
  }>(/* GraphQL */ `
    query OperationFixtures {
      organization(slug: "acme") {
        issues(first: 5, query: "is:unresolved", sort: EVENTS) {
          nodes { id sentryId shortId latestEvent { eventId } }
        }
        projects(first: 2) { nodes { id } }
        releases(first: 25) { nodes { version deployCount commitCount } }
      }
    }
  `);
  expect(errors).toBeUndefined();
  const organization = data?.organization;
  const issue = organization?.issues.nodes[0];
  const release =
    organization?.releases.nodes.find((r) => r.deployCount > 0 && r.commitCount > 0) ??
    organization?.releases.nodes[0];
  if (!organization || !issue || !release)
    throw new Error('The demo data lacks issues or releases');
  return {
    SHORT_ID: issue.shortId,
    ISSUE_ID: issue.sentryId,
    EVENT_ID: issue.latestEvent.eventId,
    VERSION: release.version,
    NODE_IDS: [
      ...organization.issues.nodes.slice(0, 3).map((node) => node.id),
      ...organization.projects.nodes.map((node) => node.id),
    ],
  };
}

function fillVariables(template: string, fixtures: Fixtures): Record<string, unknown> {
  const variables = JSON.parse(template) as Record<string, unknown>;
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' && value.startsWith('$')) {
      variables[name] = fixtures[value.slice(1) as keyof Fixtures];
    }
  }
  return variables;
}

describe('schema/operations', () => {
  let gateway: TestGateway;
  let fixtures: Fixtures;

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
    fixtures = await loadFixtures(gateway);
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('has at least ten operations, each stating its minimum REST calls', () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const operation of operations)
      expect(operation.restCalls, operation.file).toBeGreaterThan(0);
  });

  it('reads the crons page from the monitor list alone, and a monitor page from two calls', async () => {
    const run = async (file: string) => {
      const operation = operations.find((o) => o.file === file);
      if (!operation) throw new Error(`no ${file}`);
      await gateway.resetUpstreamStats();
      const { errors } = await gateway.execute(operation.text, JSON.parse(operation.variables));
      expect(errors).toBeUndefined();
      return (await gateway.upstreamStats()).byRoute;
    };
    expect(await run('crons-page.graphql')).toEqual({
      'GET /api/0/organizations/{org}/monitors/': 1,
    });
    expect(await run('monitor-page.graphql')).toEqual({
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/': 1,
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/checkins/': 1,
    });
  });

  for (const operation of operations) {
    it(`${operation.file} costs its stated minimum of REST calls`, async () => {
      await gateway.resetUpstreamStats();
      const { data, errors, extensions } = await gateway.execute(
        operation.text,
        fillVariables(operation.variables, fixtures),
      );
      expect(errors).toBeUndefined();
      expect(data).toBeTruthy();
      const stats = await gateway.upstreamStats();
      expect({
        file: operation.file,
        requests: stats.requests,
        byRoute: stats.byRoute,
      }).toMatchObject({
        requests: operation.restCalls,
      });
      expect(extensions?.['restCalls']).toBe(operation.restCalls);
    });
  }
});

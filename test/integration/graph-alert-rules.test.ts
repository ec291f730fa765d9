/** Metric alert rules in the graph: the list, triggers and actions, project edges, refetch. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const AlertRuleList = graphql(`
  query AlertRuleList($org: String!, $projects: [ID!]) {
    organization(slug: $org) {
      alertRules(first: 25, projects: $projects) {
        nodes {
          id
          sentryId
          name
          dataset
          aggregate
          thresholdType
          timeWindow
          triggers { label alertThreshold thresholdType actions { type targetType targetIdentifier } }
          projects { slug name }
        }
      }
    }
  }
`);

const AlertRuleById = graphql(`
  query AlertRuleById($id: ID!) {
    node(id: $id) { ... on AlertRule { sentryId name projects { slug } } }
  }
`);

describe('AlertRule', () => {
  it('lists rules with typed triggers and actions, and loads every project in one call', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(AlertRuleList, { org: 'acme' });
    expect(errors).toBeUndefined();
    const rules = data?.organization?.alertRules?.nodes ?? [];
    expect(rules.length).toBeGreaterThanOrEqual(4);
    expect(rules.find((rule) => rule.aggregate === 'count()')).toMatchObject({
      name: 'High error volume',
      dataset: 'EVENTS',
      thresholdType: 'ABOVE',
      timeWindow: 60,
      triggers: [
        { label: 'CRITICAL', alertThreshold: 500, thresholdType: 'ABOVE' },
        { label: 'WARNING', alertThreshold: 200 },
      ],
    });
    expect(rules.some((rule) => rule.thresholdType === 'BELOW')).toBe(true);
    for (const rule of rules) {
      expect(rule.projects?.length).toBeGreaterThan(0);
      for (const trigger of rule.triggers) {
        for (const action of trigger.actions) {
          expect(['EMAIL', 'SLACK', 'PAGERDUTY']).toContain(action.type);
          expect(action.targetIdentifier).toBeTruthy();
        }
      }
    }
    expect(rules.flatMap((rule) => rule.projects ?? []).map((p) => p.name)).toContain('Backend');
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/alert-rules/': 1,
      'GET /api/0/organizations/{org}/projects/': 1,
    });
  });

  it('narrows to the rules of given projects, and refuses a project of another organization', async () => {
    await using gateway = await startTestGateway();
    const android = encodeGlobalId('Project', 'acme/4508100000000004');
    const { data } = await gateway.execute(AlertRuleList, { org: 'acme', projects: [android] });
    const rules = data?.organization?.alertRules?.nodes ?? [];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.projects?.map((p) => p.slug)).toContain('android');

    await gateway.resetUpstreamStats();
    const foreign = encodeGlobalId('Project', 'globex/4508100000000005');
    const refused = await gateway.execute(AlertRuleList, { org: 'acme', projects: [foreign] });
    expect(refused.data?.organization?.alertRules).toBeNull();
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await gateway.upstreamRequests()).toEqual([]);
  });

  it('refetches a rule by global id from the organization list, and a missing one is NOT_FOUND', async () => {
    await using gateway = await startTestGateway();
    const list = await gateway.execute(AlertRuleList, { org: 'acme' });
    const first = list.data?.organization?.alertRules?.nodes[0];
    if (!first) throw new Error('no alert rule');
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(AlertRuleById, { id: first.id });
    expect(errors).toBeUndefined();
    expect(data?.node).toMatchObject({ sentryId: first.sentryId, name: first.name });
    expect((await gateway.upstreamStats()).byRoute).toMatchObject({
      'GET /api/0/organizations/{org}/alert-rules/': 1,
    });
    const missing = await gateway.execute(AlertRuleById, {
      id: encodeGlobalId('AlertRule', 'acme/999'),
    });
    expect(missing.data?.node).toBeNull();
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('schema/operations/alert-rules-page.graphql', () => {
  it('costs its stated minimum: the rule list and one batched project read', async () => {
    await using gateway = await startTestGateway();
    const text = readFileSync(
      new URL('../../schema/operations/alert-rules-page.graphql', import.meta.url),
      'utf8',
    );
    expect(text).toMatch(/^# @restCalls 2$/m);
    await gateway.resetUpstreamStats();
    const { errors, extensions } = await gateway.execute(text, { org: 'acme' });
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(2);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/alert-rules/': 1,
      'GET /api/0/organizations/{org}/projects/': 1,
    });
  });
});

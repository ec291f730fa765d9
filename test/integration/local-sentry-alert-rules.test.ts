/** Metric alert rules in the local Sentry: the organization's list, its filters and scopes. */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { SentryAlertRule } from '../../src/sentry/types.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

const LIST = '/api/0/organizations/acme/alert-rules/';

/**
 * The seed's `AlertRule` schema (seeds/002, `components.schemas.AlertRule`), as written there:
 * Sentry's OpenAPI spec has no metric alert routes to check against.
 */
const SEED_ALERT_RULE = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    environment: { type: 'string' },
    dataset: { type: 'string', enum: ['events', 'transactions', 'sessions', 'metrics'] },
    query: { type: 'string' },
    aggregate: { type: 'string' },
    timeWindow: { type: 'integer' },
    thresholdType: { type: 'integer' },
    resolveThreshold: { type: 'number' },
    triggers: { type: 'array', items: { type: 'object' } },
    projects: { type: 'array', items: { type: 'string' } },
    owner: { type: 'string' },
    dateCreated: { type: 'string', format: 'date-time' },
  },
};

describe('GET /organizations/{org}/alert-rules/', () => {
  it("matches the seed's AlertRule schema, row by row", async () => {
    await using sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile({ type: 'array', items: SEED_ALERT_RULE });
    for (const org of ['acme', 'globex']) {
      const { rows } = await sentry.fetchAll(`/api/0/organizations/${org}/alert-rules/`);
      expect(rows.length).toBeGreaterThan(0);
      expect(validate(rows) ? [] : validate.errors, org).toEqual([]);
    }
  });

  it('lists seeded metric rules newest first, with triggers, actions and project slugs', async () => {
    await using sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
    const { rows } = await sentry.fetchAll<SentryAlertRule>(LIST);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const created = rows.map((rule) => rule.dateCreated);
    expect(created).toEqual([...created].sort().reverse());
    const slugs = new Set(['backend', 'frontend', 'api-gateway', 'android']);
    for (const rule of rows) {
      expect(rule.projects.length).toBeGreaterThan(0);
      for (const project of rule.projects) expect(slugs.has(project)).toBe(true);
      expect(['events', 'transactions', 'sessions', 'metrics']).toContain(rule.dataset);
      expect(rule.triggers[0]?.label).toBe('critical');
      for (const trigger of rule.triggers) {
        expect(trigger.alertRuleId).toBe(rule.id);
        expect(trigger.actions.length).toBeGreaterThan(0);
        for (const action of trigger.actions) expect(action.alertRuleTriggerId).toBe(trigger.id);
      }
    }
    const errors = rows.find((rule) => rule.aggregate === 'count()');
    expect(errors).toMatchObject({
      name: 'High error volume',
      dataset: 'events',
      thresholdType: 0,
      timeWindow: 60,
      triggers: [
        { label: 'critical', alertThreshold: 500 },
        { label: 'warning', alertThreshold: 200 },
      ],
    });
    expect(rows.some((rule) => rule.thresholdType === 1)).toBe(true);
  });

  it('is the same for the same seed and paginates with Link headers', async () => {
    await using sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
    const again = generateData({ seed: 1, scale: 'small' }).organizations.get('acme');
    const { rows, pages } = await sentry.fetchAll<SentryAlertRule>(`${LIST}?per_page=2`);
    expect(pages).toBeGreaterThan(1);
    expect(rows.map((rule) => rule.id)).toEqual(again?.alertRules.map((rule) => rule.wire.id));
    const first = await sentry.fetchJson<SentryAlertRule[]>(`${LIST}?per_page=1`);
    expect(first.body).toHaveLength(1);
    expect(first.headers.get('link')).toContain('rel="next"; results="true"');
  });

  it('keeps the rules that watch a selected project', async () => {
    await using sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
    const android = (await sentry.fetchJson<{ id: string }>('/api/0/projects/acme/android/')).body;
    const { body, status } = await sentry.fetchJson<SentryAlertRule[]>(
      `${LIST}?project=${android.id}`,
    );
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThan(0);
    for (const rule of body) expect(rule.projects).toContain('android');
    const other = await sentry.fetchJson(`${LIST}?project=999999`);
    expect(other).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
  });

  it('accepts org:read or alerts:read, and answers 401, 403 and 404 as Sentry does', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'alerts-read', scopes: ['alerts:read'] },
        { token: 'org-read', scopes: ['org:read'] },
        { token: 'project-read', scopes: ['project:read'] },
      ],
    });
    expect((await sentry.fetchJson(LIST, { token: 'alerts-read' })).status).toBe(200);
    expect((await sentry.fetchJson(LIST, { token: 'org-read' })).status).toBe(200);
    expect((await sentry.fetchJson(LIST, { token: 'project-read' })).status).toBe(403);
    expect((await sentry.fetchJson(LIST, { token: null })).status).toBe(401);
    const missing = await sentry.fetchJson('/api/0/organizations/nope/alert-rules/', {
      token: 'org-read',
    });
    expect(missing.status).toBe(404);
  });
});

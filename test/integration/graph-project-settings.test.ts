/** Project settings in the graph, against the embedded Sentry's list rows and detail bodies. */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graph/index.ts';
import { estimateQueryCost } from '../../src/graph/schema-kit/query-cost.ts';
import type { SentryProject, SentryProjectDetail } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const SETTINGS = /* GraphQL */ `
  query Settings($slug: String!) {
    organization(slug: "acme") {
      project(slug: $slug) {
        id slug
        avatar { type uuid url }
        isPublic isInternal subjectPrefix subjectTemplate digestsMinDelay digestsMaxDelay
        resolveAge allowedDomains scrapeJavaScript verifySsl securityTokenHeader
        defaultEnvironment highlightTags processingIssueCount
        dataScrubbing {
          enabled useDefaults sensitiveFields safeFields scrubIpAddresses storeCrashReports
          relayPiiConfig
        }
        grouping {
          config enhancements derivedEnhancements fingerprintingRules secondaryConfig
          secondaryConfigExpiresAt
        }
      }
    }
  }
`;

const FLAGS = /* GraphQL */ `
  query Flags {
    organization(slug: "acme") {
      projects(first: 25) {
        nodes {
          slug hasSessions hasReplays hasMonitors hasProfiles hasFeedbacks hasNewFeedbacks
          hasUserReports hasMinifiedStackTrace hasLogs hasFlags hasTraceMetrics
          insights { http db assets appStart screenLoad vitals caches queues agentMonitoring mcp }
          latestDeploys { environment version finishedAt release { version } }
        }
      }
    }
  }
`;

type Settings = Record<string, unknown>;

function expectedSettings(body: SentryProjectDetail): Settings {
  return {
    avatar: {
      type: body.avatar.avatarType ?? 'letter_avatar',
      uuid: body.avatar.avatarUuid ?? null,
      url: body.avatar.avatarUrl ?? null,
    },
    isPublic: body.isPublic,
    isInternal: body.isInternal,
    subjectPrefix: body.subjectPrefix,
    subjectTemplate: body.subjectTemplate,
    digestsMinDelay: body.digestsMinDelay,
    digestsMaxDelay: body.digestsMaxDelay,
    resolveAge: body.resolveAge,
    allowedDomains: body.allowedDomains,
    scrapeJavaScript: body.scrapeJavaScript,
    verifySsl: body.verifySSL,
    securityTokenHeader: body.securityTokenHeader,
    defaultEnvironment: body.defaultEnvironment,
    highlightTags: body.highlightTags,
    processingIssueCount: body.processingIssues,
    dataScrubbing: {
      enabled: body.dataScrubber,
      useDefaults: body.dataScrubberDefaults,
      sensitiveFields: body.sensitiveFields,
      safeFields: body.safeFields,
      scrubIpAddresses: body.scrubIPAddresses,
      storeCrashReports: body.storeCrashReports,
      relayPiiConfig: body.relayPiiConfig,
    },
    grouping: {
      config: body.groupingConfig,
      enhancements: body.groupingEnhancements,
      derivedEnhancements: body.derivedGroupingEnhancements,
      fingerprintingRules: body.fingerprintingRules,
      secondaryConfig: body.secondaryGroupingConfig,
      secondaryConfigExpiresAt: body.secondaryGroupingExpiry
        ? new Date(body.secondaryGroupingExpiry * 1000).toISOString()
        : null,
    },
  };
}

describe('Project settings', () => {
  let gateway: TestGateway;
  const rest = <T>(path: string) => gateway.rest<T>(path);

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('reads the settings from the detail body alone, in one call', async () => {
    const body = await rest<SentryProjectDetail>('/api/0/projects/acme/backend/');
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{ organization: { project: Settings } }>(
      SETTINGS,
      { slug: 'backend' },
    );
    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/projects/{org}/{project}/']);
    const { id: _id, slug, ...settings } = data?.organization.project ?? {};
    expect(slug).toBe('backend');
    expect(settings).toEqual(expectedSettings(body));
  });

  it('reads the capability flags, insights and latest deploys from the list rows for free', async () => {
    const rows = await rest<SentryProject[]>('/api/0/organizations/acme/projects/?per_page=25');
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { projects: { nodes: Record<string, unknown>[] } };
    }>(FLAGS);
    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/projects/']);
    const nodes = data?.organization.projects.nodes ?? [];
    expect(nodes.map((node) => node['slug'])).toEqual(rows.map((row) => row.slug));
    for (const [index, node] of nodes.entries()) {
      const row = rows[index] as SentryProject;
      expect(node).toMatchObject({
        hasSessions: row.hasSessions,
        hasReplays: row.hasReplays,
        hasMonitors: row.hasMonitors,
        hasProfiles: row.hasProfiles,
        hasFeedbacks: row.hasFeedbacks,
        hasUserReports: row.hasUserReports,
        hasMinifiedStackTrace: row.hasMinifiedStackTrace,
        insights: { http: row.hasInsightsHttp, db: row.hasInsightsDb, mcp: row.hasInsightsMCP },
      });
      const deploys = Object.entries(row.latestDeploys ?? {})
        .map(([environment, deploy]) => ({
          environment,
          version: deploy['version'],
          finishedAt: deploy['dateFinished'],
          release: { version: deploy['version'] },
        }))
        .sort((a, b) => (a.environment < b.environment ? -1 : 1));
      expect(node['latestDeploys']).toEqual(deploys);
    }
    expect(nodes.some((node) => (node['latestDeploys'] as unknown[]).length > 0)).toBe(true);
    expect(nodes.some((node) => node['hasFeedbacks'] === true)).toBe(true);
  });

  it('shares one detail call per project among the detail-only fields of a list', async () => {
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { projects: { nodes: { slug: string; resolveAge: number }[] } };
    }>(`{ organization(slug: "acme") { projects(first: 3) { nodes {
      slug resolveAge subjectPrefix grouping { config } dataScrubbing { enabled }
    } } } }`);
    expect(errors).toBeUndefined();
    expect(data?.organization.projects.nodes).toHaveLength(3);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/projects/': 1,
      'GET /api/0/projects/{org}/{project}/': 3,
    });
    // The estimate prices a detail-only field as one call per project.
    const estimate = (fields: string) =>
      estimateQueryCost(
        parse(`{ organization(slug: "acme") { projects(first: 3) { nodes { ${fields} } } } }`),
        null,
        {},
        schema,
      ).restCalls;
    expect(estimate('slug resolveAge') - estimate('slug')).toBe(3);
    expect(estimate('slug color') - estimate('slug')).toBe(3);
  });

  it('reads color and status from the detail body, which Sentry lists leave them out of', async () => {
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { projects: { nodes: { slug: string; color: string; status: string }[] } };
    }>(
      `{ organization(slug: "acme") { projects(first: 2) { nodes { slug color status isPublic } } } }`,
    );
    expect(errors).toBeUndefined();
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/projects/': 1,
      'GET /api/0/projects/{org}/{project}/': 2,
    });
    for (const node of data?.organization.projects.nodes ?? []) {
      const detail = await gateway.rest<{ color: string; status: string }>(
        `/api/0/projects/acme/${node.slug}/`,
      );
      expect(node.color).toBe(detail.color);
      expect(node.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(node.status).toBe(detail.status);
    }
    // As Sentry's spec has them: lists (and the organization's embedded projects) leave the
    // detail-only fields out.
    const rows = await gateway.rest<Record<string, unknown>[]>(
      '/api/0/organizations/acme/projects/',
    );
    const org = await gateway.rest<{ projects: Record<string, unknown>[] }>(
      '/api/0/organizations/acme/',
    );
    for (const row of [...rows, ...org.projects]) {
      for (const key of ['color', 'status', 'avatar', 'isPublic', 'isInternal']) {
        expect(row).not.toHaveProperty(key);
      }
    }
  });

  it('reads the list row beside the detail when the selection needs a list-only field', async () => {
    await gateway.resetUpstreamStats();
    const { errors } = await gateway.execute(
      `{ organization(slug: "acme") { project(slug: "backend") { resolveAge environments latestDeploys { environment } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/projects/',
      'GET /api/0/projects/{org}/{project}/',
    ]);
  });

  it('reads back what updateProject wrote, from the payload without another call', async () => {
    const { data: ids } = await gateway.execute<{ organization: { project: { id: string } } }>(
      `{ organization(slug: "acme") { project(slug: "frontend") { id } } }`,
    );
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      updateProject: { project: { subjectPrefix: string; resolveAge: number } };
    }>(
      `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) {
        project { subjectPrefix resolveAge } userErrors { message } } }`,
      { input: { id: ids?.organization.project.id, subjectPrefix: '[FE] ', resolveAge: 48 } },
    );
    expect(errors).toBeUndefined();
    expect(data?.updateProject.project).toEqual({ subjectPrefix: '[FE] ', resolveAge: 48 });
    expect(await gateway.upstreamRequests()).toEqual(['PUT /api/0/projects/{org}/{project}/']);
  });

  it('runs project-settings-page.graphql at its minimum: detail, keys, hooks', async () => {
    const text = readFileSync(
      new URL('../../schema/operations/project-settings-page.graphql', import.meta.url),
      'utf8',
    );
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { project: { slug: string; keys: { nodes: unknown[] } } };
    }>(text, { org: 'acme', project: 'backend' });
    expect(errors).toBeUndefined();
    expect(data?.organization.project.slug).toBe('backend');
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/projects/{org}/{project}/': 1,
      'GET /api/0/projects/{org}/{project}/keys/': 1,
      'GET /api/0/projects/{org}/{project}/hooks/': 1,
    });
  });
});

import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Scrapes `GET /metrics` and parses the Prometheus text format's samples. */
async function scrape(gateway: TestGateway): Promise<{ samples: Sample[]; text: string }> {
  const response = await gateway.gateway.fetch('http://localhost/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  const samples = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-z0-9_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key = '', value = ''] of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
        labels[key] = value;
      }
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
  return { samples, text };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics', () => {
  it('counts operations by name, type and outcome, with durations and REST calls', async () => {
    await using gateway = await startTestGateway();
    const projects =
      'query Projects { organization(slug: "acme") { projects(first: 2) { nodes { slug } } } }';
    await gateway.execute(projects);
    await gateway.execute(projects);
    await gateway.execute('{ nope }');
    const { samples } = await scrape(gateway);
    const ok = { operation: 'Projects', type: 'query', outcome: 'ok' };
    expect(value(samples, 'sentry_graphql_operations_total', ok)).toBe(2);
    expect(value(samples, 'sentry_graphql_operation_duration_seconds_count', ok)).toBe(2);
    expect(
      value(samples, 'sentry_graphql_operations_total', {
        operation: 'anonymous',
        type: 'unknown',
        outcome: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
    const calls = { operation: 'Projects', type: 'query' };
    expect(value(samples, 'sentry_graphql_operation_rest_calls_count', calls)).toBe(2);
    const upstream = (await gateway.upstreamStats()).requests;
    expect(value(samples, 'sentry_graphql_operation_rest_calls_sum', calls)).toBe(upstream);
    expect(value(samples, 'sentry_graphql_operations_in_flight')).toBe(0);
  });

  it('counts upstream requests by method, route template and status, never a slug or token', async () => {
    await using gateway = await startTestGateway({
      gateway: { upstreamOptions: { retry: { attempts: 2, baseDelayMs: 1 } } },
      localSentry: { faults: { 'GET /api/0/organizations/acme/issues/': 503 } },
    });
    await gateway.execute(
      '{ organization(slug: "acme") { name issues(first: 1) { nodes { id } } } }',
    );
    const { samples, text } = await scrape(gateway);
    const org = { method: 'GET', route: '/api/0/organizations/{org}/' };
    expect(
      value(samples, 'sentry_graphql_upstream_requests_total', { ...org, status: '200' }),
    ).toBe(1);
    const issues = { method: 'GET', route: '/api/0/organizations/{org}/issues/' };
    expect(
      value(samples, 'sentry_graphql_upstream_requests_total', { ...issues, status: '503' }),
    ).toBe(2);
    expect(value(samples, 'sentry_graphql_upstream_retries_total', issues)).toBe(1);
    expect(value(samples, 'sentry_graphql_upstream_request_duration_seconds_count', issues)).toBe(
      2,
    );
    expect(value(samples, 'sentry_graphql_upstream_requests_in_flight')).toBe(0);
    expect(
      value(samples, 'sentry_graphql_upstream_circuit_state', {
        origin: new URL(gateway.sentry.url).origin,
        state: 'closed',
      }),
    ).toBe(1);
    // Node's default metrics, prefixed.
    expect(value(samples, 'sentry_graphql_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    for (const secret of ['acme', gateway.sentry.token, 'per_page', '?']) {
      expect(labelValues.filter((v) => v.includes(secret))).toEqual([]);
    }
    expect(text).not.toContain(gateway.sentry.token);
  });

  it('counts 429s from Sentry and calls refused on a spent budget', async () => {
    await using gateway = await startTestGateway({
      localSentry: { rateLimit: { limit: 1, windowSeconds: 60, concurrentLimit: 25 } },
      gateway: { upstreamOptions: { retry: { attempts: 1 }, maxRateLimitWaitMs: 0 } },
    });
    const query = '{ organization(slug: "acme") { name } }';
    for (let i = 0; i < 3; i++) await gateway.execute(query);
    const { samples } = await scrape(gateway);
    const org = { method: 'GET', route: '/api/0/organizations/{org}/' };
    const sentry = value(samples, 'sentry_graphql_upstream_rate_limited_total', {
      ...org,
      source: 'sentry',
    });
    const budget = value(samples, 'sentry_graphql_upstream_rate_limited_total', {
      ...org,
      source: 'budget',
    });
    const refusedOrAnswered = value(samples, 'sentry_graphql_upstream_requests_total', {
      ...org,
      status: '429',
    });
    expect(sentry).toBe(refusedOrAnswered);
    expect(sentry + budget).toBe(2);
    expect(value(samples, 'sentry_graphql_operations_total', { outcome: 'RATE_LIMITED' })).toBe(2);
  });

  it("puts the gateway's metrics in a registry the host gives, without Node's defaults", async () => {
    const registry = new Registry();
    await using gateway = await startTestGateway({ gateway: { metrics: { registry } } });
    await gateway.execute('query Name { organization(slug: "acme") { name } }');
    const text = await registry.metrics();
    expect(text).toContain(
      'sentry_graphql_operations_total{operation="Name",type="query",outcome="ok"} 1',
    );
    expect(text).not.toContain('sentry_graphql_process_cpu');
    const { samples } = await scrape(gateway);
    expect(value(samples, 'sentry_graphql_operations_total', { operation: 'Name' })).toBe(1);
  });

  it('is off with metrics: false (--no-metrics)', async () => {
    await using gateway = await startTestGateway({ gateway: { metrics: false } });
    const response = await gateway.gateway.fetch('http://localhost/metrics');
    expect(response.status).toBe(404);
    expect(parseServeArgs(['--no-metrics'], {})).toMatchObject({ metrics: false });
    expect(parseServeArgs([], {})).not.toHaveProperty('metrics');
  });
});

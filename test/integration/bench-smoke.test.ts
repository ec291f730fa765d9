/**
 * Keeps `npm run bench` from rotting: a tiny run of the real harness (child processes, one
 * operation, small data, a few iterations) and the pure pieces it is built from. No timing is
 * asserted here; timings live only in the benchmark.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.ts';
import { runBench } from '../../bench/harness.ts';
import { percentile, summarize } from '../../bench/measure.ts';
import { fillVariables, parseOperationFile, readOperationFiles } from '../../bench/operations.ts';
import { OPERATIONS_META } from '../../bench/operations-meta.ts';
import { type RecordedCall, toWaves } from '../../bench/recorder.ts';
import type { BenchReport } from '../../bench/report.ts';
import { renderMarkdown } from '../../bench/report-markdown.ts';
import { renderLatencySvg } from '../../bench/report-svg.ts';
import { parseServeArgs } from '../../src/cli.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const call = (path: string, startMs: number, endMs: number): RecordedCall => ({
  method: 'GET',
  path,
  status: 200,
  startMs,
  endMs,
});

describe('bench pieces', () => {
  it('parses what an operation file states about itself', () => {
    const file = parseOperationFile(
      'x.graphql',
      [
        '# Something.',
        '# @restCalls 3',
        '# @criticalPath 2',
        '# @variables {"org": "acme", "id": "$ISSUE_ID"}',
        'query X($org: String!, $id: String!, $first: Int = 5) { organization(slug: $org) { id } }',
      ].join('\n'),
    );
    expect(file).toMatchObject({
      name: 'X',
      kind: 'query',
      statedRestCalls: 3,
      statedCriticalPath: 2,
      variablesTemplate: { org: 'acme', id: '$ISSUE_ID' },
      requiredVariables: ['org', 'id'],
    });
    expect(fillVariables(file.variablesTemplate, { ISSUE_ID: '42' })).toEqual({
      variables: { org: 'acme', id: '42' },
      missing: [],
    });
    expect(fillVariables(file.variablesTemplate, {}).missing).toEqual(['$ISSUE_ID']);
  });

  it('has metadata with a critical path for every operation in schema/operations', async () => {
    const files = await readOperationFiles(
      new URL('../../schema/operations/', import.meta.url).pathname,
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files.filter((f) => f.kind === 'query')) {
      expect(
        file.statedCriticalPath ?? OPERATIONS_META[file.name]?.criticalPath,
        `${file.file}: state "# @criticalPath N" in it or add it to bench/operations-meta.ts`,
      ).toBeGreaterThan(0);
      expect(file.statedRestCalls, file.file).toBeGreaterThan(0);
    }
  });

  it('groups recorded calls into waves of calls that waited on each other', () => {
    const waves = toWaves([
      call('/b', 1, 26),
      call('/a', 0, 25),
      call('/c', 27, 52),
      call('/d', 28, 53),
      call('/e', 54, 80),
    ]);
    expect(waves.map((wave) => wave.map((c) => c.path))).toEqual([
      ['/a', '/b'],
      ['/c', '/d'],
      ['/e'],
    ]);
  });

  it('computes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.95)).toBe(95);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(summarize([3, 1, 2])).toMatchObject({ runs: 3, p50: 2, min: 1, max: 3 });
  });

  it('parses its flags', () => {
    expect(
      parseBenchArgs([
        '--latency-ms',
        '10',
        '--scale',
        'small',
        '--concurrency',
        '1,4',
        '--only',
        'IssueStream',
        '--no-write',
      ]),
    ).toMatchObject({
      latencyMs: 10,
      scale: 'small',
      concurrencies: [1, 4],
      only: ['IssueStream'],
    });
    expect(() => parseBenchArgs(['--scale', 'huge'])).toThrow(/--scale/);
  });

  it('starts gateways in the naive mode with serve --no-batch', () => {
    expect(parseServeArgs(['--no-batch'], {})).toMatchObject({ batching: false });
    expect(parseServeArgs([], {})).not.toHaveProperty('batching');
  });
});

describe('bench smoke run', () => {
  let report: BenchReport;
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
    report = await runBench({
      scale: 'small',
      latencyMs: 0,
      iterations: 3,
      warmup: 1,
      budgetMs: 5_000,
      concurrencies: [1, 2],
      throughputDurationMs: 150,
      rounds: 2,
      only: ['IssueStream'],
      cacheRequests: 20,
      outDir,
      log: () => {},
    });
  }, 120_000);

  it('measures the cache warm against cold', () => {
    expect(report.cache?.error).toBeUndefined();
    expect(report.cache?.operations).toEqual([
      expect.objectContaining({
        operation: 'IssueStream',
        cold: expect.objectContaining({ restCalls: 1, cacheHits: 0 }),
        warm: expect.objectContaining({ restCalls: 0, cacheHits: 1 }),
      }),
    ]);
    expect(report.cache?.throughput).toMatchObject({ operation: 'IssueStream', requests: 20 });
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('measures the operation through child processes and /_local/stats', () => {
    expect(report.operations).toHaveLength(1);
    const [operation] = report.operations;
    expect(operation?.skipped).toBeUndefined();
    expect(operation?.batched?.error).toBeUndefined();
    expect(operation?.batched?.restCalls.calls).toBe(operation?.minRestCalls);
    expect(operation?.batched?.latency?.runs).toBe(3);
    expect(operation?.observedWaves?.flat().length).toBe(operation?.minRestCalls);
    expect(operation?.checks.map((check) => check.target)).toEqual(
      expect.arrayContaining(['rest-calls', 'latency']),
    );
  });

  it('runs the same operation on a --no-batch gateway, at a higher REST cost', () => {
    const [operation] = report.operations;
    expect(operation?.noBatch?.error).toBeUndefined();
    expect(operation?.noBatch?.restCalls.calls).toBeGreaterThan(
      operation?.batched?.restCalls.calls ?? Number.POSITIVE_INFINITY,
    );
  });

  it('measures throughput, added latency and gateway memory', () => {
    // The operation, then the N+1-shaped list and `{ __typename }` as the yardstick.
    expect(report.throughputRounds.map((entry) => entry.operation)).toEqual([
      'IssueStream',
      'IssueListN1',
      'HelloWorld',
    ]);
    expect(report.throughputRounds[0]?.runs.map((run) => [run.round, run.concurrency])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    expect(
      report.throughputRounds.every((entry) => entry.runs.every((run) => run.errors === 0)),
    ).toBe(true);
    expect(report.throughput.map((row) => [row.operation, row.concurrency])).toEqual([
      ['IssueStream', 1],
      ['IssueStream', 2],
      ['IssueListN1', 1],
      ['IssueListN1', 2],
      ['HelloWorld', 1],
      ['HelloWorld', 2],
    ]);
    for (const row of report.throughput) {
      expect(row.reqPerGatewayCpuSecond).toBeGreaterThan(0);
      // Requests per CPU-second is the inverse of CPU ms per request (both rounded).
      const product = (row.reqPerGatewayCpuSecond ?? 0) * (row.gatewayCpuMsPerReq ?? 0);
      expect(Math.abs(product - 1000)).toBeLessThan(10);
    }
    expect(report.helloWorld.reqPerGatewayCpuSecond).toBeGreaterThan(0);
    const stream = report.throughputRatios.find((r) => r.operation === 'IssueStream');
    expect(stream?.ratioToHelloWorld).toBeCloseTo(
      (stream?.reqPerGatewayCpuSecond ?? 0) / (report.helloWorld.reqPerGatewayCpuSecond ?? 1),
      2,
    );
    const [operation] = report.operations;
    expect(operation?.checks.map((check) => check.target)).toEqual(
      expect.arrayContaining(['waves', 'throughput', 'added-latency']),
    );
    expect(report.verdicts.some((line) => line.startsWith('- IssueListN1: '))).toBe(true);
    expect(report.addedLatency).toEqual([
      expect.objectContaining({ operation: 'IssueStream', restCalls: 1, waves: 1 }),
    ]);
    expect(report.memory.find((m) => m.label === 'gateway (latency 0)')?.roundsMb).toHaveLength(2);
    expect(report.verdicts.length).toBeGreaterThan(0);
  });

  it('writes latest.json and the SVG chart, and renders the table', async () => {
    const json = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchReport;
    expect(json.operations[0]?.name).toBe('IssueStream');
    const svg = await readFile(join(outDir, 'latency.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('IssueStream');
    expect(svg).toBe(renderLatencySvg(json));
    expect(renderMarkdown(report)).toMatch(/\| IssueStream \(list-heavy\) \| 1 \(1\) \|/);
  });
});

describe('the naive mode (batching off)', () => {
  const document = /* GraphQL */ `
    query IssueRows {
      organization(slug: "acme") {
        issues(first: 25, query: "is:unresolved") {
          nodes {
            shortId
            project { slug name platform }
            assignedTo { __typename ... on User { name } ... on Team { slug } }
          }
        }
      }
    }
  `;

  async function restCalls(batching: boolean) {
    await using gateway = await startTestGateway({
      localSentry: { scale: 'small' },
      gateway: { batching },
    });
    const { data, errors } = await gateway.execute(document);
    expect(errors).toBeUndefined();
    return { data, requests: await gateway.upstreamRequests() };
  }

  it('costs more REST calls than batching on a list, for the same data', async () => {
    const batched = await restCalls(true);
    const naive = await restCalls(false);
    expect(batched.requests).toEqual(['GET /api/0/organizations/{org}/issues/']);
    expect(naive.data).toEqual(batched.data);
    expect(naive.requests.length).toBeGreaterThan(batched.requests.length);
    // One project call per distinct project instead of none: each with its own call.
    expect(naive.requests.filter((route) => route.includes('/projects/')).length).toBeGreaterThan(
      1,
    );
  });
});

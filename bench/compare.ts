/**
 * `npx tsx bench/compare.ts --before DIR [--after DIR] [--rounds N] [--duration-ms N]
 * [--before-node-arg A] [--after-node-arg A]`: gateway
 * CPU per request of two checkouts (e.g. a `git worktree` of an earlier commit, and this one)
 * in the same run, against one local Sentry with latency 0. Each is compiled as the benchmark
 * compiles it; their loads interleave operation by operation, so the machine's noise falls on
 * both alike. Prints ms of gateway CPU per request and the ratio to `{ __typename }` of the same
 * gateway, for the throughput operations, the N+1-shaped list and `{ __typename }` itself.
 * The node arguments (repeatable) compare runtime flags of one checkout, e.g. `--before . --after
 * . --after-node-arg=--max-semi-space-size=64`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GraphQLClient, type GraphQLRequest } from './http.ts';
import { measureThroughput } from './measure.ts';
import {
  type ChildServer,
  compileGateway,
  startGatewayProcess,
  startLocalSentryProcess,
  stopAll,
} from './processes.ts';
import { HELLO_WORLD, ISSUE_LIST_N1 } from './throughput.ts';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'duration-ms': { type: 'string', default: '1500' },
    concurrency: { type: 'string', default: '16' },
    'before-node-arg': { type: 'string', multiple: true, default: [] },
    'after-node-arg': { type: 'string', multiple: true, default: [] },
  },
});
if (!values.before) {
  console.error('usage: tsx bench/compare.ts --before DIR [--after DIR] [--rounds N]');
  process.exit(2);
}
const TOKEN = 'local-demo-token';
const FILES = ['issue-stream', 'issue-page', 'project-dashboard'];
const sources = [values.before, values.after];

const sentry = await startLocalSentryProcess({ scale: 'large', latencyMs: 0, seed: 1 });
const builds = await Promise.all(sources.map((source) => compileGateway(source)));
const gateways: ChildServer[] = [];
try {
  for (const [index, build] of builds.entries()) {
    gateways.push(
      await startGatewayProcess({
        upstream: sentry.url,
        batching: true,
        label: index === 0 ? 'before' : 'after',
        entry: build.entry,
        execArgv: [
          ...build.execArgv,
          ...((index === 0 ? values['before-node-arg'] : values['after-node-arg']) ?? []),
        ],
      }),
    );
  }
  const loads = await requests(sentry.url);
  const clients = gateways.map((gateway) => new GraphQLClient(gateway.url, TOKEN, 64));
  const totals = new Map<string, { requests: number; cpuMs: number }>();
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const [name, request] of loads) {
      for (const [index, gateway] of gateways.entries()) {
        const client = clients[index] as GraphQLClient;
        if (round === 0) for (let i = 0; i < 30; i += 1) await client.execute(request);
        const before = gateway.cpuMs() ?? 0;
        const run = await measureThroughput(
          client,
          request,
          Number(values.concurrency),
          Number(values['duration-ms']),
        );
        if (run.errors > 0)
          console.warn(`${name} ${gateway.label}: ${run.errors} errors (${run.firstError})`);
        const key = `${name} ${index}`;
        const total = totals.get(key) ?? { requests: 0, cpuMs: 0 };
        total.requests += run.requests;
        total.cpuMs += (gateway.cpuMs() ?? 0) - before;
        totals.set(key, total);
      }
    }
  }
  const perRequest = (name: string, index: number) => {
    const total = totals.get(`${name} ${index}`);
    return total && total.requests > 0 ? total.cpuMs / total.requests : Number.NaN;
  };
  console.info(
    '| Operation | before ms/req | × hello | after ms/req | × hello | after/before CPU |',
  );
  console.info('| --- | --- | --- | --- | --- | --- |');
  for (const [name] of loads) {
    const cells = gateways.map((_, index) => {
      const ms = perRequest(name, index);
      return [ms.toFixed(3), (perRequest(HELLO_WORLD.name, index) / ms).toFixed(3)];
    });
    const change = perRequest(name, 1) / perRequest(name, 0);
    console.info(`| ${name} | ${cells.flat().join(' | ')} | ${change.toFixed(3)} |`);
  }
  await Promise.all(clients.map((client) => client.close()));
} finally {
  await stopAll([sentry, ...gateways]);
  for (const build of builds) build.remove();
}

/** The operations' requests, with the busiest unresolved issue's short id for `$SHORT_ID`. */
async function requests(sentryUrl: string): Promise<[string, GraphQLRequest][]> {
  const response = await fetch(
    `${sentryUrl}/api/0/organizations/acme/issues/?limit=1&query=is:unresolved&sort=freq`,
    { headers: { authorization: `Bearer ${TOKEN}` } },
  );
  const [issue] = (await response.json()) as { shortId: string }[];
  const loads: [string, GraphQLRequest][] = FILES.map((file) => {
    const document = readFileSync(
      new URL(`../schema/operations/${file}.graphql`, import.meta.url),
      'utf8',
    );
    const name = /(?:query|mutation) (\w+)/.exec(document)?.[1] ?? file;
    const raw = (/@variables (.*)/.exec(document)?.[1] ?? '{}').replace(
      '"$SHORT_ID"',
      JSON.stringify(issue?.shortId ?? ''),
    );
    return [name, { document, operationName: name, variables: JSON.parse(raw) }];
  });
  loads.push([ISSUE_LIST_N1.name, ISSUE_LIST_N1.request], [HELLO_WORLD.name, HELLO_WORLD.request]);
  return loads;
}

/**
 * What metrics, traces and the operation log cost: three compiled gateways over one embedded
 * Sentry, in the same run, each loaded in turn by the same closed loop of clients (rounds
 * interleaved, so machine noise falls on every mode alike):
 *
 * - `off`: `--no-metrics --log-level silent`, no OTLP endpoint;
 * - `metrics+traces`: metrics on, spans exported over OTLP/HTTP to a receiver in this process,
 *   log silent;
 * - `all on`: the same plus the operation log at `info` (one JSON line per operation).
 *
 * `npx tsx bench/observability-cost.ts [--seconds 8] [--rounds 3] [--clients 16]`.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GraphQLClient } from './http.ts';
import {
  type ChildServer,
  compileGateway,
  startGatewayProcess,
  startLocalSentryProcess,
  stopAll,
} from './processes.ts';

/** Seven REST calls: the organization, its projects, and the issues of each of five. */
const QUERY = `query Cost { organization(slug: "acme") { name projects(first: 5) { nodes { slug issues(first: 3) { nodes { shortId } } } } } }`;

interface ModeResult {
  mode: string;
  /** Operations per second in each round. */
  rounds: number[];
  mean: number;
  /** Gateway CPU time (user + system) per operation, over all rounds, in ms. */
  cpuMsPerOperation: number;
  operations: number;
  cpuMs: number;
}

async function startReceiver() {
  let requests = 0;
  let spans = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      requests++;
      spans += (body.match(/"spanId"/g) ?? []).length;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ requests, spans }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function load(url: string, token: string, clients: number, seconds: number) {
  const client = new GraphQLClient(url, token, clients);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const { value } = await client.execute({
        document: QUERY,
        operationName: 'Cost',
        variables: {},
      });
      if (value.errors) failed++;
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await client.close();
  if (failed > 0) throw new Error(`${failed} of ${done} operations failed`);
  return { rate: done / elapsed, done };
}

export async function runObservabilityCost(options: {
  seconds: number;
  rounds: number;
  clients: number;
}) {
  const receiver = await startReceiver();
  const compiled = await compileGateway();
  const servers: ChildServer[] = [];
  try {
    const sentry = await startLocalSentryProcess({ scale: 'small', latencyMs: 0 });
    servers.push(sentry);
    const token = 'local-demo-token';
    const common = {
      upstream: sentry.url,
      batching: true,
      entry: compiled.entry,
      execArgv: compiled.execArgv,
    };
    const modes: { mode: string; args: string[]; env: Record<string, string> }[] = [
      { mode: 'off', args: ['--no-metrics', '--log-level', 'silent'], env: {} },
      {
        mode: 'metrics+traces',
        args: ['--log-level', 'silent'],
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
      },
      {
        mode: 'all on (+ log)',
        args: ['--log-level', 'info'],
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
      },
    ];
    const gateways = await Promise.all(
      modes.map(({ mode, args, env }) =>
        startGatewayProcess({ ...common, label: mode, args, env }),
      ),
    );
    servers.push(...gateways);
    // Warm-up: JIT, connection pools.
    for (const gateway of gateways) await load(gateway.url, token, options.clients, 2);
    const results: ModeResult[] = modes.map(({ mode }) => ({
      mode,
      rounds: [],
      mean: 0,
      cpuMsPerOperation: 0,
      operations: 0,
      cpuMs: 0,
    }));
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, gateway] of gateways.entries()) {
        const result = results[index]!;
        const cpuBefore = gateway.cpuMs() ?? 0;
        const { rate, done } = await load(gateway.url, token, options.clients, options.seconds);
        result.cpuMs += (gateway.cpuMs() ?? 0) - cpuBefore;
        result.operations += done;
        result.rounds.push(rate);
      }
    }
    for (const result of results) {
      result.mean = result.rounds.reduce((a, b) => a + b, 0) / result.rounds.length;
      result.cpuMsPerOperation = result.cpuMs / result.operations;
    }
    const metrics = await (await fetch(gateways[1]!.url.replace('/graphql', '/metrics'))).text();
    return { results, exported: receiver.counts(), metricsBytes: metrics.length };
  } finally {
    await stopAll(servers);
    compiled.remove();
    await receiver.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      clients: { type: 'string' },
    },
  });
  const options = {
    seconds: Number(values.seconds ?? 8),
    rounds: Number(values.rounds ?? 3),
    clients: Number(values.clients ?? 16),
  };
  const { results, exported, metricsBytes } = await runObservabilityCost(options);
  const base = results[0]?.mean ?? 1;
  const baseCpu = results[0]?.cpuMsPerOperation ?? 1;
  const pct = (value: number, of: number) => `${((value / of - 1) * 100).toFixed(1)} %`;
  console.info(
    `| mode | ops/s (mean of ${options.rounds} × ${options.seconds} s, ${options.clients} clients) | rounds | vs off | gateway CPU ms / op | vs off |`,
  );
  console.info('| --- | --- | --- | --- | --- | --- |');
  for (const { mode, rounds, mean, cpuMsPerOperation } of results) {
    const off = mode === 'off';
    const cells = [
      mode,
      mean.toFixed(0),
      rounds.map((r) => r.toFixed(0)).join(', '),
      off ? '' : pct(mean, base),
      cpuMsPerOperation.toFixed(2),
      off ? '' : pct(cpuMsPerOperation, baseCpu),
    ];
    console.info(`| ${cells.join(' | ')} |`);
  }
  console.info(
    `OTLP export requests ${exported.requests}, spans ${exported.spans}; /metrics ${metricsBytes} bytes.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

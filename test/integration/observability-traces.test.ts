import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { createGateway, type GatewayOptions } from '../../src/server.ts';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
  events?: { name: string }[];
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A real OTLP/HTTP receiver: decodes the JSON export requests it is sent. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const url = await listen(server);
  return {
    endpoint: `${url}/v1/traces`,
    bodies,
    spans(): OtlpSpan[] {
      return bodies.flatMap((body) => {
        const json = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        return json.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The embedded Sentry behind a forwarder that keeps each request's headers. */
async function startRecordedSentry() {
  const sentry = await startLocalSentry();
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer(async (request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && key !== 'host') headers.set(key, value);
    }
    const answer = await fetch(`${sentry.url}${request.url}`, { method: request.method, headers });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      if (key !== 'content-encoding' && key !== 'transfer-encoding') out[key] = value;
    });
    response.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  });
  const url = await listen(server);
  return {
    url,
    token: sentry.token,
    seen,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await sentry.close();
    },
  };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  if (value?.arrayValue) return value.arrayValue.values.map((v) => v.stringValue);
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

async function run(options: Partial<GatewayOptions>, sentry: { url: string; token: string }) {
  const gateway = createGateway({ upstream: sentry.url, metrics: false, ...options });
  const response = await gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${sentry.token}`,
      traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`,
    },
    body: JSON.stringify({
      query:
        'query Overview { organization(slug: "acme") { name projects(first: 2) { nodes { slug } } } }',
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  await gateway.close(); // exports what is buffered
}

describe('OpenTelemetry traces', () => {
  it('exports a span per operation under the caller’s traceparent, a child per Sentry call', async () => {
    const receiver = await startReceiver();
    const sentry = await startRecordedSentry();
    try {
      await run({ tracing: { endpoint: receiver.endpoint, serviceName: 'gateway-test' } }, sentry);
      const spans = receiver.spans();
      const [operation, ...others] = spans.filter((s) => s.kind === 2); // SERVER
      expect(others).toEqual([]);
      expect(operation).toMatchObject({
        traceId: TRACE_ID,
        parentSpanId: PARENT_ID,
        name: 'query Overview',
      });
      expect(attribute(operation!, 'graphql.operation.name')).toBe('Overview');
      expect(attribute(operation!, 'graphql.operation.type')).toBe('query');
      expect(attribute(operation!, 'http.response.status_code')).toBe(200);
      expect(attribute(operation!, 'sentry_graphql.outcome')).toBe('ok');
      const calls = spans.filter((s) => s.kind === 3); // CLIENT
      expect(calls.length).toBe(sentry.seen.length);
      expect(calls.length).toBe(attribute(operation!, 'sentry_graphql.rest_calls'));
      expect(calls.map((s) => s.name).sort()).toEqual([
        'GET /api/0/organizations/{org}/',
        'GET /api/0/organizations/{org}/projects/',
      ]);
      for (const call of calls) {
        expect(call).toMatchObject({ traceId: TRACE_ID, parentSpanId: operation!.spanId });
        expect(attribute(call, 'http.request.method')).toBe('GET');
        expect(attribute(call, 'url.template')).toBe(call.name.slice(4));
        expect(attribute(call, 'http.response.status_code')).toBe(200);
        expect(attribute(call, 'server.address')).toBe('127.0.0.1');
        expect(attribute(call, 'sentry_graphql.attempt')).toBe(1);
      }
      // Each call to Sentry carried its own span's context.
      const sent = sentry.seen.map(({ headers }) => headers['traceparent']).sort();
      expect(sent).toEqual(calls.map((s) => `00-${TRACE_ID}-${s.spanId}-01`).sort());
      const exported = receiver.bodies.join('\n');
      expect(exported).toContain('"gateway-test"');
      expect(exported).not.toContain(sentry.token);
      expect(exported).not.toContain('acme');
    } finally {
      await sentry.close();
      await receiver.close();
    }
  });

  it('marks a failed call and its retry, with the attempt number', async () => {
    const receiver = await startReceiver();
    const sentry = await startLocalSentry({
      faults: { 'GET /api/0/organizations/acme/projects/': 503 },
    });
    try {
      const gateway = createGateway({
        upstream: sentry.url,
        tracing: { endpoint: receiver.endpoint },
        upstreamOptions: { retry: { attempts: 2, baseDelayMs: 1 } },
      });
      await gateway.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sentry.token}` },
        body: JSON.stringify({
          query: '{ organization(slug: "acme") { projects(first: 1) { nodes { slug } } } }',
        }),
      });
      await gateway.close();
      const calls = receiver
        .spans()
        .filter((s) => s.name === 'GET /api/0/organizations/{org}/projects/');
      expect(
        calls.map((s) => [
          attribute(s, 'sentry_graphql.attempt'),
          attribute(s, 'http.response.status_code'),
          s.status?.code,
        ]),
      ).toEqual([
        [1, 503, 2],
        [2, 503, 2],
      ]);
      expect(attribute(calls[1]!, 'http.request.resend_count')).toBe(1);
      const [operation] = receiver.spans().filter((s) => s.kind === 2);
      expect(attribute(operation!, 'sentry_graphql.outcome')).toBe('partial');
      expect(attribute(operation!, 'sentry_graphql.error_codes')).toEqual(['UPSTREAM_ERROR']);
    } finally {
      await sentry.close();
      await receiver.close();
    }
  });

  it('is off when no endpoint is set: nothing exported, no traceparent sent upstream', async () => {
    const receiver = await startReceiver();
    const sentry = await startRecordedSentry();
    try {
      await run({}, sentry);
      expect(receiver.bodies).toEqual([]);
      expect(sentry.seen.length).toBeGreaterThan(0);
      expect(sentry.seen.map(({ headers }) => headers['traceparent'])).toEqual(
        sentry.seen.map(() => undefined),
      );
    } finally {
      await sentry.close();
      await receiver.close();
    }
  });

  it('takes the endpoint from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(parseServeArgs([], {})).not.toHaveProperty('tracing');
    expect(
      parseServeArgs([], { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }),
    ).toMatchObject({
      tracing: { endpoint: 'http://collector:4318/v1/traces' },
    });
    expect(
      parseServeArgs([], {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
        OTEL_SERVICE_NAME: 'edge-gateway',
      }),
    ).toMatchObject({
      tracing: { endpoint: 'http://traces:4318/custom', serviceName: 'edge-gateway' },
    });
  });
});

/**
 * The gateway against an upstream that says stop, goes away, or never answers: Sentry's spent
 * rate-limit budgets are respected without calling it, a dead origin trips the circuit breaker,
 * and the upstream timeout bounds every answer.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runStorm } from '../../bench/rate-limit-storm.ts';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { createGateway, type GatewayOptions } from '../../src/server.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const ORG_NAME = '{ organization(slug: "acme") { name } }';
const ORGANIZATIONS = '{ organizations { nodes { slug } } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Sentry's rate limits", () => {
  it('after a 429 no call goes out on that token and endpoint; others are unaffected', async () => {
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [
          { token: 'token-a', scopes: [...ALL_SCOPES] },
          { token: 'token-b', scopes: [...ALL_SCOPES] },
        ],
        rateLimit: { limit: 1, windowSeconds: 3600, concurrentLimit: 25 },
      },
    });
    // Another client of the same token spends the budget, so the gateway's call meets a 429.
    await fetch(`${gateway.sentry.url}/api/0/organizations/acme/`, {
      headers: { authorization: 'Bearer token-a' },
    });
    await gateway.resetUpstreamStats();
    const first = await gateway.execute(ORG_NAME, {}, { token: 'token-a' });
    expect(first.errors).toMatchObject([
      { extensions: { code: 'RATE_LIMITED', upstreamStatus: 429 } },
    ]);
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/']);

    await gateway.resetUpstreamStats();
    const second = await gateway.execute(ORG_NAME, {}, { token: 'token-a' });
    expect(second.data).toEqual({ organization: null });
    expect(second.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    // Refused without a call: no status of Sentry's to report.
    expect(second.errors?.[0]?.extensions).not.toHaveProperty('upstreamStatus');
    expect(second.errors?.[0]?.extensions?.['retryAfter']).toBeGreaterThanOrEqual(1);
    expect(await gateway.upstreamRequests()).toEqual([]);

    // Another endpoint of the same token, and the same endpoint for another token, still go.
    const list = await gateway.execute(ORGANIZATIONS, {}, { token: 'token-a' });
    expect(list.errors).toBeUndefined();
    const other = await gateway.execute(ORG_NAME, {}, { token: 'token-b' });
    expect(other).toMatchObject({ data: { organization: { name: 'Acme Corp' } } });
    expect(other.errors).toBeUndefined();
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/',
      'GET /api/0/organizations/{org}/',
    ]);
  });

  it('after the reset, calls go again', async () => {
    await using gateway = await startTestGateway({
      localSentry: { rateLimit: { limit: 1, windowSeconds: 2, concurrentLimit: 25 } },
      gateway: { upstreamOptions: { retry: { attempts: 1 }, maxRateLimitWaitMs: 0 } },
    });
    // Start early in a two-second window, so that the first two operations land in it.
    while (Date.now() % 2000 > 300) await sleep(10);
    const first = await gateway.execute(ORG_NAME);
    expect(first.errors).toBeUndefined();
    // Remaining: 0 closed the budget: refused here, nothing sent.
    const refused = await gateway.execute(ORG_NAME);
    expect(refused.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    expect(await gateway.upstreamRequests()).toEqual(['GET /api/0/organizations/{org}/']);
    const retryAfter = Number(refused.errors?.[0]?.extensions?.['retryAfter']);
    await sleep(retryAfter * 1000 + 100);
    const again = await gateway.execute(ORG_NAME);
    expect(again).toMatchObject({ data: { organization: { name: 'Acme Corp' } } });
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/',
      'GET /api/0/organizations/{org}/',
    ]);
  });

  it('a storm against 5 requests per 10 s stays within the budget', async () => {
    const clients = 4;
    const storm = await runStorm({ seconds: 3, clients, limit: 5, windowSeconds: 10 });
    // Calls already in flight when the budget runs out still arrive: at most one per client
    // per window and endpoint beyond what Sentry allows.
    expect(storm.upstreamCalls).toBeLessThanOrEqual(
      storm.budget + clients * storm.windows * storm.endpoints,
    );
    expect(storm.rateLimited).toBeGreaterThan(0);
    expect(storm.operations).toBeGreaterThan(storm.upstreamCalls);
  });
});

/** A TCP proxy that can play dead: `down()` resets every connection, `up()` forwards again. */
async function switchableProxy(target: string) {
  const targetPort = Number(new URL(target).port);
  let down = false;
  let connections = 0;
  const open = new Set<Socket>();
  const server = createTcpServer((client) => {
    connections++;
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => connections,
    down() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    up() {
      down = false;
    },
    async [Symbol.asyncDispose]() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A gateway over `upstream` and an `execute` through `yoga.fetch`. */
function gatewayOver(upstream: string, token: string, options: Partial<GatewayOptions> = {}) {
  const gateway = createGateway({ ...options, upstream, token });
  return Object.assign(gateway, {
    async execute(query: string) {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as {
        data?: Record<string, unknown> | null;
        errors?: { extensions?: Record<string, unknown> }[];
      };
    },
  });
}

describe('circuit breaker', () => {
  it('opens after the threshold, fails fast without connecting, probes once, closes', async () => {
    await using sentry = await startLocalSentry();
    await using proxy = await switchableProxy(sentry.url);
    await using gateway = gatewayOver(proxy.url, sentry.token, {
      upstreamOptions: {
        retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
        circuitBreaker: { threshold: 3, coolDownMs: 1000 },
        // Concurrent identical operations would share one call: here each is counted.
        coalesce: false,
      },
    });
    expect((await gateway.execute(ORG_NAME)).data).toEqual({ organization: { name: 'Acme Corp' } });

    proxy.down();
    let before = proxy.connections();
    // One operation: three attempts, three connection failures, and the breaker opens.
    const failing = await gateway.execute(ORG_NAME);
    expect(failing.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR' } }]);
    expect(proxy.connections() - before).toBe(3);

    before = proxy.connections();
    for (let i = 0; i < 5; i++) {
      const fast = await gateway.execute(ORG_NAME);
      expect(fast.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR' } }]);
      expect(fast.errors?.[0]?.extensions?.['retryAfter']).toBeGreaterThanOrEqual(1);
    }
    expect(proxy.connections()).toBe(before);

    // After the cool-down, one probe among concurrent operations; it fails and reopens.
    await sleep(1100);
    const probing = await Promise.all([1, 2, 3].map(() => gateway.execute(ORG_NAME)));
    for (const result of probing) {
      expect(result.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR' } }]);
    }
    expect(proxy.connections()).toBe(before + 1);
    await gateway.execute(ORG_NAME);
    expect(proxy.connections()).toBe(before + 1);

    // Back up: after the next cool-down the probe succeeds and the breaker closes.
    proxy.up();
    await sleep(1100);
    expect((await gateway.execute(ORG_NAME)).data).toEqual({ organization: { name: 'Acme Corp' } });
    const closed = await Promise.all([1, 2].map(() => gateway.execute(ORGANIZATIONS)));
    for (const result of closed) expect(result.errors).toBeUndefined();
    expect(gateway.upstream.stats().circuitRefused).toBeGreaterThanOrEqual(8);
  });
});

/** An HTTP server that accepts and never answers, or sends headers and then a trickle. */
async function stuckUpstream(mode: 'silent' | 'trickle'): Promise<Server & AsyncDisposable> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createHttpServer((_request, response) => {
    if (mode === 'silent') return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"slug": "acme", ');
    const timer = setInterval(() => response.write(' '), 100);
    timers.add(timer);
    response.on('close', () => clearInterval(timer));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(server, {
    async [Symbol.asyncDispose]() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

describe('upstream timeout', () => {
  it.each(['silent', 'trickle'] as const)(
    'an upstream that is %s: the client gets UPSTREAM_ERROR after about timeoutMs',
    async (mode) => {
      await using upstream = await stuckUpstream(mode);
      const { port } = upstream.address() as { port: number };
      await using gateway = gatewayOver(`http://127.0.0.1:${port}`, 'token', {
        // Retries on: the timeout covers them too.
        upstreamOptions: { timeoutMs: 500, retry: { attempts: 3 } },
      });
      const result = await gateway.execute(ORG_NAME);
      expect(result.data).toEqual({ organization: null });
      expect(result.errors).toMatchObject([{ extensions: { code: 'UPSTREAM_ERROR' } }]);
      // Sentry sent no status: none is invented.
      expect(result.errors?.[0]?.extensions).not.toHaveProperty('upstreamStatus');
      expect(gateway.upstream.stats().timeouts).toBe(1);
    },
    20_000,
  );
});

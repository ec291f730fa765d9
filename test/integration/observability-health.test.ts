import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { startServer } from '../../src/main.ts';
import { createLogger } from '../../src/observability/logging.ts';
import { createGateway } from '../../src/server.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import { rawRequest } from '../helpers/http.ts';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('health and readiness', () => {
  it('answers /health without calling Sentry', async () => {
    await using gateway = await startTestGateway();
    const response = await gateway.gateway.fetch('http://localhost/health');
    expect(response.status).toBe(200);
    expect(await gateway.upstreamStats()).toMatchObject({ requests: 0 });
  });

  it('is ready while Sentry answers, probing it once per freshness window', async () => {
    await using gateway = await startTestGateway({ gateway: { readiness: { freshMs: 60_000 } } });
    const responses = await Promise.all(
      [1, 2, 3].map(() => gateway.gateway.fetch('http://localhost/readiness')),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    }
    const again = await gateway.gateway.fetch('http://localhost/readiness');
    expect(again.status).toBe(200);
    // One probe (GET /api/0/) for the four checks: the answer stays fresh for a minute.
    const stats = await gateway.upstreamStats();
    expect(stats.requests).toBe(1);
  });

  it('is unavailable, with the reason, when nothing answers at the upstream URL', async () => {
    const port = await closedPort();
    await using gateway = createGateway({ upstream: `http://127.0.0.1:${port}` });
    const response = await gateway.fetch('http://localhost/readiness');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      reason: `Sentry at http://127.0.0.1:${port} did not answer: ECONNREFUSED`,
    });
    expect((await gateway.fetch('http://localhost/health')).status).toBe(200);
  });

  it('answers the probes and the scraper whatever the Host header, as they send the pod IP', async () => {
    const sentry = await startLocalSentry();
    await using running = await startServer({
      port: 0,
      host: '127.0.0.1',
      upstream: sentry.url,
      logger: await createLogger({ level: 'silent' }),
    });
    try {
      const origin = new URL(running.url).origin;
      const headers = { host: '10.1.2.3:4000' };
      expect((await rawRequest(`${origin}/health`, { headers })).status).toBe(200);
      expect((await rawRequest(`${origin}/readiness`, { headers })).status).toBe(200);
      expect((await rawRequest(`${origin}/metrics`, { headers })).status).toBe(200);
      const graphql = await rawRequest(`${origin}/graphql?query=%7B__typename%7D`, {
        headers: { ...headers, 'x-graphql-csrf': '1' },
      });
      expect(graphql.status).toBe(400);
    } finally {
      await running.close();
      await sentry.close();
    }
  });
});

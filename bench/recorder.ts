/**
 * A recording pass-through proxy between a gateway and the local Sentry. It captures the exact
 * REST calls one GraphQL operation makes and when each started and ended, from which the
 * benchmark reads the operation's dependency chain (waves of calls that wait on each other) and
 * replays the same calls directly with undici as the baseline for the gateway's added latency.
 * It is used only for recording, never while timing the gateway.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { LocalSentryClient } from './http.ts';

export interface RecordedCall {
  method: string;
  /** Path and query string, exactly as the gateway sent it. */
  path: string;
  /** Request body of a write, replayed as is. */
  body?: string;
  status: number;
  startMs: number;
  endMs: number;
}

export interface RecordingProxy extends AsyncDisposable {
  url: string;
  /** Calls seen since the last `take()`, in the order they started. */
  take(): RecordedCall[];
  close(): Promise<void>;
}

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'user-agent'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts the proxy on a free loopback port, forwarding to `upstream`. */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const upstreamOrigin = new URL(upstream).origin;
  const pool = new Pool(upstreamOrigin, { connections: 64 });
  let calls: RecordedCall[] = [];
  let port = 0;
  const self = () => `http://127.0.0.1:${port}`;
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const startMs = performance.now();
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const body = await readBody(request);
    const upstreamResponse = await pool.request({
      path,
      method: method as 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    // Self-links (Link headers, an organization's `links.regionUrl`) must name the proxy, or the
    // gateway would route later calls of that organization straight to the upstream.
    const payload = (await upstreamResponse.body.text()).replaceAll(upstreamOrigin, self());
    calls.push({
      method,
      path,
      ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
      status: upstreamResponse.statusCode,
      startMs,
      endMs: 0,
    });
    const call = calls.at(-1);
    for (const [name, value] of Object.entries(upstreamResponse.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      response.setHeader(
        name,
        Array.isArray(value)
          ? value.map((v) => v.replaceAll(upstreamOrigin, self()))
          : value.replaceAll(upstreamOrigin, self()),
      );
    }
    response.writeHead(upstreamResponse.statusCode);
    response.end(payload);
    if (call) call.endMs = performance.now();
  };
  const server = createServer((request, response) => {
    forward(request, response).catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ detail: `bench proxy: ${(error as Error).message}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    })();
    return closing;
  };
  return {
    url: self(),
    take() {
      const taken = calls.sort((a, b) => a.startMs - b.startMs);
      calls = [];
      return taken;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Groups calls into waves: a call belongs to the wave after the latest wave that had finished
 * one of its calls before this call started. The number of waves is the observed length of the
 * chain of REST calls that waited on each other (the critical path the gateway took).
 */
export function toWaves(calls: readonly RecordedCall[]): RecordedCall[][] {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  const waveOf: number[] = [];
  const waves: RecordedCall[][] = [];
  sorted.forEach((call, index) => {
    let wave = 0;
    for (let before = 0; before < index; before += 1) {
      const earlier = sorted[before];
      const earlierWave = waveOf[before];
      if (earlier && earlierWave !== undefined && earlier.endMs <= call.startMs) {
        wave = Math.max(wave, earlierWave + 1);
      }
    }
    waveOf.push(wave);
    const bucket = waves[wave] ?? [];
    bucket.push(call);
    waves[wave] = bucket;
  });
  return waves.filter((wave) => wave.length > 0);
}

/**
 * Replays recorded calls directly, as a hand-written REST client that knew the answers' shapes
 * would: each call starts as soon as every call that had ended before it started (in the
 * recording) has ended again. Calls that ran side by side run side by side; a call that waited
 * for an answer waits for it; and one the gateway only queued behind its per-token concurrency
 * limit starts when a call ends, as it did there.
 */
export async function replayCalls(
  sentry: LocalSentryClient,
  calls: readonly RecordedCall[],
): Promise<void> {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  const done: Promise<void>[] = [];
  for (const call of sorted) {
    const before = sorted
      .map((earlier, index) => (earlier.endMs <= call.startMs ? done[index] : undefined))
      .filter((promise): promise is Promise<void> => promise !== undefined);
    done.push(
      Promise.all(before).then(async () => {
        const status = await sentry.call(call.method, call.path, call.body);
        if (status >= 400 && call.status < 400) {
          throw new Error(`direct ${call.method} ${call.path} answered ${status}`);
        }
      }),
    );
  }
  await Promise.all(done);
}

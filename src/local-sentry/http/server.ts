/**
 * A Sentry-compatible REST server over in-memory data: the default upstream for demos, tests
 * and benchmarks. Speaks Sentry's wire format only (auth, pagination, rate limits, errors); it
 * knows nothing of GraphQL. Observable through `/_local/stats`, breakable through faults.
 *
 * This folder (`http/`) owns the HTTP machinery every resource's routes run on: this server,
 * the router, auth and scopes, pagination, rate limits, faults, request stats, request bodies
 * and parameters, and the reply helpers. The routes themselves live in `resources/`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryError, StoreError } from '../data/errors.ts';
import { generateData } from '../data/generate.ts';
import { storeChanged } from '../data/generation.ts';
import type { LocalData } from '../data/model.ts';
import { sentryRoutes } from '../resources/index.ts';
import { findOrganization } from '../resources/organizations/store.ts';
import {
  ALL_SCOPES,
  ANONYMOUS,
  bearerToken,
  canAccessOrganization,
  DEFAULT_TOKEN,
  type LocalToken,
  requireScope,
  resolveTokens,
  TokenRegistry,
  tokenHash,
} from './auth.ts';
import type { RouteDef } from './context.ts';
import { type Fault, FaultInjector, faultReply, validateFaults } from './faults.ts';
import { handleLocal } from './local-routes.ts';
import {
  DEFAULT_RATE_LIMIT,
  type RateLimitConfig,
  RateLimiter,
  type RateLimitTicket,
} from './rate-limit.ts';
import { forbidden, HttpError, notFound, type Reply } from './reply.ts';
import { readJsonBody, readRawBody } from './request-body.ts';
import { type RouteMatch, Router, splitPath } from './router.ts';
import { type RequestStats, Stats, UNMATCHED_ROUTE } from './stats.ts';

export type { LocalToken } from './auth.ts';
export type { Fault } from './faults.ts';

export interface LocalSentryOptions {
  /** Seed of the generated data and of the fault generator. @default 1 */
  seed?: number;
  /** @default 'small' */
  scale?: 'small' | 'medium' | 'large';
  /** Pre-generated data (skips generation). */
  data?: LocalData;
  /** @default 0 (ephemeral) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Added before every response. @default 0 */
  latencyMs?: number;
  /** Share of requests (0..1) that get a random fault. @default 0 */
  failRate?: number;
  /**
   * Forced faults, keyed by `METHOD /concrete/path/` or by route template
   * (`GET /api/0/organizations/{org}/issues/`).
   */
  faults?: Record<string, Fault>;
  /**
   * The tokens it accepts, the first being `token`: records, or specs as `--token` takes them
   * (`'ci:project:releases@acme'`, see `parseTokenSpec`).
   * @default [{ token: 'local-demo-token', scopes: ALL_SCOPES }]
   */
  tokens?: (LocalToken | string)[];
  /** Per token and route. @default { limit: 1_000_000, windowSeconds: 60, concurrentLimit: 25 } */
  rateLimit?: RateLimitConfig;
}

export interface LocalSentry extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:43123` (no trailing slash). */
  url: string;
  /** The first token. */
  token: string;
  /** Every token it accepts, specs parsed, in the order given. */
  tokens: readonly LocalToken[];
  /** The live store: mutations through the API change it. */
  data: LocalData;
  stats(): RequestStats;
  resetStats(): void;
  setFaults(faults: Record<string, Fault>, failRate?: number): void;
  close(): Promise<void>;
}

/** A slow body is trickled in this many chunks over about 1.5 s. */
const SLOW_CHUNKS = 10;
const SLOW_INTERVAL_MS = 150;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function serverUrl(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0' || address.address === '::'
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return `http://${host}:${address.port}`;
}

export async function startLocalSentry(options: LocalSentryOptions = {}): Promise<LocalSentry> {
  const {
    seed = 1,
    scale = 'small',
    port = 0,
    host = '127.0.0.1',
    latencyMs = 0,
    failRate = 0,
    faults = {},
    tokens: tokenInput = [{ token: DEFAULT_TOKEN, scopes: [...ALL_SCOPES] }],
    rateLimit = DEFAULT_RATE_LIMIT,
  } = options;
  const problem = validateFaults(faults, failRate);
  if (problem) throw new TypeError(problem);
  const tokens = resolveTokens(tokenInput);
  const firstToken = tokens[0];
  if (!firstToken) throw new TypeError('At least one token is required');

  const data = options.data ?? generateData({ seed, scale });
  const registry = new TokenRegistry(tokens);
  const limiter = new RateLimiter(rateLimit);
  const injector = new FaultInjector(seed, faults, failRate);
  const stats = new Stats();
  const router = new Router<RouteDef>();
  for (const def of sentryRoutes()) router.add(def.template, def);
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  /** Sends a reply; `slow` trickles the body after the headers. */
  function send(response: ServerResponse, reply: Reply, slow = false): void {
    if (response.destroyed || response.headersSent) return;
    const hasBody = reply.body !== undefined && reply.status !== 204 && reply.status !== 304;
    const payload = hasBody ? Buffer.from(JSON.stringify(reply.body)) : Buffer.alloc(0);
    const headers: Record<string, string | number> = { ...reply.headers };
    // A route may name its own type (SCIM's `application/scim+json`, a replay segment download's
    // octet-stream).
    if (hasBody) headers['Content-Type'] ??= 'application/json';
    if (reply.status !== 204 && reply.status !== 304) headers['Content-Length'] = payload.length;
    response.writeHead(reply.status, headers);
    if (!slow || payload.length === 0) {
      response.end(payload);
      return;
    }
    const size = Math.ceil(payload.length / SLOW_CHUNKS);
    let offset = 0;
    const tick = () => {
      if (response.destroyed) return;
      const chunk = payload.subarray(offset, offset + size);
      offset += size;
      if (offset >= payload.length) {
        response.end(chunk);
        return;
      }
      response.write(chunk);
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, SLOW_INTERVAL_MS);
      timers.add(timer);
    };
    tick();
  }

  /** Auth, organization access, scope, body, handler. Rate limiting happens before. */
  async function dispatch(
    request: IncomingMessage,
    match: RouteMatch<RouteDef>,
    query: URLSearchParams,
    rawPath: string,
  ): Promise<Reply> {
    const credentials = request.headers.authorization;
    const token =
      match.route.ingest || (match.route.anonymous && credentials === undefined)
        ? ANONYMOUS
        : registry.authenticate(credentials);
    const params = { ...match.params };
    if (params['org'] !== undefined) {
      const slug = findOrganization(data, params['org'])?.slug;
      if (slug === undefined) throw notFound();
      if (!canAccessOrganization(token, slug)) throw forbidden();
      params['org'] = slug;
    }
    requireScope(token, match.route.scopes);
    const method = request.method ?? 'GET';
    const rawBody = match.route.ingest ? await readRawBody(request) : undefined;
    const body =
      method === 'GET' || method === 'HEAD' || rawBody !== undefined
        ? undefined
        : await readJsonBody(request);
    const hostHeader = request.headers.host;
    const origin =
      hostHeader && /^[\w.:[\]-]+$/.test(hostHeader) ? `http://${hostHeader}` : baseUrl;
    // Writes go through the store's helpers, which mark the store changed; marking it here too
    // keeps derived-value caches honest should a handler ever change a record itself.
    const writes = method !== 'GET' && method !== 'HEAD';
    if (writes) storeChanged();
    try {
      return await match.route.handle({
        method,
        params,
        query,
        body,
        token,
        data,
        page: { selfUrl: `${origin}${rawPath}`, query },
        baseUrl: origin,
        headers: request.headers,
        ...(rawBody === undefined ? {} : { rawBody }),
      });
    } finally {
      if (writes) storeChanged();
    }
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    rawPath: string,
    query: URLSearchParams,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    // SCIM's routes have no trailing `/` (see the router); every other path needs one.
    const slashless = !rawPath.endsWith('/');
    const segments = splitPath(slashless ? `${rawPath}/` : rawPath);
    const match = segments ? router.match(method, segments, slashless) : undefined;
    stats.count(match ? match.template : `${method} ${UNMATCHED_ROUTE}`);
    const leave = stats.enter(bearerToken(request.headers.authorization));
    response.on('close', leave);

    // The rate limiter sees the request first (the latency below counts as time in flight).
    const known = registry.peek(request.headers.authorization);
    const caller = known
      ? `token:${tokenHash(known.token)}`
      : `ip:${request.socket.remoteAddress ?? ''}`;
    let ticket: RateLimitTicket | undefined;
    let limited: Reply | undefined;
    try {
      ticket = limiter.acquire(caller, match?.template ?? `${method} ${UNMATCHED_ROUTE}`);
      response.on('close', ticket.release);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      limited = error.toReply();
    }

    if (latencyMs > 0) await sleep(latencyMs);
    if (limited) {
      send(response, limited);
      return;
    }
    const decodedPath = segments ? `/${segments.map((s) => `${s}/`).join('')}` : rawPath;
    const fault = injector.pick(
      [`${method} ${rawPath}`, `${method} ${decodedPath}`, match?.template].filter(
        (key): key is string => key !== undefined,
      ),
    );
    if (fault === 'reset') {
      request.socket.destroy();
      return;
    }
    if (fault !== undefined && fault !== 'slow') {
      const reply = faultReply(fault, rateLimit);
      const rateHeaders = ticket?.headers ?? {};
      if (reply === 'empty') {
        response.writeHead(500, { ...rateHeaders, 'Content-Length': 0 });
        response.end();
      } else if (reply === 'malformed') {
        const text = '{"detail": "Internal Er';
        response.writeHead(200, {
          ...rateHeaders,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
        });
        response.end(text);
      } else {
        send(response, { ...reply, headers: { ...rateHeaders, ...reply.headers } });
      }
      return;
    }

    let reply: Reply;
    try {
      if (!match) {
        const allowed = segments ? router.allowedMethods(segments, slashless) : [];
        reply =
          allowed.length > 0
            ? {
                status: 405,
                body: { detail: `Method "${method}" not allowed.` },
                headers: { Allow: allowed.join(', ') },
              }
            : notFound().toReply();
      } else {
        reply = await dispatch(request, match, query, rawPath);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        reply = error.toReply();
      } else if (error instanceof QueryError) {
        reply = { status: 400, body: { detail: error.message } };
      } else if (error instanceof StoreError) {
        reply = {
          status: 400,
          body: error.field ? { [error.field]: [error.message] } : { detail: error.message },
        };
      } else {
        console.error('local-sentry: handler failed', error);
        reply = {
          status: 500,
          body: { detail: 'Internal Error', errorId: randomUUID().replaceAll('-', '') },
        };
      }
    }
    send(
      response,
      { ...reply, headers: { ...ticket?.headers, ...reply.headers } },
      fault === 'slow',
    );
  }

  const server = createServer((request, response) => {
    const rawUrl = request.url ?? '/';
    const mark = rawUrl.indexOf('?');
    const rawPath = mark < 0 ? rawUrl : rawUrl.slice(0, mark);
    const query = new URLSearchParams(mark < 0 ? '' : rawUrl.slice(mark + 1));
    const handling =
      rawPath === '/_local' || rawPath.startsWith('/_local/')
        ? handleLocal(request, response, rawPath, { stats, injector, send })
        : handleApi(request, response, rawPath, query);
    handling.catch((error: unknown) => {
      console.error('local-sentry: request failed', error);
      if (!response.headersSent) {
        send(response, { status: 500, body: { detail: 'Internal Error' } });
      } else {
        response.destroy();
      }
    });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  baseUrl = serverUrl(server.address() as AddressInfo);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: baseUrl,
    token: firstToken.token,
    tokens,
    data,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (next, rate) => {
      const message = validateFaults(next, rate);
      if (message) throw new TypeError(message);
      injector.set(next, rate);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

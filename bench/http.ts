/**
 * The benchmark's HTTP clients, on undici keep-alive pools: GraphQL to a gateway, the local
 * Sentry's `/_local/stats` counters, and plain REST calls for the direct baseline.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface GraphQLRequest {
  document: string;
  operationName: string;
  variables: Record<string, unknown>;
}

export interface GraphQLResponse {
  status: number;
  data?: unknown;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: { restCalls?: number } & Record<string, unknown>;
}

export interface Timed<T> {
  value: T;
  /** Wall time from sending the request to the parsed body, in milliseconds. */
  ms: number;
}

/** Posts GraphQL operations to one gateway with a fixed bearer token. */
export class GraphQLClient {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #token: string;

  constructor(url: string, token: string, connections = 128) {
    const parsed = new URL(url);
    this.#pool = new Pool(parsed.origin, { connections, pipelining: 1 });
    this.#path = parsed.pathname;
    this.#token = token;
  }

  /** `token` overrides the client's token for this request (the cache phase's cold runs). */
  async execute(request: GraphQLRequest, token?: string): Promise<Timed<GraphQLResponse>> {
    const start = performance.now();
    const response = await this.#pool.request({
      path: this.#path,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token ?? this.#token}`,
      },
      body: JSON.stringify({
        query: request.document,
        operationName: request.operationName,
        variables: request.variables,
      }),
    });
    const body = (await response.body.json()) as Omit<GraphQLResponse, 'status'>;
    return { value: { ...body, status: response.statusCode }, ms: performance.now() - start };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

export interface UpstreamStats {
  requests: number;
  byRoute: Record<string, number>;
}

/** Plain REST to the local Sentry: its counters and the direct baseline. */
export class LocalSentryClient {
  readonly #pool: Pool;
  readonly #token: string;

  constructor(baseUrl: string, token: string, connections = 64) {
    this.#pool = new Pool(new URL(baseUrl).origin, { connections, pipelining: 1 });
    this.#token = token;
  }

  /** `GET /_local/stats`: REST requests served since the last reset (not counting `/_local`). */
  async stats(): Promise<UpstreamStats> {
    const response = await this.#pool.request({ path: '/_local/stats', method: 'GET' });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`GET /_local/stats answered ${response.statusCode}`);
    }
    return (await response.body.json()) as UpstreamStats;
  }

  /** `POST /_local/stats/reset`. */
  async resetStats(): Promise<void> {
    const response = await this.#pool.request({ path: '/_local/stats/reset', method: 'POST' });
    await response.body.dump();
    if (response.statusCode >= 300) {
      throw new Error(`POST /_local/stats/reset answered ${response.statusCode}`);
    }
  }

  /** One authenticated REST call (a JSON body for writes), the answer parsed as a client would. */
  async call(method: string, path: string, body?: string): Promise<number> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.#pool.request({
      path,
      method: method as 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.body.text();
    if (text !== '') JSON.parse(text);
    return response.statusCode;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

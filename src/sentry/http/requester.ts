/**
 * One caller's requests to Sentry over the process-wide `Upstream`: the token, the abort signal,
 * the call budget, the request count and the prefetch memo. The resource namespaces of
 * `SentryClient` (`../issues.ts`, …) send through it, and it stamps org-scoped answers with their
 * organization. Knows HTTP and JSON shapes; knows no endpoint.
 */
import { setMaxListeners } from 'node:events';
import type { ApiPath } from './api-path.ts';
import {
  SentryCallBudgetError,
  SentryUnauthenticatedError,
  SentryUpstreamError,
} from './errors.ts';
import type { CallObserver } from './observer.ts';
import { type Page, type PageParams, pageInfo } from './pagination.ts';
import type {
  HttpMethod,
  QueryParams,
  Upstream,
  UpstreamCall,
  UpstreamResponse,
} from './upstream.ts';
import type { SentryRateLimit } from './wire.ts';

/** A payload that belongs to an organization, stamped with the organization it was read from. */
export type OrgScoped<T> = T & { organizationSlug: string };

/** Project filter: numeric ids; `-1` means every project the token can access. */
export type ProjectFilter = readonly (string | number)[];

export interface RequesterOptions {
  upstream: Upstream;
  /** The caller's token; without one every call fails with `SentryUnauthenticatedError`. */
  token?: string | undefined;
  /** Cancels in-flight and queued calls (the GraphQL request's signal). */
  signal?: AbortSignal | undefined;
  /**
   * Most calls this client may start; past it a call is refused locally with
   * `SentryCallBudgetError`, so no operation can run away whatever its shape.
   * @default Infinity
   */
  maxCalls?: number | undefined;
  /** Told about every attempt of this client's calls (metrics, the request's trace). */
  observer?: CallObserver | undefined;
}

export class Requester {
  readonly #upstream: Upstream;
  readonly #token: string | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #observer: CallObserver | undefined;
  #requestCount = 0;
  #cacheHits = 0;
  readonly #maxCalls: number;
  #callsStarted = 0;
  /** Answers of GETs started by `keep`, by `GET path?query`, each kept for one later call. */
  readonly #prefetched = new Map<string, Promise<UpstreamResponse>>();
  #prefetching = false;

  constructor(options: RequesterOptions) {
    this.#upstream = options.upstream;
    this.#token = options.token || undefined;
    this.#signal = options.signal && fanOut(options.signal);
    this.#maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
    this.#observer = options.observer;
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  get requestCount(): number {
    return this.#requestCount;
  }

  get cacheHits(): number {
    return this.#cacheHits;
  }

  rateLimit(organization?: string): SentryRateLimit | undefined {
    return this.#token === undefined
      ? undefined
      : this.#upstream.rateLimit(this.#token, organization);
  }

  rememberRegion(organization: string, regionUrl: string): void {
    this.#upstream.rememberRegion(organization, regionUrl);
  }

  /**
   * Runs `read`, keeping every GET it sends before its first `await` for the first identical
   * GET after it (see `SentryClient.prefetch`). Failures are dropped: they are the later
   * caller's to see.
   */
  keep(read: () => Promise<unknown>): void {
    this.#prefetching = true;
    try {
      read().catch(ignore);
    } catch {
      // A read refused before sending (bad input) prefetches nothing; its caller sees why.
    } finally {
      this.#prefetching = false;
    }
  }

  send(
    method: HttpMethod,
    org: string | undefined,
    path: ApiPath,
    query?: QueryParams,
    body?: unknown,
    raw: Pick<UpstreamCall, 'payload' | 'binary'> = {},
  ): Promise<UpstreamResponse> {
    if (this.#token === undefined) {
      return Promise.reject(
        new SentryUnauthenticatedError({
          status: 401,
          message: 'No Sentry token: send `Authorization: Bearer <token>`',
          request: `${method} ${path}`,
        }),
      );
    }
    const call: UpstreamCall = {
      method,
      path,
      token: this.#token,
      ...(query ? { query } : {}),
      ...(org !== undefined ? { organization: org } : {}),
      ...raw,
    };
    if (method !== 'GET') {
      this.#prefetched.clear();
      return this.#call(body === undefined ? call : { ...call, body });
    }
    const key = `${path}?${JSON.stringify(query ?? {})}`;
    const kept = this.#prefetched.get(key);
    if (this.#prefetching) {
      if (kept) return kept;
      const response = this.#call(call);
      response.catch(ignore);
      this.#prefetched.set(key, response);
      return response;
    }
    if (kept) {
      this.#prefetched.delete(key);
      return kept;
    }
    return this.#call(call);
  }

  /**
   * A multipart POST (a file upload) answering with an entity (or a list of them). The form is
   * encoded by the platform's own `Request` (undici), which writes the boundary and the parts.
   */
  async upload<T>(org: string, path: ApiPath, form: FormData): Promise<T> {
    const encoded = new Request('http://upload.invalid/', { method: 'POST', body: form });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const response = await this.send('POST', org, path, undefined, undefined, {
      payload: { bytes, contentType },
    });
    if (typeof response.body !== 'object' || response.body === null) throw unexpectedShape(path);
    return response.body as T;
  }

  /** A GET whose answer is bytes (a download), with the headers it came with. */
  async download(
    org: string,
    path: ApiPath,
    query?: QueryParams,
  ): Promise<{ bytes: Buffer; headers: UpstreamResponse['headers'] }> {
    const response = await this.send('GET', org, path, query, undefined, { binary: true });
    return { bytes: response.body as Buffer, headers: response.headers };
  }

  /** A GET of one page of a list, each item stamped with `org`. */
  async page<T>(org: string, path: ApiPath, query?: QueryParams): Promise<Page<OrgScoped<T>>> {
    const response = await this.send('GET', org, path, query);
    return { ...pageInfo(response.headers), items: stamp(asArray<T>(response, path), org) };
  }

  /** A GET of an unpaginated list, each item stamped with `org`. */
  async all<T>(
    org: string,
    path: ApiPath,
    what: string,
    query?: QueryParams,
  ): Promise<OrgScoped<T>[]> {
    const response = await this.send('GET', org, path, query);
    return stamp(asArray<T>(response, what), org);
  }

  /** A GET of one object, stamped with `org`. */
  async one<T>(org: string, path: ApiPath, query?: QueryParams): Promise<OrgScoped<T>> {
    const response = await this.send('GET', org, path, query);
    return { ...asObject<T>(response, path), organizationSlug: org };
  }

  /** A write that answers with an entity; an empty answer is an upstream error. */
  async write<T>(
    method: HttpMethod,
    org: string,
    path: ApiPath,
    body?: unknown,
  ): Promise<OrgScoped<T>> {
    const response = await this.send(method, org, path, undefined, body ?? {});
    return { ...asObject<T>(response, path), organizationSlug: org };
  }

  async delete(org: string, path: ApiPath, query?: QueryParams): Promise<void> {
    await this.send('DELETE', org, path, query);
  }

  // Endpoint builders: the namespaces declare their regular endpoints with these, by path, so
  // that each endpoint is one entry. `path`'s parameters after `org` are the endpoint's.

  /** An endpoint reading one page of a list; `params` adds its filters after `per_page`, `cursor`. */
  lister<T, A extends string[] = [], P extends PageParams = PageParams>(
    path: (org: string, ...args: A) => ApiPath,
    params?: (p: P) => QueryParams,
  ): (org: string, ...args: [...A, P?]) => Promise<Page<OrgScoped<T>>> {
    const arity = path.length - 1;
    return async (org, ...args) => {
      const p = (args[arity] ?? {}) as P;
      const query = pageQuery(p, params?.(p));
      return this.page<T>(org, path(org, ...(args.slice(0, arity) as A)), query);
    };
  }

  /** An endpoint reading one object. */
  getter<T, A extends string[] = []>(
    path: (org: string, ...args: A) => ApiPath,
  ): (org: string, ...args: A) => Promise<OrgScoped<T>> {
    return async (org, ...args) => this.one<T>(org, path(org, ...args));
  }

  /** An endpoint writing a body and answering with the entity. */
  writer<T, A extends string[], B>(
    method: 'POST' | 'PUT',
    path: (org: string, ...args: A) => ApiPath,
  ): (org: string, ...args: [...A, body: B]) => Promise<OrgScoped<T>> {
    const arity = path.length - 1;
    return async (org, ...args) =>
      this.write<T>(method, org, path(org, ...(args.slice(0, arity) as A)), args[arity]);
  }

  /** An endpoint deleting what its path names. */
  deleter<A extends string[]>(
    path: (org: string, ...args: A) => ApiPath,
  ): (org: string, ...args: A) => Promise<void> {
    return async (org, ...args) => this.delete(org, path(org, ...args));
  }

  /** One logical request through the upstream (limits, retries), counted per attempt. */
  #call(call: UpstreamCall): Promise<UpstreamResponse> {
    if (this.#callsStarted >= this.#maxCalls) {
      const request = `${call.method} ${call.path}`;
      return Promise.reject(new SentryCallBudgetError(this.#maxCalls, request));
    }
    this.#callsStarted++;
    return this.#upstream.call({
      ...call,
      ...(this.#signal ? { signal: this.#signal } : {}),
      ...(this.#observer ? { observer: this.#observer } : {}),
      onAttempt: () => {
        this.#requestCount++;
      },
      onCacheHit: () => {
        this.#cacheHits++;
      },
    });
  }
}

/** Base of the namespaces of `SentryClient`: one resource's endpoints over one requester. */
export abstract class Resource {
  protected readonly http: Requester;

  constructor(http: Requester) {
    this.http = http;
  }
}

/** `per_page` and `cursor`, then the endpoint's own parameters. */
export function pageQuery(p: PageParams | undefined, rest?: QueryParams): QueryParams {
  return { per_page: p?.perPage, cursor: p?.cursor, ...rest };
}

/**
 * Each item stamped with `org`, in place: every caller gets its own objects of a body (a cache
 * hit and a follower of a coalesced call parse their own copy), so a copy of each row would only
 * be garbage to collect.
 */
export function stamp<T>(items: T[], org: string): OrgScoped<T>[] {
  return items.map((item) => {
    if (item === null || typeof item !== 'object') return { ...item, organizationSlug: org };
    (item as OrgScoped<T>).organizationSlug = org;
    return item as OrgScoped<T>;
  });
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function asArray<T>(response: UpstreamResponse, what: string): T[] {
  if (!Array.isArray(response.body)) throw unexpectedShape(what);
  return response.body as T[];
}

export function asObject<T>(response: UpstreamResponse, what: string): T {
  const { body } = response;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unexpectedShape(what);
  }
  return body as T;
}

export function unexpectedShape(what: string): SentryUpstreamError {
  return new SentryUpstreamError({
    status: 502,
    failure: 'malformed',
    message: `Sentry answered ${what} with an unexpected JSON shape`,
  });
}

/**
 * A signal that follows `signal` and may carry any number of listeners: every queued or
 * in-flight call of a GraphQL request listens for its abort, more than Node's default of 10,
 * and the caller's own signal gets a single listener.
 */
function fanOut(signal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

function ignore(): void {}

/**
 * A file as the platform's own `Blob`, which the platform's `FormData` requires: a file parsed by
 * Yoga's fetch ponyfill (`@whatwg-node`) is Blob-like but not one.
 */
export async function platformBlob(file: Blob): Promise<Blob> {
  if (file instanceof Blob) return file;
  const like = file as { arrayBuffer(): Promise<ArrayBuffer>; type?: string };
  return new Blob([await like.arrayBuffer()], { type: like.type ?? '' });
}

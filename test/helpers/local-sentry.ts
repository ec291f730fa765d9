/** Test helpers around the local Sentry: start one on port 0, call it with a token. */
import {
  type LocalSentry,
  type LocalSentryOptions,
  startLocalSentry,
} from '../../src/local-sentry/http/server.ts';
import { recordRouteCoverage } from './route-coverage.ts';

export interface FetchOptions {
  /** Bearer token; `null` sends no Authorization header. @default the server's first token */
  token?: string | null;
  method?: string;
  /** Serialized as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
  body: T;
  text: string;
}

export interface TestLocalSentry extends LocalSentry {
  /** Calls `path` (e.g. `/api/0/organizations/`) on this server and parses the body. */
  fetchJson<T = unknown>(path: string, options?: FetchOptions): Promise<JsonResponse<T>>;
  /** Follows `rel="next"` links from `path` and returns every row of every page. */
  fetchAll<T = unknown>(
    path: string,
    options?: FetchOptions,
  ): Promise<{ rows: T[]; pages: number }>;
}

/** Calls a local Sentry at `baseUrl`. */
export async function fetchJson<T = unknown>(
  baseUrl: string,
  path: string,
  { token, method = 'GET', body, headers = {} }: FetchOptions & { token?: string | null } = {},
): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  const requestHeaders = init.headers as Record<string, string>;
  if (token) requestHeaders['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) {
    requestHeaders['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** The `cursor` of the `rel="next"` link when it has results, else undefined. */
export function nextCursor(link: string | null): string | undefined {
  const next = link?.split(/,\s*(?=<)/).find((part) => part.includes('rel="next"'));
  if (!next?.includes('results="true"')) return undefined;
  return /cursor="([^"]+)"/.exec(next)?.[1];
}

/**
 * Starts a local Sentry for one test: `await using sentry = await withLocalSentry()`.
 * Closed when the `await using` scope ends.
 */
export async function withLocalSentry(options: LocalSentryOptions = {}): Promise<TestLocalSentry> {
  const sentry = await startLocalSentry(options);
  const close = sentry.close.bind(sentry);
  // Both ways out record coverage: `close()` and `await using` (the server's own asyncDispose
  // would close it without recording).
  const recordAndClose = async () => {
    recordRouteCoverage(sentry);
    await close();
  };
  sentry.close = recordAndClose;
  sentry[Symbol.asyncDispose] = recordAndClose;
  const call = <T>(path: string, fetchOptions: FetchOptions = {}) =>
    fetchJson<T>(sentry.url, path, {
      ...fetchOptions,
      token: fetchOptions.token === undefined ? sentry.token : fetchOptions.token,
    });
  return Object.assign(sentry, {
    fetchJson: call,
    async fetchAll<T>(path: string, fetchOptions: FetchOptions = {}) {
      const rows: T[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const page = await call<T[]>(
          cursor === undefined ? path : `${path}${separator}cursor=${cursor}`,
          fetchOptions,
        );
        if (page.status !== 200) throw new Error(`${path}: HTTP ${page.status} ${page.text}`);
        rows.push(...page.body);
        pages += 1;
        cursor = nextCursor(page.headers.get('link'));
      } while (cursor !== undefined);
      return { rows, pages };
    },
  });
}

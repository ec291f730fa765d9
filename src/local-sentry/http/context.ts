/** What a route handler receives and how routes are declared. */
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalData } from '../data/model.ts';
import type { LocalToken } from './auth.ts';
import type { PageContext } from './pagination.ts';
import type { Reply } from './reply.ts';

export interface RequestContext {
  method: string;
  /** Decoded path parameters by placeholder name (`org`, `project`, `issue_id`, ...). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body of POST/PUT/DELETE (undefined when none). */
  body: unknown;
  token: LocalToken;
  data: LocalData;
  /** For Link headers. */
  page: PageContext;
  /** `http://host:port` of this server as the client addressed it (no trailing slash). */
  baseUrl: string;
  /** The request's headers (read by the ingest routes: `X-Sentry-Auth`, `Content-Encoding`). */
  headers?: IncomingHttpHeaders;
  /** The undecoded body bytes, for `ingest` routes only (their body is not JSON). */
  rawBody?: Buffer;
}

export interface RouteDef {
  /** `METHOD /api/0/.../{param}/`: the name used in stats and forced faults. */
  template: string;
  /** Any one of these suffices (the spec's `security: auth_token: [...]`); empty: none needed. */
  scopes: readonly string[];
  /** Answers a request without an Authorization header (as `ANONYMOUS`); a bad token is still 401. */
  anonymous?: boolean;
  /**
   * An SDK ingestion route (`/api/{project_id}/envelope/`): authenticated by the DSN's public key
   * in the route itself, never by a bearer token; its body is handed over raw (`rawBody`).
   */
  ingest?: boolean;
  handle(context: RequestContext): Reply | Promise<Reply>;
}

export const route = (
  template: string,
  scopes: readonly string[],
  handle: RouteDef['handle'],
  options: { anonymous?: boolean; ingest?: boolean } = {},
): RouteDef => ({ template, scopes, handle, ...options });

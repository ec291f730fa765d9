/** Bearer tokens with scopes and an optional organization restriction, as Sentry checks them. */
import { createHash } from 'node:crypto';
import { forbidden, HttpError } from './reply.ts';

/** Every scope the default token holds. */
export const ALL_SCOPES: readonly string[] = [
  'org:read',
  'org:write',
  'org:admin',
  'org:integrations',
  'org:ci',
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'project:distribution',
  'team:read',
  'team:write',
  'team:admin',
  'member:read',
  'member:write',
  'member:admin',
  'member:invite',
  'event:read',
  'event:write',
  'event:admin',
  'alerts:read',
  'alerts:write',
];

export const DEFAULT_TOKEN = 'local-demo-token';

export interface LocalToken {
  token: string;
  scopes: string[];
  /** Organization slugs this token may use; every organization when absent. */
  organizations?: string[];
}

/** A short, stable name for a token in `/_local/inflight` (never the token itself). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

/** Reads the token out of `Authorization: Bearer <token>`; undefined when absent or not Bearer. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  if (!match) return undefined;
  return (match[1] ?? '').trim();
}

const unauthorized = (detail: string): HttpError =>
  // DRF answers 401 (not 403) because Sentry's authenticators name a challenge.
  new HttpError(401, { detail }, { 'WWW-Authenticate': 'xBasic realm="api"' });

export class TokenRegistry {
  readonly #tokens = new Map<string, LocalToken>();

  constructor(tokens: readonly LocalToken[]) {
    for (const token of tokens) this.#tokens.set(token.token, token);
  }

  /** The known token for a header value, or undefined (no error: used for rate-limit keys). */
  peek(header: string | undefined): LocalToken | undefined {
    const value = bearerToken(header);
    return value ? this.#tokens.get(value) : undefined;
  }

  /** The token for an `Authorization` header, or a 401 in Sentry's words. */
  authenticate(header: string | undefined): LocalToken {
    const value = bearerToken(header);
    if (value === undefined) throw unauthorized('Authentication credentials were not provided.');
    if (value === '') throw unauthorized('Invalid token header. No credentials provided.');
    const token = this.#tokens.get(value);
    if (!token) throw unauthorized('Invalid token');
    return token;
  }
}

/** True when the token may act on this organization. */
export function canAccessOrganization(token: LocalToken, orgSlug: string): boolean {
  return token.organizations === undefined || token.organizations.includes(orgSlug);
}

/** Throws 403 unless the token holds one of the scopes (an empty list needs none). */
export function requireScope(token: LocalToken, scopes: readonly string[]): void {
  if (scopes.length === 0 || scopes.some((scope) => token.scopes.includes(scope))) return;
  const error = forbidden();
  error.headers['WWW-Authenticate'] =
    `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"`;
  throw error;
}

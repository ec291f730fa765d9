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

/** The caller of an `anonymous` route that sent no credentials: no scopes, no organizations. */
export const ANONYMOUS: LocalToken = Object.freeze({ token: '', scopes: [], organizations: [] });

export interface LocalToken {
  token: string;
  scopes: string[];
  /** Organization slugs this token may use; every organization when absent. */
  organizations?: string[];
}

/** Organization slugs as Sentry allows them: lower-case letters, digits, `-` and `_`. */
const ORG_SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Reads a token spec, as `local-sentry --token` takes it: `TOKEN` (every scope, every
 * organization), `TOKEN:scope,scope` (those scopes only), `TOKEN@org` (every scope, that
 * organization only; `@a,b` for several) or `TOKEN:scope,scope@org`. Throws a `TypeError` whose
 * message names the problem but never the token.
 */
export function parseTokenSpec(spec: string): LocalToken {
  const at = spec.lastIndexOf('@');
  const head = at < 0 ? spec : spec.slice(0, at);
  const colon = head.indexOf(':');
  const token = colon < 0 ? head : head.slice(0, colon);
  if (!/^[^\s:@]+$/.test(token)) {
    throw new TypeError('a token spec must start with a non-empty token (no spaces, ":" or "@")');
  }
  const parsed: LocalToken = {
    token,
    scopes: colon < 0 ? [...ALL_SCOPES] : head.slice(colon + 1).split(','),
  };
  if (at >= 0) parsed.organizations = spec.slice(at + 1).split(',');
  const problem = tokenProblem(parsed);
  if (problem) throw new TypeError(problem);
  return parsed;
}

/** What is wrong with one token's scopes or organizations, or undefined (never names the token). */
function tokenProblem({ token, scopes, organizations }: LocalToken): string | undefined {
  if (token === '' || /\s/.test(token)) return 'a token must be a non-empty word';
  if (scopes.length === 0 || scopes.includes('')) {
    return 'a token needs at least one scope after ":" (and no empty one)';
  }
  const unknown = scopes.find((scope) => !ALL_SCOPES.includes(scope));
  if (unknown !== undefined) {
    return `unknown scope "${unknown}" (\`local-sentry --help\` lists the scopes)`;
  }
  if (organizations !== undefined) {
    const bad = organizations.find((slug) => !ORG_SLUG.test(slug));
    if (bad !== undefined || organizations.length === 0) {
      return `"${bad ?? ''}" is not an organization slug (after "@")`;
    }
  }
  return undefined;
}

/** Checks a token list: at least one, each valid, no token twice. Returns a message or undefined. */
export function validateTokens(tokens: readonly LocalToken[]): string | undefined {
  if (tokens.length === 0) return 'at least one token is required';
  const seen = new Set<string>();
  for (const [index, token] of tokens.entries()) {
    const problem = tokenProblem(token);
    if (problem) return `token ${index + 1}: ${problem}`;
    if (seen.has(token.token)) return `token ${index + 1} is given twice`;
    seen.add(token.token);
  }
  return undefined;
}

/**
 * The token list of `startLocalSentry({ tokens })`: records as given, specs parsed as
 * `parseTokenSpec` reads them; throws a `TypeError` when the list is not valid.
 */
export function resolveTokens(input: readonly (LocalToken | string)[]): LocalToken[] {
  const tokens = input.map((token) => (typeof token === 'string' ? parseTokenSpec(token) : token));
  const problem = validateTokens(tokens);
  if (problem) throw new TypeError(problem);
  return tokens;
}

/** How a token's rights read at startup: `every scope; organization acme`. */
export function describeToken({ scopes, organizations }: LocalToken): string {
  const all = ALL_SCOPES.every((scope) => scopes.includes(scope));
  const orgs =
    organizations === undefined
      ? 'every organization'
      : `${organizations.length === 1 ? 'organization' : 'organizations'} ${organizations.join(', ')}`;
  return `${all ? 'every scope' : scopes.join(', ')}; ${orgs}`;
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

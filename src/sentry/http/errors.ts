/**
 * Typed failures of the Sentry REST client. `mask-error.ts` maps these (and only these) onto
 * GraphQL `extensions.code`; nothing here knows about GraphQL.
 *
 * Messages are built from the method, the encoded path and a short, sanitised `detail`: never
 * the token, never the raw upstream body.
 */

export type SentryErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'QUERY_TOO_EXPENSIVE';

/**
 * Why a `SentryUpstreamError` happened: an HTTP status, no usable response at all, or
 * (`circuit-open`) nothing sent because the origin has been unreachable.
 */
export type UpstreamFailure = 'status' | 'timeout' | 'connection' | 'malformed' | 'circuit-open';

/** Sentry's structured `detail` (sso-required, 2fa-required, sudo-required, superuser-required). */
export interface SentryDetailObject {
  code: string;
  message: string;
  extra?: Record<string, unknown>;
}

export interface SentryApiErrorOptions {
  /** HTTP status from Sentry; for failures without a response, the status a proxy would use. */
  status: number;
  /** Short sanitised description; `detail.message` for structured details. */
  message?: string;
  /** Sanitised `detail`: a string, a `{code,message,extra}` object, or a field-error map. */
  detail?: unknown;
  retryAfterSeconds?: number;
  /** `GET /api/0/organizations/acme/` (encoded path, no query string). */
  request?: string;
  cause?: unknown;
}

/** Any failure reported by (or on the way to) Sentry. */
export class SentryApiError extends Error {
  override name = 'SentryApiError';
  readonly status: number;
  readonly code: SentryErrorCode = 'UPSTREAM_ERROR';
  readonly retryAfterSeconds?: number;
  /** Sanitised upstream `detail`; never the token, never more than a short excerpt of a body. */
  readonly detail?: unknown;
  /** `code` of a structured detail (`sso-required`, `2fa-required`, ...), when Sentry sent one. */
  readonly detailCode?: string;
  /** `METHOD /path` of the failing call, without query string. */
  readonly request?: string;

  constructor(options: SentryApiErrorOptions) {
    const text = options.message ?? defaultMessage(options.status);
    super(
      options.request ? `Sentry ${options.request} failed (${options.status}): ${text}` : text,
      {
        cause: options.cause,
      },
    );
    this.status = options.status;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    if (options.detail !== undefined) this.detail = options.detail;
    if (isDetailObject(options.detail)) this.detailCode = options.detail.code;
    if (options.request !== undefined) this.request = options.request;
  }
}

/**
 * Refused locally, before sending: the request has already made as many calls to Sentry as one
 * GraphQL operation may make. No upstream status: nothing was sent.
 */
export class SentryCallBudgetError extends SentryApiError {
  override name = 'SentryCallBudgetError';
  override readonly code = 'QUERY_TOO_EXPENSIVE' as const;
  readonly maxCalls: number;

  constructor(maxCalls: number, request: string) {
    super({
      status: 429,
      message: `this operation reached its budget of ${maxCalls} calls to Sentry; ask for less`,
      request,
    });
    this.maxCalls = maxCalls;
  }
}

/** 401: missing, unknown, expired token; or SSO / 2FA required (see `detailCode`). */
export class SentryUnauthenticatedError extends SentryApiError {
  override name = 'SentryUnauthenticatedError';
  override readonly code = 'UNAUTHENTICATED';
}

/** 403: authenticated but not allowed (missing scope, membership, inaccessible `project=`). */
export class SentryForbiddenError extends SentryApiError {
  override name = 'SentryForbiddenError';
  override readonly code = 'FORBIDDEN';
  /** True when Sentry said the token lacks a scope (`WWW-Authenticate: ... insufficient_scope`). */
  readonly insufficientScope: boolean;
  constructor(options: SentryApiErrorOptions & { insufficientScope?: boolean }) {
    super(options);
    this.insufficientScope = options.insufficientScope ?? false;
  }
}

/** 404: unknown organization, project, issue or other resource. */
export class SentryNotFoundError extends SentryApiError {
  override name = 'SentryNotFoundError';
  override readonly code = 'NOT_FOUND';
}

/**
 * 400 and other 4xx the caller caused (409 conflict, 414 URI too long, ...), and requests this
 * client refuses to send (`local`: an empty bulk id list, a `..` path value).
 */
export class SentryBadRequestError extends SentryApiError {
  override name = 'SentryBadRequestError';
  override readonly code = 'BAD_USER_INPUT';
  /** Serializer errors by field (`{"status": ["..."]}`), when Sentry sent a map. */
  readonly fieldErrors?: Record<string, string[]>;
  /** Snuba throttling / query timeout reported as a 400: retryable with back-off. */
  readonly queryTimeout: boolean;
  /** Refused by this client before any request was sent. */
  readonly local: boolean;
  constructor(
    options: SentryApiErrorOptions & {
      fieldErrors?: Record<string, string[]>;
      queryTimeout?: boolean;
      local?: boolean;
    },
  ) {
    super(options);
    if (options.fieldErrors) this.fieldErrors = options.fieldErrors;
    this.queryTimeout = options.queryTimeout ?? false;
    this.local = options.local ?? false;
  }
}

/** 429: the token's budget for this endpoint is spent; `retryAfterSeconds` says for how long. */
export class SentryRateLimitedError extends SentryApiError {
  override name = 'SentryRateLimitedError';
  override readonly code = 'RATE_LIMITED';
  /** `X-Sentry-Rate-Limit-Reset`: when the next window begins, epoch seconds. */
  readonly resetAt?: number;
  /** Refused by this client before sending: an earlier answer said the budget is spent. */
  readonly local: boolean;
  constructor(options: SentryApiErrorOptions & { resetAt?: number; local?: boolean }) {
    super(options);
    if (options.resetAt !== undefined) this.resetAt = options.resetAt;
    this.local = options.local ?? false;
  }
}

/** 5xx, timeouts, connection resets, unparseable bodies: Sentry could not answer. */
export class SentryUpstreamError extends SentryApiError {
  override name = 'SentryUpstreamError';
  override readonly code = 'UPSTREAM_ERROR';
  readonly failure: UpstreamFailure;
  /**
   * No connection could be made, or it broke before an answer (refused, reset, DNS, connect
   * timeout): what the circuit breaker counts.
   */
  readonly unreachable: boolean;
  constructor(
    options: SentryApiErrorOptions & { failure?: UpstreamFailure; unreachable?: boolean },
  ) {
    super(options);
    this.failure = options.failure ?? 'status';
    this.unreachable = options.unreachable ?? false;
  }
}

/** A refusal of this client to send a request (no token, bad path value, empty bulk list). */
export function localBadRequest(message: string, request?: string): SentryBadRequestError {
  return new SentryBadRequestError({
    status: 400,
    message,
    local: true,
    ...(request ? { request } : {}),
  });
}

// --- normalisation -------------------------------------------------------------------------

/** Longest excerpt of an upstream text kept in a message or `detail`. */
const MAX_DETAIL_CHARS = 200;

/** Sentry's Snuba throttling and timeouts become a 400 with a message like this one. */
const QUERY_TIMEOUT = /\btime[d\s-]*out\b|\btimeout\b|too many simultaneous/i;

export interface NormaliseContext {
  /** `GET /api/0/...` for the message. */
  request?: string;
  /** Values to redact from anything echoed back (the caller's token). */
  secrets?: readonly string[];
  /** Current time in ms, for `retryAfterSeconds`. */
  now?: number;
}

type HeaderValue = string | string[] | undefined;
export type ResponseHeaders = Record<string, HeaderValue>;

/** Reads a header case-insensitively from undici's lower-cased header record. */
export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Turns a non-2xx Sentry response into a typed error. `detail` may be a string, a
 * `{code,message,extra}` object, absent (a field-error map), or the whole body may be a JSON
 * string (429); bodies may also be empty or not JSON at all (a proxy's HTML page).
 */
export function normaliseError(
  status: number,
  body: string,
  headers: ResponseHeaders,
  context: NormaliseContext = {},
): SentryApiError {
  const secrets = context.secrets ?? [];
  const parsed = parseDetail(body, secrets);
  const base: SentryApiErrorOptions = {
    status,
    ...(parsed.message !== undefined ? { message: parsed.message } : {}),
    ...(parsed.detail !== undefined ? { detail: parsed.detail } : {}),
    ...(context.request ? { request: context.request } : {}),
  };
  if (status === 401) return new SentryUnauthenticatedError(base);
  if (status === 403) {
    const challenge = header(headers, 'www-authenticate') ?? '';
    return new SentryForbiddenError({
      ...base,
      insufficientScope: /insufficient_scope/i.test(challenge),
    });
  }
  if (status === 404) return new SentryNotFoundError(base);
  if (status === 429) {
    const retryAfterSeconds = retryAfter(headers, context.now ?? Date.now());
    const resetAt = Number(header(headers, 'x-sentry-rate-limit-reset') ?? Number.NaN);
    return new SentryRateLimitedError({
      ...base,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(Number.isFinite(resetAt) ? { resetAt } : {}),
    });
  }
  if (status >= 400 && status < 500) {
    const queryTimeout =
      status === 400 && parsed.message !== undefined && QUERY_TIMEOUT.test(parsed.message);
    return new SentryBadRequestError({
      ...base,
      ...(parsed.fieldErrors ? { fieldErrors: parsed.fieldErrors } : {}),
      queryTimeout,
    });
  }
  return new SentryUpstreamError({ ...base, failure: 'status' });
}

/**
 * Seconds until the rate-limit window resets, from `X-Sentry-Rate-Limit-Reset` (epoch seconds;
 * Sentry sends no `Retry-After` on its API), falling back to a standard `Retry-After`.
 */
export function retryAfter(headers: ResponseHeaders, now: number): number | undefined {
  const reset = Number(header(headers, 'x-sentry-rate-limit-reset'));
  if (header(headers, 'x-sentry-rate-limit-reset') !== undefined && Number.isFinite(reset)) {
    return Math.max(0, Math.ceil(reset - now / 1000));
  }
  const value = header(headers, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

interface ParsedDetail {
  message?: string;
  detail?: unknown;
  fieldErrors?: Record<string, string[]>;
}

function parseDetail(body: string, secrets: readonly string[]): ParsedDetail {
  const text = body.trim();
  if (text === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A proxy's HTML page or plain text: keep a short, single-line excerpt.
    const excerpt = sanitise(text.replace(/<[^>]*>/g, ' '), secrets);
    return excerpt ? { message: excerpt } : {};
  }
  if (typeof json === 'string') {
    const message = sanitise(json, secrets);
    return { message, detail: message };
  }
  if (!isRecord(json)) return {};
  const detail = json['detail'];
  if (typeof detail === 'string') {
    const message = sanitise(detail, secrets);
    return { message, detail: message };
  }
  if (isRecord(detail) && typeof detail['code'] === 'string') {
    const message = sanitise(
      typeof detail['message'] === 'string' ? detail['message'] : detail['code'],
      secrets,
    );
    const structured: SentryDetailObject = { code: sanitise(detail['code'], secrets), message };
    if (isRecord(detail['extra'])) structured.extra = sanitiseRecord(detail['extra'], secrets);
    return { message, detail: structured };
  }
  const fieldErrors = fieldErrorMap(json, secrets);
  if (fieldErrors) {
    const message = sanitise(
      Object.entries(fieldErrors)
        .map(([field, errors]) => `${field}: ${errors.join(' ')}`)
        .join('; '),
      secrets,
    );
    return { message, detail: fieldErrors, fieldErrors };
  }
  // Some other object (`{"error":{"params":...}}`): a short JSON excerpt.
  const message = sanitise(JSON.stringify(json), secrets);
  return { message, detail: message };
}

/** `{"status": ["..."], "name": "..."}` → `{status: [...], name: [...]}`, or undefined. */
function fieldErrorMap(
  json: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, string[]> | undefined {
  const entries = Object.entries(json);
  if (entries.length === 0) return undefined;
  const map: Record<string, string[]> = {};
  for (const [field, value] of entries) {
    const errors = Array.isArray(value) ? value : [value];
    if (!errors.every((item) => typeof item === 'string')) return undefined;
    map[sanitise(field, secrets)] = errors.map((item) => sanitise(item, secrets));
  }
  return map;
}

function sanitiseRecord(
  record: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record).slice(0, 10)) {
    if (typeof value === 'string') out[key] = sanitise(value, secrets);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
      out[key] = value;
  }
  return out;
}

/** Single line, no control characters, secrets and bearer-looking tokens redacted, bounded. */
export function sanitise(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  out = out
    .replace(/\b(bearer|dsn|basic)\s+[^\s"',;]+/gi, '$1 [redacted]')
    .replace(/\bsntry[a-z]?_[A-Za-z0-9_+/=-]+/g, '[redacted]')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > MAX_DETAIL_CHARS ? `${out.slice(0, MAX_DETAIL_CHARS - 1)}…` : out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDetailObject(value: unknown): value is SentryDetailObject {
  return (
    isRecord(value) && typeof value['code'] === 'string' && typeof value['message'] === 'string'
  );
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Bad request';
    case 401:
      return 'Authentication required';
    case 403:
      return 'Permission denied';
    case 404:
      return 'Not found';
    case 429:
      return 'Rate limited';
    default:
      return status >= 500 ? 'Sentry server error' : `HTTP ${status}`;
  }
}

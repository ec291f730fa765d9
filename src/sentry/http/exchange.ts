/**
 * One HTTP exchange with Sentry on an undici pool: send, read the whole body under exact
 * timers, and turn a failure without a usable response into a typed `SentryUpstreamError`.
 */
import { type Dispatcher, errors as undiciErrors } from 'undici';
import { type ResponseHeaders, SentryUpstreamError } from './errors.ts';
import { abortReason } from './retry.ts';

export interface ExchangeRequest {
  method: string;
  /** Path with base path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** `GET /api/0/...` for messages. */
  label: string;
  /** The caller's token, redacted from anything echoed back. */
  token: string;
  /** Aborts the exchange: the caller's signal, joined with the call's deadline. */
  signal: AbortSignal;
  /** From dispatch (connect included) to response headers. */
  headersMs: number;
  /** Longest pause between two chunks of the body. */
  bodyMs: number;
}

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** The body as received (`text` is it decoded as UTF-8). */
  bytes: Buffer;
}

/**
 * Sends one request. Resolves to the response or to the transport failure it amounts to;
 * rejects only with the reason of `signal` when that aborts it.
 */
export async function exchange(
  pool: Dispatcher,
  request: ExchangeRequest,
): Promise<RawResponse | SentryUpstreamError> {
  const { signal, label } = request;
  const attempt = new AbortController();
  const onAbort = () => attempt.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let expired: 'headers' | 'body' | undefined;
  const expire = (what: 'headers' | 'body') => {
    expired = what;
    attempt.abort();
  };
  // undici's own header/body timers tick at one-second resolution; these are exact. The headers
  // timer runs from dispatch (connect included), the body timer is an idle timer re-armed by
  // every chunk.
  let timer = setTimeout(() => expire('headers'), request.headersMs);
  try {
    const response = await pool.request({
      method: request.method as Dispatcher.HttpMethod,
      path: request.path,
      headers: request.headers,
      body: request.body ?? null,
      signal: attempt.signal,
      idempotent: request.method === 'GET',
    });
    clearTimeout(timer);
    timer = setTimeout(() => expire('body'), request.bodyMs);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      timer.refresh();
    }
    const bytes = Buffer.concat(chunks);
    return {
      status: response.statusCode,
      headers: response.headers as ResponseHeaders,
      text: bytes.toString('utf8'),
      bytes,
    };
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    if (expired) {
      return new SentryUpstreamError({
        status: 504,
        failure: 'timeout',
        message: `Sentry did not send the response ${expired} in time`,
        request: label,
      });
    }
    return transportError(error, label, request.token);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** No connection, or it broke before an answer: what the circuit breaker counts. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** A failure without a usable response: timeout or connection trouble. */
export function transportError(error: unknown, label: string, token: string): SentryUpstreamError {
  const code = errorCode(error);
  const unreachable = UNREACHABLE_CODES.has(code);
  if (TIMEOUT_CODES.has(code)) {
    return new SentryUpstreamError({
      status: 504,
      failure: 'timeout',
      message: `Sentry did not answer in time (${code})`,
      request: label,
      unreachable,
    });
  }
  if (error instanceof undiciErrors.ResponseExceededMaxSizeError) {
    return new SentryUpstreamError({
      status: 502,
      failure: 'malformed',
      message: 'Sentry response exceeded the size limit',
      request: label,
    });
  }
  const reason = code || (error instanceof Error ? error.name : 'unknown');
  return new SentryUpstreamError({
    status: 502,
    failure: 'connection',
    message: `Connection to Sentry failed (${reason.replaceAll(token, '[redacted]')})`,
    request: label,
    unreachable,
  });
}

/** `code` of an error, or of its `cause` (fetch-style wrappers), or `''`. */
function errorCode(error: unknown): string {
  for (let current = error, depth = 0; depth < 3; depth++) {
    if (typeof current !== 'object' || current === null) return '';
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return '';
}

/**
 * What a web page may do with the gateway: CORS only for the origins the operator names, and
 * CSRF prevention, so that no page a user happens to open can use a server-wide token through
 * a gateway on their machine.
 */
import { IncomingMessage } from 'node:http';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { parseOrigin } from '../config.ts';

/**
 * Headers that mark a request as preflighted: a page on another origin can set none of them
 * without the browser asking the gateway first (and CORS then refusing it).
 */
export const CSRF_HEADERS = [
  'x-graphql-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-graphql-yoga-csrf',
] as const;

/** The content types a browser sends cross-origin without a preflight (Fetch "CORS-safelisted"). */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** The CORS answer for one request: Yoga's (whatwg-node's) `CORSOptions`, or none at all. */
type CorsFor = (
  request: Request,
) => { origin: string; credentials: boolean; methods: string[]; maxAge: number } | false;

/**
 * Yoga's `cors` option for `origins` (validated and normalised here): CORS headers for those
 * origins only, none for any other. Yoga's default would echo every `Origin` with credentials.
 */
export function corsFor(origins: readonly string[]): { cors: CorsFor; origins: Set<string> } {
  const allowed = new Set(origins.map((origin) => parseOrigin(origin, 'cors.origins')));
  const cors: CorsFor = (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return { origin, credentials: true, methods: ['GET', 'POST'], maxAge: 600 };
  };
  return { cors, origins: allowed };
}

/**
 * Headers every response gets: with origins allowed, `Vary: Origin`, since the answer depends
 * on the request's `Origin` (Yoga says so only when it echoes one of several origins); and on
 * pages (GraphiQL), no framing by other sites, which could otherwise trick a click on "run"
 * for an operation they put in the URL.
 */
export function useExposureHeaders(origins: Set<string>): Plugin {
  return {
    onResponse({ response }) {
      const { headers } = response;
      if (origins.size > 0 && !/\borigin\b/i.test(headers.get('vary') ?? '')) {
        headers.append('vary', 'Origin');
      }
      if (headers.get('content-type')?.startsWith('text/html')) {
        headers.set('x-frame-options', 'DENY');
        headers.set('content-security-policy', "frame-ancestors 'none'");
      }
    },
  };
}

/**
 * CSRF prevention as Apollo Server and `@graphql-yoga/plugin-csrf-prevention` define it: a
 * request a browser can send from any page without a preflight (a GET, or a POST of a form or
 * plain text: no content type, or a CORS-safelisted one) is refused, before its body is read,
 * unless it carries one of `CSRF_HEADERS`. GraphiQL's page is a GET Yoga answers before this
 * runs, and its operations are JSON POSTs, so it is not affected. The refusal is Apollo's, 400
 * with BAD_REQUEST (Yoga's plugin, not a dependency here, answers 403 without a code).
 */
export function useCSRFPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (wasPreflighted(request.headers)) return;
      throw createGraphQLError(
        `This request has no CSRF header and could have been sent by any web page: send it as application/json or add an "${CSRF_HEADERS[0]}: 1" header.`,
        { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
      );
    },
  };
}

function wasPreflighted(headers: Headers): boolean {
  const contentType = headers.get('content-type');
  if (contentType !== null) {
    const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (essence !== '' && !SIMPLE_CONTENT_TYPES.has(essence)) return true;
  }
  return CSRF_HEADERS.some((name) => (headers.get(name) ?? '') !== '');
}

/**
 * Yoga's `maxRequestBodySize` stops reading a body at the limit and answers 413, and the rest of
 * the body stays unread in the socket, where it would hold up the next request on that
 * keep-alive connection: the connection is closed after the 413 instead.
 */
export function useCloseAfterCutBody(): Plugin {
  return {
    onResponse({ response, serverContext }) {
      const { req } = serverContext as { req?: unknown };
      if (response.status === 413 && req instanceof IncomingMessage && !req.complete) {
        response.headers.set('connection', 'close');
      }
    },
  };
}

/** The names a browser uses for this machine's loopback interface. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/**
 * DNS rebinding: a page of `evil.example` whose name is made to resolve to 127.0.0.1 is
 * same-origin with a loopback gateway, so CORS and CSRF prevention do not stop it; its requests
 * still say `Host: evil.example`. With `allowed` set, a request whose Host names another host
 * (any port) is refused with 400 and BAD_REQUEST before anything else runs, as Vite's and
 * webpack-dev-server's `allowedHosts` do. `*.localhost` names loopback by definition and passes.
 */
export function useHostCheck(allowed: readonly string[] | undefined): Plugin {
  if (allowed === undefined) return {};
  const names = new Set(allowed.map((host) => host.toLowerCase()));
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const hostname = hostnameOf(request.headers.get('host'));
      if (hostname !== undefined && (names.has(hostname) || hostname.endsWith('.localhost'))) {
        return;
      }
      const error = createGraphQLError(
        'This Host header names a host the gateway does not serve; add it with --allowed-host.',
        { extensions: { code: 'BAD_REQUEST' } },
      );
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

/** `example.com:4000` → `example.com`, `[::1]:4000` → `[::1]`; undefined when absent. */
function hostnameOf(host: string | null): string | undefined {
  if (host === null || host === '') return undefined;
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? undefined : lower.slice(0, end + 1);
  }
  return lower.split(':')[0];
}

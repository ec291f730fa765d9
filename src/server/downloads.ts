/**
 * File downloads through the gateway: `GET /files/release-files/{org}/{version}/{file_id}` and
 * `GET /files/debug-files/{org}/{project}/{id}` send the bytes Sentry answers to `?download=1`
 * (and `dsyms/?id=`), with the caller's own token. The server-wide token is used only for a
 * request that carries no `Authorization` header and that no other site's page made
 * (`Sec-Fetch-Site` other than `same-origin`/`none`, or a foreign `Origin`, gets 401): a page
 * elsewhere could otherwise fetch, or load as a script, files with the operator's token. The
 * answer is an attachment a browser will not sniff or run.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { requestToken } from '../context.ts';
import { SentryClient } from '../sentry/client.ts';
import { header, SentryApiError } from '../sentry/http/errors.ts';
import type { Upstream } from '../sentry/http/upstream.ts';

const PREFIX = '/files/';

/** True when a browser says the request came from a page of another site (or origin). */
function crossOrigin(request: Request, url: URL): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin !== url.origin;
}

function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
): Response {
  const error = createGraphQLError(message, { extensions: { code } });
  return new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const STATUS_CODES: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

export function useFileDownloads(upstream: Upstream, fallbackToken: string | undefined): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(PREFIX)) return;
      if (request.method !== 'GET') {
        endResponse(errorResponse(fetchAPI, 405, 'BAD_REQUEST', 'Downloads are GET requests.'));
        return;
      }
      const [kind, org = '', scope = '', id = '', ...rest] = url.pathname
        .slice(PREFIX.length)
        .split('/')
        .map((segment) => {
          try {
            return decodeURIComponent(segment);
          } catch {
            return '';
          }
        });
      if (
        (kind !== 'release-files' && kind !== 'debug-files') ||
        !org ||
        !scope ||
        !id ||
        rest.length > 0
      ) {
        endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', 'No such download.'));
        return;
      }
      const authorization = request.headers.get('authorization');
      const token =
        authorization === null && crossOrigin(request, url)
          ? undefined
          : requestToken(authorization, fallbackToken);
      if (!token) {
        endResponse(
          errorResponse(
            fetchAPI,
            401,
            'UNAUTHENTICATED',
            'Send `Authorization: Bearer <token>` to download.',
          ),
        );
        return;
      }
      const sentry = new SentryClient({ upstream, token, signal: request.signal });
      try {
        const { bytes, headers } =
          kind === 'release-files'
            ? await sentry.releaseFiles.download(org, scope, id)
            : await sentry.debugFiles.download(org, scope, id);
        const fallbackName = id.replaceAll('"', '');
        endResponse(
          new fetchAPI.Response(new Uint8Array(bytes), {
            status: 200,
            headers: {
              'content-type': 'application/octet-stream',
              'content-disposition':
                header(headers, 'content-disposition') ?? `attachment; filename="${fallbackName}"`,
              'x-content-type-options': 'nosniff',
              'content-security-policy': "sandbox; default-src 'none'",
              'cache-control': 'private, no-store',
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof SentryApiError)) throw error;
        const status = STATUS_CODES[error.code] ?? 502;
        endResponse(
          errorResponse(
            fetchAPI,
            status,
            error.code,
            `Sentry answered the download with ${error.status}.`,
          ),
        );
      }
    },
  };
}

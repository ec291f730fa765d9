/** A startup check that the upstream Sentry answers at all. */
import { Client } from 'undici';
import { parseBaseUrl, trimPath } from './regions.ts';

/**
 * Sends one `GET /api/0/` (Sentry's API index: cheap, answered without a token) to `baseUrl`
 * without any token. Resolves to undefined when anything answers, whatever the status (a 401 or
 * a 404 still proves there is a server), or to a short reason when nothing does within
 * `timeoutMs`: `ECONNREFUSED`, `no answer within 3000 ms`, ... Never rejects.
 */
export async function probeUpstream(
  baseUrl: string,
  timeoutMs = 3000,
): Promise<string | undefined> {
  const answer = await probeUpstreamStatus(baseUrl, timeoutMs);
  return 'reason' in answer ? answer.reason : undefined;
}

/** `probeUpstream`, resolving to the status that answered or the reason nothing did. */
export async function probeUpstreamStatus(
  baseUrl: string,
  timeoutMs = 3000,
): Promise<{ status: number } | { reason: string }> {
  let client: Client | undefined;
  try {
    const base = parseBaseUrl(baseUrl);
    client = new Client(base.origin, {
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const response = await client.request({
      method: 'GET',
      path: `${trimPath(base.pathname)}/api/0/`,
      headers: { accept: 'application/json', 'user-agent': 'sentry-graphql-gateway' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body.dump();
    return { status: response.statusCode };
  } catch (error) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT') {
      return { reason: `no answer within ${timeoutMs} ms` };
    }
    return { reason: typeof code === 'string' ? code : String(name ?? 'unknown error') };
  } finally {
    await client?.destroy();
  }
}

/**
 * DSN authentication as Sentry's Relay does it: the public key comes from the `X-Sentry-Auth`
 * header (or `Authorization: Sentry …`), the `sentry_key` query parameter, or, for envelopes
 * only, the `dsn` in the envelope header. No bearer token is involved. Errors carry Relay's
 * status codes and `{"detail": …}` messages.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LocalData } from '../../data/model.ts';
import { HttpError } from '../../http/reply.ts';
import type { ProjectKeyRecord } from '../keys/record.ts';
import type { ProjectRecord } from '../projects/record.ts';

/** Relay's `ApiErrorResponse`: `detail`, and `causes` only when there are any. */
export const relayError = (status: number, detail: string, causes: string[] = []): HttpError =>
  new HttpError(status, causes.length > 0 ? { detail, causes } : { detail });

/** `DiscardReason::ProjectId`: an unknown or disabled key, or a key of another project. */
const rejected = () => relayError(403, 'event submission rejected with_reason: ProjectId');

/** The `key=value` pairs of `Sentry sentry_key=…, sentry_version=7, …`; undefined when not one. */
export function parseAuthHeader(value: string): Map<string, string> | undefined {
  const match = /^\s*sentry\s+(.*)$/i.exec(value);
  if (!match) return undefined;
  const pairs = new Map<string, string>();
  for (const part of (match[1] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part
      .slice(0, eq)
      .trim()
      .replace(/^sentry_/, '');
    pairs.set(key, part.slice(eq + 1).trim());
  }
  return pairs;
}

/** The public key a request authenticates with (undefined: none given; the envelope may have one). */
export function requestPublicKey(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): string | undefined {
  const header = headers['x-sentry-auth'] ?? headers.authorization;
  const fromHeader = typeof header === 'string' ? parseAuthHeader(header) : undefined;
  if (typeof headers['x-sentry-auth'] === 'string' && !fromHeader) {
    throw relayError(401, 'bad x-sentry-auth header');
  }
  const fromQuery = query.get('sentry_key') ?? undefined;
  if (fromHeader && fromQuery !== undefined) {
    throw relayError(401, 'multiple authorization payloads detected');
  }
  if (fromHeader) {
    const key = fromHeader.get('key');
    if (key === undefined) throw relayError(401, 'bad x-sentry-auth header');
    const version = Number(fromHeader.get('version') ?? '7');
    if (!Number.isInteger(version) || version < 7) {
      throw relayError(400, `unsupported protocol version (${fromHeader.get('version')})`);
    }
    return key;
  }
  return fromQuery;
}

/** The public key and project id of a DSN (`http://KEY@host/PROJECT_ID`). */
export function parseDsn(dsn: string): { key: string; projectId: string } | undefined {
  try {
    const url = new URL(dsn);
    const projectId = url.pathname.split('/').filter(Boolean).pop() ?? '';
    if (url.username === '' || !/^\d+$/.test(projectId)) return undefined;
    return { key: decodeURIComponent(url.username), projectId };
  } catch {
    return undefined;
  }
}

/**
 * The project and key the request may write to. `projectIdText` is the route's `{project_id}`;
 * `key` what {@link requestPublicKey} or the envelope header gave. 401 without a key, 400 for a
 * malformed one or a bad project path, 403 for an unknown, disabled or other project's key.
 */
export function authorize(
  data: LocalData,
  projectIdText: string,
  key: string | undefined,
): { project: ProjectRecord; key: ProjectKeyRecord } {
  if (!/^\d+$/.test(projectIdText)) throw relayError(400, 'bad project path parameter');
  if (key === undefined) throw relayError(401, 'missing authorization information');
  if (!/^[0-9a-f]{32}$/i.test(key)) throw relayError(400, 'bad sentry DSN public key');
  const project = data.projectsById.get(projectIdText);
  const record = project?.keys.find((candidate) => candidate.wire.public === key.toLowerCase());
  if (!project || !record?.wire.isActive) throw rejected();
  return { project, key: record };
}

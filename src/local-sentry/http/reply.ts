/** Replies and errors of the local Sentry, in Sentry's wire shapes. */

/** What a route handler returns; the server serializes it. */
export interface Reply {
  status: number;
  /** JSON-serialized, bytes (`Uint8Array`) sent as they are; `undefined` sends no body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers and helpers; becomes a JSON reply. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
    this.name = 'HttpError';
  }

  toReply(): Reply {
    return { status: this.status, body: this.body, headers: this.headers };
  }
}

export const NOT_FOUND_DETAIL = 'The requested resource does not exist';
export const PERMISSION_DENIED_DETAIL = 'You do not have permission to perform this action.';

export const ok = (body: unknown, headers?: Record<string, string>): Reply =>
  headers ? { status: 200, body, headers } : { status: 200, body };
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

/** 404 `{"detail":"The requested resource does not exist"}` (Sentry's ResourceDoesNotExist). */
export const notFound = (): HttpError => new HttpError(404, { detail: NOT_FOUND_DETAIL });
/** 403 `{"detail":"You do not have permission to perform this action."}` (DRF PermissionDenied). */
export const forbidden = (detail = PERMISSION_DENIED_DETAIL): HttpError =>
  new HttpError(403, { detail });
/** 400 with `{"detail": ...}` or a field-error map. */
export const badRequest = (body: string | Record<string, unknown>): HttpError =>
  new HttpError(400, typeof body === 'string' ? { detail: body } : body);

/** Returns the value or throws 404. */
export function found<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw notFound();
  return value;
}

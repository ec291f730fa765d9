/**
 * Wire types of the transport that every resource shares: JSON values, timestamps, the
 * `X-Sentry-Rate-Limit-*` headers and error bodies. Type-only.
 */

/** ISO-8601 timestamp, e.g. `2026-11-01T00:00:00.000Z`. */
export type SentryDateTime = string;

/** A JSON value as Sentry puts it in free-form fields (`metadata`, `contexts`, `data`...). */
export type SentryJson =
  | string
  | number
  | boolean
  | null
  | SentryJson[]
  | { [key: string]: SentryJson };

export type SentryJsonObject = { [key: string]: SentryJson };

/** The `X-Sentry-Rate-Limit-*` headers of a response, parsed. */
export interface SentryRateLimit {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  concurrentLimit: number;
  concurrentRemaining: number;
}

/** An error body: `{"detail": ...}`, a field-error map, or (429) a bare string. */
export type SentryErrorBody =
  | { detail: string | { code: string; message: string; extra?: SentryJson } }
  | Record<string, string[]>
  | string;

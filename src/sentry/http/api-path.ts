/** Request paths: `apiPath` encodes every interpolated value into a segment of its own. */
import { localBadRequest } from './errors.ts';

declare const apiPathBrand: unique symbol;

/** A request path built by `apiPath`: every interpolated value encoded into its own segment. */
export type ApiPath = string & { readonly [apiPathBrand]: true };

/** A value that may be interpolated into a path. */
export type PathValue = string | number;

/**
 * Builds a Sentry API path, encoding every interpolated value as one path segment:
 *
 * ```ts
 * apiPath`/api/0/organizations/${org}/releases/${version}/`
 * ```
 *
 * `encodeURIComponent` plus the characters it leaves alone that some servers treat specially
 * (`!'()*`), so `/`, `%2F`, `?`, `#`, spaces and unicode stay inside their segment. Values that
 * no encoding can keep in place are refused before any request, with a local
 * `SentryBadRequestError`: an empty value (it would merge two segments), `.` and `..` (URL
 * normalisation turns them into a walk up the path; Sentry forbids them as release versions too)
 * and strings that are not valid UTF-16 (lone surrogates).
 */
export function apiPath(strings: TemplateStringsArray, ...values: PathValue[]): ApiPath {
  let path = strings[0] ?? '';
  values.forEach((value, index) => {
    path += encodeSegment(value) + (strings[index + 1] ?? '');
  });
  return path as ApiPath;
}

/** Encodes one path segment value, or throws a local `SentryBadRequestError`. */
export function encodeSegment(value: PathValue): string {
  const text = typeof value === 'number' ? numberSegment(value) : value;
  if (text === '') throw localBadRequest('Empty value in a Sentry API path');
  if (text === '.' || text === '..') throw localBadRequest(`Invalid path value "${text}"`);
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    throw localBadRequest('Path value is not valid Unicode');
  }
  return encoded.replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function numberSegment(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw localBadRequest('Numeric path values must be non-negative integers');
  }
  return String(value);
}

/** Request paths: `apiPath` encodes every interpolated value into a segment of its own. */
import { localBadRequest } from './errors.ts';
import type { QueryParams } from './upstream.ts';

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
  rememberTemplate(path, strings);
  return path as ApiPath;
}

/** Paths built recently → their route template; bounded, oldest dropped first. */
const templates = new Map<string, string>();
const MAX_TEMPLATES = 10_000;

function rememberTemplate(path: string, strings: TemplateStringsArray): void {
  if (strings.length === 1) return; // no values: the path is its own template
  const template = strings.join('{}');
  templates.delete(path);
  if (templates.size >= MAX_TEMPLATES) {
    const oldest = templates.keys().next();
    if (!oldest.done) templates.delete(oldest.value);
  }
  templates.set(path, template);
}

/**
 * The route template of a path `apiPath` built: `/api/0/organizations/{}/issues/{}/` for
 * `/api/0/organizations/acme/issues/42/`. Sentry's rate limits are per endpoint, not per
 * concrete path, so this is what a budget is keyed by. The templates of the last 10,000 paths
 * built are kept (a path is used right after it is built); an older one is its own template.
 */
export function routeTemplate(path: ApiPath): string {
  return templates.get(path) ?? path;
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

/** Arrays repeat the key; `undefined` is left out; `''` is sent as `key=`. */
export function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

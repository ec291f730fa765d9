/**
 * Cache keys. A key is `<sha256(token)>:<sha256(origin + path + query)>` (hex), so:
 * - an entry can be found only by a caller holding the same token: the token's hash is part of
 *   every key, and nothing else about the caller is (no header lists to forget, unlike caches
 *   keyed by hand-picked request headers);
 * - the token itself is never stored (Redis holds its SHA-256 only), nor the URL in clear.
 * The same key names a flight in `single-flight.ts`.
 */
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `url` is the full request URL: origin, base path, API path and query string. */
export function cacheKey(token: string, url: string): string {
  return `${sha256(token)}:${sha256(url)}`;
}

/** The token part of a key (the token's SHA-256), for tests and diagnostics. */
export function keyTokenHash(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

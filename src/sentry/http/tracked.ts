/** Bounded maps keyed by a token's hash, never by the token. */
import { createHash } from 'node:crypto';

/** Entries kept per (token, origin) before idle ones are dropped. */
export const MAX_TRACKED_KEYS = 5000;

/** First 32 hex digits of SHA-256 of the token: a map key that is not the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export function trackedSet<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key) && map.size >= MAX_TRACKED_KEYS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.delete(key);
  map.set(key, value);
}

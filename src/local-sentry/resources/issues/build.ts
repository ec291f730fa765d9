/** Short ids and permalinks, as Sentry derives them. */

/** Sentry's short-id suffix alphabet (Crockford base32: no I, L, O, U). */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Sentry's `base32_encode` of the per-project counter: 1 → `1`, 42 → `1A`. */
export function base32(n: number): string {
  if (n <= 0) return '0';
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Decodes a short-id suffix (case-insensitive); NaN when it is not base32. */
export function fromBase32(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) return Number.NaN;
    n = n * 32 + digit;
  }
  return n;
}

export const shortIdOf = (projectSlug: string, counter: number): string =>
  `${projectSlug.toUpperCase()}-${base32(counter)}`;

export const permalinkOf = (org: string, issueId: string): string =>
  `https://${org}.sentry.io/issues/${issueId}/`;

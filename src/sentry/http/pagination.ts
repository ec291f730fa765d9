/** Link-header pagination: page parameters, `Page`, cursor parsing and `paginate`. */
import { header, type ResponseHeaders, SentryUpstreamError } from './errors.ts';

/** Page request parameters shared by every paginated endpoint. */
export interface PageParams {
  /** Opaque Sentry cursor from a previous page's `next`/`previous`. */
  cursor?: string;
  /** Page size (1..100; Sentry answers 400 outside that range, it does not clamp). */
  perPage?: number;
}

/** One page of a Sentry list. */
export interface Page<T> {
  items: T[];
  /** Cursor of the next page, present only when Sentry says it has results. */
  next?: string;
  /** Cursor of the previous page, present only when Sentry says it has results. */
  previous?: string;
  /** `X-Hits`: total matches, when the endpoint counts them. */
  hits?: number;
  /** `X-Max-Hits`: the cap on `hits` (1000 for issues); `hits === maxHits` means "at least". */
  maxHits?: number;
  /** `X-Sentry-Direct-Hit: 1`: the issue query was an event id or short id (not paginated). */
  directHit?: boolean;
}

/** One link of Sentry's `Link` header. */
export interface CursorLink {
  url: string;
  rel: string;
  /** `results="true"`: Sentry has rows on that page. */
  results: boolean;
  cursor?: string;
}

/**
 * Parses a `Link` header such as Sentry's
 * `<https://…&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <…>; rel="next"; results="true"; cursor="0:100:0"`.
 * Tolerates odd spacing, unquoted values, any parameter order and commas inside the URL or
 * inside quoted values. Returns the links by `rel` (lower-cased).
 */
export function parseLinkHeader(value: string | undefined | null): Record<string, CursorLink> {
  const links: Record<string, CursorLink> = {};
  if (!value) return links;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const open = value.indexOf('<', i);
    if (open === -1) break;
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    const url = value.slice(open + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    // Parameters: `; name=value` or `; name="value"` until a comma outside quotes.
    while (i < n) {
      while (i < n && /\s/.test(value.charAt(i))) i++;
      if (value.charAt(i) !== ';') break;
      i++;
      while (i < n && /\s/.test(value.charAt(i))) i++;
      let name = '';
      while (i < n && /[^=;,\s]/.test(value.charAt(i))) name += value.charAt(i++);
      while (i < n && /\s/.test(value.charAt(i))) i++;
      let paramValue = '';
      if (value.charAt(i) === '=') {
        i++;
        while (i < n && /\s/.test(value.charAt(i))) i++;
        if (value.charAt(i) === '"') {
          i++;
          while (i < n && value.charAt(i) !== '"') {
            if (value.charAt(i) === '\\' && i + 1 < n) i++;
            paramValue += value.charAt(i++);
          }
          i++;
        } else {
          while (i < n && /[^;,]/.test(value.charAt(i))) paramValue += value.charAt(i++);
          paramValue = paramValue.trim();
        }
      }
      if (name) params[name.toLowerCase()] = paramValue;
    }
    // Skip to the comma that separates links.
    while (i < n && value.charAt(i) !== ',' && value.charAt(i) !== '<') i++;
    if (value.charAt(i) === ',') i++;
    for (const rel of (params['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
      const link: CursorLink = {
        url,
        rel,
        results: (params['results'] ?? '').toLowerCase() === 'true',
      };
      const cursor = params['cursor'];
      if (cursor) link.cursor = cursor;
      links[rel] = link;
    }
  }
  return links;
}

/**
 * The paging fields of a `Page` from response headers. A cursor is kept only when its link says
 * `results="true"`: Sentry always sends both links, with `results="false"` when that page is
 * empty (and `previous` on page 1).
 */
export function pageInfo(headers: ResponseHeaders): Omit<Page<never>, 'items'> {
  const links = parseLinkHeader(header(headers, 'link'));
  const info: Omit<Page<never>, 'items'> = {};
  const next = links['next'];
  if (next?.results && next.cursor) info.next = next.cursor;
  const previous = links['previous'];
  if (previous?.results && previous.cursor) info.previous = previous.cursor;
  const hits = count(header(headers, 'x-hits'));
  if (hits !== undefined) info.hits = hits;
  const maxHits = count(header(headers, 'x-max-hits'));
  if (maxHits !== undefined) info.maxHits = maxHits;
  if (header(headers, 'x-sentry-direct-hit') === '1') info.directHit = true;
  return info;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

export interface PaginateOptions {
  /** Stop after this many pages (default: no limit). */
  maxPages?: number;
  /** Start from this cursor. */
  cursor?: string;
}

/**
 * Walks every page, yielding items in order. Throws `SentryUpstreamError` if Sentry hands back
 * a cursor it already gave (a loop would otherwise never end).
 *
 * ```ts
 * for await (const issue of paginate((cursor) => client.issues.list('acme', { cursor }))) …
 * ```
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor = options.cursor;
  let pages = 0;
  while (true) {
    const page = await fetchPage(cursor);
    pages++;
    yield* page.items;
    if (!page.next || (options.maxPages !== undefined && pages >= options.maxPages)) return;
    if (seen.has(page.next)) {
      throw new SentryUpstreamError({
        status: 502,
        failure: 'malformed',
        message: 'Sentry returned a pagination cursor it had already returned',
      });
    }
    seen.add(page.next);
    cursor = page.next;
  }
}

/**
 * Sentry's cursor pagination: `cursor=<value>:<offset>:<is_prev>`, a page size of 1..100
 * (`per_page`, or `limit` on the issue list), and a `Link` header that always carries both
 * `rel="previous"` and `rel="next"` with `results` and `cursor` attributes.
 */
import { badRequest, type Reply } from './reply.ts';

/** Sentry's PAGINATION_DEFAULT_PER_PAGE and MAX_LIMIT. */
export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 100;
/** Sentry's SEARCH_MAX_HITS: `X-Hits` never exceeds it. */
export const MAX_HITS = 1000;

export interface Cursor {
  value: number;
  /** Row offset of the page. */
  offset: number;
  isPrev: boolean;
}

export const formatCursor = ({ value, offset, isPrev }: Cursor): string =>
  `${value}:${offset}:${isPrev ? 1 : 0}`;

/** Parses `value:offset:is_prev`; 400 "Invalid cursor parameter." otherwise. */
export function parseCursor(raw: string | null): Cursor {
  if (raw === null || raw === '') return { value: 0, offset: 0, isPrev: false };
  const bits = raw.split(':');
  const numbers = bits.map((bit) => (/^-?\d+$/.test(bit) ? Number(bit) : Number.NaN));
  const [value, offset, isPrev] = numbers;
  if (
    bits.length !== 3 ||
    value === undefined ||
    offset === undefined ||
    isPrev === undefined ||
    numbers.some((n) => !Number.isSafeInteger(n)) ||
    offset < 0 ||
    (isPrev !== 0 && isPrev !== 1)
  ) {
    throw badRequest('Invalid cursor parameter.');
  }
  return { value, offset, isPrev: isPrev === 1 };
}

/** Reads a page size parameter: 1..100, default 100; anything else is a 400. */
export function parsePageSize(
  query: URLSearchParams,
  param: 'per_page' | 'limit' = 'per_page',
  fallback = DEFAULT_PER_PAGE,
): number {
  const raw = query.get(param);
  if (raw === null) return fallback;
  if (!/^\s*-?\d+\s*$/.test(raw)) throw badRequest(`Invalid ${param} parameter.`);
  const size = Number(raw);
  if (size < 1 || size > MAX_PER_PAGE) {
    throw badRequest(`Invalid ${param} value. Must be between 1 and ${MAX_PER_PAGE}.`);
  }
  return size;
}

/** The request as pagination needs it: absolute URL pieces for the Link header. */
export interface PageContext {
  /** `http://host:port/raw/path/` of this request, without query. */
  selfUrl: string;
  query: URLSearchParams;
}

/** One `Link` entry, exactly as Sentry's CURSOR_LINK_HEADER formats it. */
function cursorLink(context: PageContext, rel: string, cursor: Cursor, hasResults: boolean) {
  const rest = new URLSearchParams(context.query);
  rest.delete('cursor');
  const querystring = rest.toString();
  const uri = querystring ? `${context.selfUrl}?${querystring}` : `${context.selfUrl}?`;
  const value = formatCursor(cursor);
  return `<${uri}&cursor=${value}>; rel="${rel}"; results="${hasResults}"; cursor="${value}"`;
}

/** The `Link` header for a page starting at `offset` of `total` rows. */
export function linkHeader(
  context: PageContext,
  offset: number,
  perPage: number,
  total: number,
): string {
  const previous = cursorLink(
    context,
    'previous',
    { value: 0, offset: Math.max(0, offset - perPage), isPrev: true },
    offset > 0,
  );
  const next = cursorLink(
    context,
    'next',
    { value: 0, offset: offset + perPage, isPrev: false },
    offset + perPage < total,
  );
  return `${previous}, ${next}`;
}

export interface PaginateOptions {
  /** `limit` on the issue list, `per_page` elsewhere. */
  param?: 'per_page' | 'limit';
  /** Set `X-Hits`/`X-Max-Hits` (issue and event lists). */
  countHits?: boolean;
}

/** Serves one page of `items` with Sentry's headers. */
export function paginate<T>(
  items: readonly T[],
  context: PageContext,
  { param = 'per_page', countHits = false }: PaginateOptions = {},
): Reply {
  const perPage = parsePageSize(context.query, param);
  const { offset } = parseCursor(context.query.get('cursor'));
  const headers: Record<string, string> = {
    Link: linkHeader(context, offset, perPage, items.length),
  };
  if (countHits) {
    headers['X-Hits'] = String(Math.min(items.length, MAX_HITS));
    headers['X-Max-Hits'] = String(MAX_HITS);
  }
  return { status: 200, body: items.slice(offset, offset + perPage), headers };
}

/** Like {@link paginate}, but maps only the rows of the page (for costly serializers). */
export function paginateMapped<T, U>(
  items: readonly T[],
  context: PageContext,
  map: (item: T) => U,
  options: PaginateOptions = {},
): Reply {
  const reply = paginate(items, context, options);
  return { ...reply, body: (reply.body as T[]).map(map) };
}

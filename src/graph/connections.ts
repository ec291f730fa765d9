/**
 * Sentry pagination → Relay connections, said once. Sentry cursors address pages; a Relay edge
 * cursor here says "the page at this Sentry cursor, after this many items", so resuming after
 * the last edge of a page fetches the next page and resuming mid-page refetches the same page.
 */
import type { Page, PageParams } from '../sentry/http/pagination.ts';
import { badUserInput } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** The connection arguments Pothos passes to a connection resolver. */
export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** What to ask Sentry for, and how to cut its page into the edges the caller wanted. */
export interface PageRequest {
  /** Pass to the client method (`cursor`, `perPage`). */
  params: PageParams & { perPage: number };
  /** Items at the start of the Sentry page that the caller has already seen. */
  skip: number;
  /** Edges to return at most. */
  first: number;
}

interface Position {
  /** Sentry cursor of the page; absent for the first page. */
  c?: string;
  /** Page size the cursor was used with (kept when resuming mid-page). */
  n?: number;
  /** Items of that page already returned. */
  s?: number;
}

/** Validates Relay arguments (BAD_USER_INPUT, no request sent) and plans the Sentry call. */
export function pageRequest(args: ConnectionArgs): PageRequest {
  if (args.last != null || args.before != null) {
    throw badUserInput(
      'Sentry lists page forward only: use `first` and `after`; `last` and `before` are not supported.',
      { argument: args.last != null ? 'last' : 'before' },
    );
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, {
      argument: 'first',
    });
  }
  const position = args.after == null ? {} : decodeCursor(args.after);
  if (position.s !== undefined && position.n !== undefined) {
    return {
      params: { perPage: position.n, ...(position.c ? { cursor: position.c } : {}) },
      skip: position.s,
      first,
    };
  }
  return {
    params: { perPage: first, ...(position.c ? { cursor: position.c } : {}) },
    skip: 0,
    first,
  };
}

/** A Relay connection over one Sentry page, with `totalCount` from `X-Hits` when Sentry sent it. */
export function pageToConnection<T>(page: Page<T>, request: PageRequest) {
  const items = page.items.slice(request.skip, request.skip + request.first);
  const pageSize = request.params.perPage;
  const pageExhausted = request.skip + items.length >= page.items.length;
  const edges = items.map((node, index) => {
    const seen = request.skip + index + 1;
    const atPageEnd = seen === page.items.length && page.next !== undefined;
    const position: Position = atPageEnd
      ? { c: page.next }
      : { ...(request.params.cursor ? { c: request.params.cursor } : {}), n: pageSize, s: seen };
    return { cursor: encodeCursor(position), node };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: !pageExhausted || page.next !== undefined,
      hasPreviousPage: page.previous !== undefined || request.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.hits ?? null,
    totalCountIsCapped: page.hits !== undefined && page.hits === page.maxHits,
  };
}

/** A connection over a list that Sentry returned whole (no pagination), with the same cursors. */
export function listToConnection<T>(items: readonly T[], args: ConnectionArgs) {
  const request = pageRequest(args);
  return pageToConnection({ items: [...items], hits: items.length }, request);
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const invalid = () =>
    badUserInput('Invalid cursor: pass a cursor this API returned.', { argument: 'after' });
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const { c, n, s } = value as Record<string, unknown>;
  const position: Position = {};
  if (c !== undefined) {
    if (typeof c !== 'string' || c.length === 0 || c.length > 500 || !/^[\x21-\x7e]+$/.test(c)) {
      throw invalid();
    }
    position.c = c;
  }
  if (n !== undefined || s !== undefined) {
    if (!isCount(n, 1, MAX_PAGE_SIZE) || !isCount(s, 1, MAX_PAGE_SIZE)) throw invalid();
    position.n = n;
    position.s = s;
  }
  return position;
}

function isCount(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * SCIM list requests: `filter` (only `attribute eq "value"`, as Sentry supports), `startIndex`
 * (1-based) and `count` (0..100), and the ListResponse envelope.
 */
import type { RequestContext } from '../../http/context.ts';
import { LIST_SCHEMA, scimError, scimReply } from './wire.ts';

const MAX_COUNT = 100;

/** The value of `filter=<attribute> eq "<value>"`; undefined without a filter; 400 otherwise. */
export function filterValue(context: RequestContext, attribute: string): string | undefined {
  const raw = context.query.get('filter');
  if (raw === null || raw.trim() === '') return undefined;
  const match = /^\s*(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(raw);
  if (!match || match[1]?.toLowerCase() !== attribute.toLowerCase()) {
    throw scimError(400, 'Invalid filter');
  }
  return (match[2] ?? '').replace(/\\(.)/g, '$1');
}

function integerParam(context: RequestContext, name: string, fallback: number, min: number) {
  const raw = context.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw scimError(400, `${name}: Ensure this value is greater than or equal to ${min}.`);
  }
  return Number(raw);
}

/** One page of rows in the ListResponse envelope. */
export function scimList<T>(context: RequestContext, rows: T[], body: (row: T) => unknown) {
  const startIndex = integerParam(context, 'startIndex', 1, 1);
  const count = Math.min(integerParam(context, 'count', MAX_COUNT, 0), MAX_COUNT);
  const page = rows.slice(startIndex - 1, startIndex - 1 + count);
  return scimReply(200, {
    schemas: [LIST_SCHEMA],
    totalResults: rows.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map(body),
  });
}

/** The `Operations` of a PatchOp body (1..100 of them), or a SCIM 400. */
export function patchOperations(body: unknown): { op: string; path?: string; value?: unknown }[] {
  const operations = (body as { Operations?: unknown } | undefined)?.Operations;
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > 100) {
    throw scimError(400, 'Invalid Patch Operation.');
  }
  return operations.map((operation) => {
    const row = (typeof operation === 'object' && operation !== null ? operation : {}) as {
      op?: unknown;
      path?: unknown;
      value?: unknown;
    };
    if (typeof row.op !== 'string' || (row.path !== undefined && typeof row.path !== 'string')) {
      throw scimError(400, 'Invalid Patch Operation.');
    }
    return {
      op: row.op.toLowerCase(),
      ...(typeof row.path === 'string' ? { path: row.path } : {}),
      value: row.value,
    };
  });
}

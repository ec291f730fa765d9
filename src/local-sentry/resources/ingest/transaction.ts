/**
 * A transaction event (`transaction` envelope item, or `store` with `type: "transaction"`) as
 * Relay normalises and Sentry stores it: the event's common interfaces (`normalize.ts`), its
 * start and end, spans, measurements (with Relay's default units) and the `span_ops` breakdown
 * Sentry's default project config asks Relay for (`ops.http`, `ops.db`, `ops.browser`,
 * `ops.resource`, `ops.ui` and `total.time`: time covered by spans of those ops, overlaps
 * counted once). Stored as a transaction, grouped into no issue.
 */
import type {
  SentryJsonObject,
  SentryMeasurement,
  SentrySpan,
  SentryTransactionFields,
} from '../../../sentry/types.ts';
import type { LocalData } from '../../data/model.ts';
import { orgOfRecord } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { addTransaction, findTransaction } from '../transactions/store.ts';
import { isObj, type Obj, parseTimestamp, str } from './interfaces.ts';
import { type NormalizedEvent, normalizeEvent } from './normalize.ts';
import { entriesOf, eventRecordOf, touchRelease } from './save.ts';

/** Sentry's default `breakdownsV2.span_ops.matches`. */
const SPAN_OPS = ['http', 'db', 'browser', 'resource', 'ui'];

/** Measurements Relay knows the unit of; the rest default to `none`. */
const MILLISECONDS = new Set([
  'fcp',
  'fid',
  'fp',
  'inp',
  'lcp',
  'ttfb',
  'ttfb.requesttime',
  'app_start_cold',
  'app_start_warm',
  'time_to_initial_display',
  'time_to_full_display',
]);

export interface NormalizedTransaction {
  event: NormalizedEvent;
  fields: Required<SentryTransactionFields>;
  spans: SentrySpan[];
}

const seconds = (ms: number) => ms / 1000;

function spanOf(raw: Obj, traceId: string | null): SentrySpan | undefined {
  const start = parseTimestamp(raw['start_timestamp']);
  const end = parseTimestamp(raw['timestamp']);
  if (start === undefined || end === undefined) return undefined;
  return {
    timestamp: seconds(end),
    start_timestamp: seconds(start),
    exclusive_time: null,
    op: str(raw['op']) ?? 'default',
    span_id: str(raw['span_id']),
    parent_span_id: str(raw['parent_span_id']),
    trace_id: str(raw['trace_id']) ?? traceId,
    description: str(raw['description']),
    status: str(raw['status']),
    origin: str(raw['origin']),
    tags: isObj(raw['tags']) ? (raw['tags'] as SentryJsonObject) : null,
    data: isObj(raw['data']) ? (raw['data'] as SentryJsonObject) : null,
    same_process_as_parent: raw['same_process_as_parent'] !== false,
  };
}

/** Milliseconds covered by the intervals, overlaps counted once. */
function covered(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = sorted[0] ?? [0, 0];
  for (const [start, end] of sorted.slice(1)) {
    if (start > to) {
      total += to - from;
      [from, to] = [start, end];
    } else to = Math.max(to, end);
  }
  return total + (to - from);
}

/**
 * Relay's `exclusive_time` (ms): a span's duration less the time its direct children cover
 * (clipped to it, overlaps counted once).
 */
function exclusiveTime(span: SentrySpan, spans: SentrySpan[]): number {
  const [start, end] = [span.start_timestamp * 1000, span.timestamp * 1000];
  const children = spans
    .filter((child) => child !== span && child.parent_span_id === span.span_id)
    .map((child): [number, number] => [
      Math.max(start, child.start_timestamp * 1000),
      Math.min(end, child.timestamp * 1000),
    ])
    .filter(([from, to]) => to > from);
  const value = end - start - (children.length > 0 ? covered(children) : 0);
  return Math.round(Math.max(0, value) * 1000) / 1000;
}

/** Relay's `SpanOperationsConfig::emit_breakdowns`. */
function spanOpsBreakdown(spans: SentrySpan[]): Record<string, SentryMeasurement> | null {
  const byOp = new Map<string, [number, number][]>();
  for (const span of spans) {
    const op = span.op ?? '';
    const match = SPAN_OPS.find((prefix) => op.startsWith(prefix));
    if (match === undefined) continue;
    const list = byOp.get(match) ?? [];
    list.push([span.start_timestamp * 1000, span.timestamp * 1000]);
    byOp.set(match, list);
  }
  if (byOp.size === 0) return null;
  const breakdown: Record<string, SentryMeasurement> = {};
  let total = 0;
  for (const [op, intervals] of byOp) {
    const spent = covered(intervals);
    total += spent;
    breakdown[`ops.${op}`] = { value: spent, unit: 'millisecond' };
  }
  breakdown['total.time'] = { value: total, unit: 'millisecond' };
  return breakdown;
}

function measurementsOf(raw: unknown): Record<string, SentryMeasurement> | null {
  if (!isObj(raw)) return null;
  const out: Record<string, SentryMeasurement> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isObj(value) || typeof value['value'] !== 'number') continue;
    const key = name.toLowerCase();
    out[key] = {
      value: value['value'],
      unit: str(value['unit']) ?? (MILLISECONDS.has(key) ? 'millisecond' : 'none'),
    };
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Normalises a transaction payload; undefined when it lacks a start or end (Relay rejects
 * those as invalid transactions).
 */
export function normalizeTransaction(
  raw: Obj,
  options: { received: number; fallbackId?: string; clientIp?: string; size: number },
): NormalizedTransaction | undefined {
  const start = parseTimestamp(raw['start_timestamp']);
  if (start === undefined || parseTimestamp(raw['timestamp']) === undefined) return undefined;
  // Relay gives transactions the `info` level unless the SDK set one.
  const base = normalizeEvent({ ...raw, level: raw['level'] ?? 'info' }, options);
  const name = base.transaction ?? '<unlabeled transaction>';
  const trace = isObj(base.contexts['trace']) ? (base.contexts['trace'] as Obj) : {};
  const traceId = str(trace['trace_id']);
  const spans = (Array.isArray(raw['spans']) ? raw['spans'] : [])
    .filter(isObj)
    .map((span) => spanOf(span, traceId))
    .filter((span): span is SentrySpan => span !== undefined);
  if (trace['op'] === undefined && Object.keys(trace).length > 0) trace['op'] = 'default';
  for (const span of spans) span.exclusive_time = exclusiveTime(span, spans);
  if (Object.keys(trace).length > 0) {
    // The transaction is the root span: its children are the spans under its `span_id`.
    const root: SentrySpan = {
      span_id: str(trace['span_id']),
      start_timestamp: seconds(start),
      timestamp: seconds(base.timestamp),
    };
    trace['exclusive_time'] = exclusiveTime(root, spans);
  }
  const event: NormalizedEvent = {
    ...base,
    type: 'transaction',
    title: name,
    culprit: name,
    location: name,
    metadata: { title: name, location: name },
    grouping: null,
  };
  return {
    event,
    spans,
    fields: {
      startTimestamp: seconds(start),
      endTimestamp: seconds(base.timestamp),
      measurements: measurementsOf(raw['measurements']),
      breakdowns: (() => {
        const spanOps = spanOpsBreakdown(spans);
        return spanOps ? { span_ops: spanOps } : null;
      })(),
    },
  };
}

/** Stores the transaction (no issue); false when its id was seen already. */
export function saveTransaction(
  data: LocalData,
  project: ProjectRecord,
  transaction: NormalizedTransaction,
): boolean {
  const org = orgOfRecord(data, project);
  const { event: normalized } = transaction;
  if (findTransaction(org, normalized.id)) return false;
  const record = eventRecordOf(org, project, normalized, {
    type: 'transaction',
    entries: [{ type: 'spans', data: transaction.spans }, ...entriesOf(normalized)],
    fingerprints: [],
    attachments: [],
    transaction: transaction.fields,
  });
  if (!addTransaction(org, project, record)) return false;
  touchRelease(data, org, project, record);
  return true;
}

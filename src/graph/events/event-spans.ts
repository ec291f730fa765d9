/**
 * A transaction's spans on `Event` (its `spans` entry), typed: ids, op, description, status,
 * start and end, durations and the free-form data. Empty for error events. Comes with the one
 * full-event call the other entries share.
 */
import type { SentrySpan } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { Event, entry, fullEvent } from './event.ts';

const at = (seconds: number) => new Date(seconds * 1000).toISOString();

export const EventSpan = builder.objectRef<SentrySpan>('EventSpan').implement({
  description: 'One span of a transaction: a timed operation (a query, an HTTP call, a render).',
  fields: (t) => ({
    spanId: t.string({ nullable: true, resolve: (span) => span.span_id ?? null }),
    parentSpanId: t.string({
      nullable: true,
      description: 'The span it ran under (the transaction itself for top-level spans).',
      resolve: (span) => span.parent_span_id ?? null,
    }),
    traceId: t.string({ nullable: true, resolve: (span) => span.trace_id ?? null }),
    op: t.string({
      nullable: true,
      description: 'Operation, e.g. "db.query", "http.client".',
      resolve: (span) => span.op ?? null,
    }),
    description: t.string({
      nullable: true,
      description: 'What it did, e.g. the SQL or "GET https://…".',
      resolve: (span) => span.description ?? null,
    }),
    status: t.string({
      nullable: true,
      description: 'e.g. "ok", "internal_error".',
      resolve: (span) => span.status ?? null,
    }),
    startedAt: t.field({ type: 'DateTime', resolve: (span) => at(span.start_timestamp) }),
    endedAt: t.field({ type: 'DateTime', resolve: (span) => at(span.timestamp) }),
    durationMs: t.float({
      description: 'End minus start, in milliseconds.',
      resolve: (span) => Math.round((span.timestamp - span.start_timestamp) * 1e6) / 1e3,
    }),
    exclusiveTimeMs: t.float({
      nullable: true,
      description: 'Time not covered by its child spans, when Sentry computed it.',
      resolve: (span) => span.exclusive_time ?? null,
    }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Its attributes, as the SDK sent them.',
      resolve: (span) => span.data ?? null,
    }),
  }),
});

builder.objectFields(Event, (t) => ({
  spans: t.field({
    type: [EventSpan],
    description: "A transaction's spans, as sent; empty for error events.",
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'spans')?.data ?? [],
  }),
}));

/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON): a server span per GraphQL operation,
 * child of the caller's W3C `traceparent` when it sends one, and a client span per HTTP attempt
 * to Sentry, whose context goes upstream as `traceparent`. Spans hold route templates, statuses
 * and counts, never a token, variables or a document. No provider is created (nothing runs)
 * unless `createTracing` is called, i.e. unless an OTLP endpoint is configured.
 */
import {
  type Attributes,
  type Context,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { CallObserver } from '../sentry/http/observer.ts';
import type { OperationObserver, OperationRecord } from './operation.ts';
import { namedRoute } from './route.ts';

// Incubating conventions, copied rather than imported from `semantic-conventions/incubating`,
// as its README advises.
const ATTR_URL_TEMPLATE = 'url.template';
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';

export interface TracingOptions {
  /** The OTLP/HTTP traces endpoint, e.g. `http://collector:4318/v1/traces`. */
  endpoint: string;
  /** `service.name` of the spans. @default 'sentry-graphql' */
  serviceName?: string;
  /** Another exporter instead of OTLP/HTTP (tests, other backends). */
  exporter?: SpanExporter;
}

export interface Tracing {
  operations: OperationObserver;
  /** The observer of one request's calls to Sentry: their spans are children of its span. */
  observer(request: Request): CallObserver | undefined;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

const headersGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

export function createTracing(options: TracingOptions): Tracing {
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: options.endpoint });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName ?? 'sentry-graphql',
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('sentry-graphql');
  const propagator = new W3CTraceContextPropagator();
  const spans = new WeakMap<Request, { span: Span; context: Context }>();

  const operations: OperationObserver = {
    operation(record) {
      if (spans.has(record.request)) return;
      const parent = propagator.extract(ROOT_CONTEXT, record.request.headers, headersGetter);
      const url = new URL(record.request.url);
      const span = tracer.startSpan(
        `${record.request.method} ${url.pathname}`,
        {
          kind: SpanKind.SERVER,
          startTime: performance.timeOrigin + record.startedAt,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: record.request.method,
            [ATTR_HTTP_ROUTE]: url.pathname,
            [ATTR_URL_SCHEME]: url.protocol.replace(':', ''),
            'sentry_graphql.request_id': record.requestId,
          },
        },
        parent,
      );
      spans.set(record.request, { span, context: trace.setSpan(parent, span) });
    },
    executing(record) {
      const entry = spans.get(record.request);
      if (!entry) return;
      entry.span.updateName(operationSpanName(record));
      if (record.operationName) {
        entry.span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, record.operationName);
      }
      if (record.operationType) {
        entry.span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, record.operationType);
      }
    },
    finished(record) {
      const entry = spans.get(record.request);
      if (!entry) return;
      spans.delete(record.request);
      const { span } = entry;
      span.setAttributes({
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: record.status,
        'sentry_graphql.rest_calls': record.restCalls,
        'sentry_graphql.outcome': record.outcome,
        'sentry_graphql.error_codes': record.errorCodes,
      });
      if (record.outcome !== 'ok' && record.outcome !== 'partial') {
        span.setAttribute(ATTR_ERROR_TYPE, record.outcome);
        span.setStatus({ code: SpanStatusCode.ERROR, message: record.outcome });
      }
      span.end(performance.timeOrigin + record.startedAt + record.durationMs);
    },
  };

  const observer = (request: Request): CallObserver | undefined => {
    const entry = spans.get(request);
    if (!entry) return undefined;
    return {
      attempt(attempt, headers) {
        const origin = new URL(attempt.origin);
        const route = namedRoute(attempt.route);
        const attributes: Attributes = {
          [ATTR_HTTP_REQUEST_METHOD]: attempt.method,
          [ATTR_URL_TEMPLATE]: route,
          [ATTR_SERVER_ADDRESS]: origin.hostname,
          [ATTR_SERVER_PORT]: Number(origin.port) || (origin.protocol === 'https:' ? 443 : 80),
          'sentry_graphql.attempt': attempt.attempt,
        };
        if (attempt.attempt > 1) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = attempt.attempt - 1;
        if (attempt.batchSize !== undefined)
          attributes['sentry_graphql.batch_size'] = attempt.batchSize;
        const span = tracer.startSpan(
          `${attempt.method} ${route}`,
          { kind: SpanKind.CLIENT, attributes },
          entry.context,
        );
        propagator.inject(trace.setSpan(entry.context, span), headers, defaultTextMapSetter);
        return (outcome) => {
          if ('status' in outcome) {
            span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
            if (outcome.status >= 400) {
              span.setAttribute(ATTR_ERROR_TYPE, String(outcome.status));
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
          } else {
            span.setAttribute(ATTR_ERROR_TYPE, outcome.failure);
            span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.failure });
          }
          span.end();
        };
      },
      rateLimitWait(call, ms) {
        entry.span.addEvent('rate-limit wait', {
          [ATTR_HTTP_REQUEST_METHOD]: call.method,
          [ATTR_URL_TEMPLATE]: namedRoute(call.route),
          'sentry_graphql.wait_ms': ms,
        });
      },
      refused(call, reason) {
        entry.span.addEvent('upstream call refused', {
          [ATTR_HTTP_REQUEST_METHOD]: call.method,
          [ATTR_URL_TEMPLATE]: namedRoute(call.route),
          'sentry_graphql.reason': reason,
        });
      },
    };
  };

  return { operations, observer, shutdown: () => provider.shutdown() };
}

/** `query OrgSwitcher`, as the GraphQL conventions name an operation's span. */
function operationSpanName(record: OperationRecord): string {
  const type = record.operationType ?? 'operation';
  return record.operationName ? `${type} ${record.operationName}` : type;
}

/**
 * The gateway's observability, assembled once per gateway: the operation record and its
 * observers (log line, metrics), `GET /metrics`, and the observer handed to each request's
 * Sentry client.
 */
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import type { Context } from '../context.ts';
import { type CallObserver, combineObservers } from '../sentry/http/observer.ts';
import type { Upstream } from '../sentry/http/upstream.ts';
import { type Logger, operationLog } from './logging.ts';
import { createMetrics } from './metrics.ts';
import { type OperationObserver, useOperationRecord } from './operation.ts';
import { createTracing, type TracingOptions } from './tracing.ts';

export interface ObservabilityOptions {
  /** The operation log (see `GatewayOptions.logger`). */
  logger?: Logger | undefined;
  /**
   * `GET /metrics`; a registry to put them in instead of one of their own (then without Node's
   * default metrics, which its owner collects if it wants them).
   * @default true
   */
  metrics?: boolean | { registry?: Registry } | undefined;
  /** OpenTelemetry traces over OTLP/HTTP; off (nothing created) when undefined. */
  tracing?: TracingOptions | undefined;
}

export interface Observability {
  /** Yoga plugins: the operation record first, then `GET /metrics`. */
  plugins: (Plugin<Context> | Plugin)[];
  /** The observer of one request's calls to Sentry. */
  observer(request: Request): CallObserver | undefined;
  /** The metrics registry, when metrics are on. */
  registry: Registry | undefined;
  /** Exports the spans still buffered. */
  close(): Promise<void>;
}

export function createObservability(
  upstream: Upstream,
  options: ObservabilityOptions,
): Observability {
  const observers: OperationObserver[] = [];
  const plugins: Plugin[] = [];
  if (options.logger) observers.push(operationLog(options.logger));
  const metrics =
    options.metrics === false
      ? undefined
      : createMetrics(
          upstream,
          typeof options.metrics === 'object' ? options.metrics.registry : undefined,
        );
  if (metrics) {
    observers.push(metrics.operations);
    plugins.push(metrics.plugin);
  }
  const tracing = options.tracing ? createTracing(options.tracing) : undefined;
  if (tracing) observers.push(tracing.operations);
  return {
    plugins: [useOperationRecord(observers), ...plugins],
    observer: tracing
      ? (request) => combineObservers(metrics?.upstream, tracing.observer(request))
      : () => metrics?.upstream,
    registry: metrics?.registry,
    close: async () => {
      await tracing?.shutdown();
    },
  };
}

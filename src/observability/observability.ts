/**
 * The gateway's observability, assembled once per gateway: the operation record and its
 * observers (log line, metrics), `GET /metrics`, and the observer handed to each request's
 * Sentry client.
 */
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import type { Context } from '../context.ts';
import type { CallObserver } from '../sentry/http/observer.ts';
import type { Upstream } from '../sentry/http/upstream.ts';
import { type Logger, operationLog } from './logging.ts';
import { createMetrics } from './metrics.ts';
import { type OperationObserver, useOperationRecord } from './operation.ts';

export interface ObservabilityOptions {
  /** The operation log (see `GatewayOptions.logger`). */
  logger?: Logger | undefined;
  /** `GET /metrics`; a registry to put them in instead of one of their own. @default true */
  metrics?: boolean | { registry?: Registry } | undefined;
}

export interface Observability {
  /** Yoga plugins: the operation record first, then `GET /metrics`. */
  plugins: (Plugin<Context> | Plugin)[];
  /** The observer of one request's calls to Sentry. */
  observer(request: Request): CallObserver | undefined;
  /** The metrics registry, when metrics are on. */
  registry: Registry | undefined;
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
  return {
    plugins: [useOperationRecord(observers), ...plugins],
    observer: () => metrics?.upstream,
    registry: metrics?.registry,
  };
}

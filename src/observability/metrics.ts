/**
 * Prometheus metrics (prom-client), every name prefixed `sentry_graphql_`: operations, their
 * durations and REST calls; upstream requests by method, route template and status, retries,
 * 429s, rate-limit waits, circuit breakers, calls in flight; Node's default process metrics.
 * Label values are bounded and never a token, a slug, an id or a query string: routes are
 * templates, operation names are GraphQL names (at most `MAX_OPERATION_NAMES` distinct ones).
 */
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CallObserver, ObservedCall } from '../sentry/http/observer.ts';
import type { Upstream } from '../sentry/http/upstream.ts';
import { registerCacheMetrics } from './cache-metrics.ts';
import type { OperationObserver, OperationRecord } from './operation.ts';
import { namedRoute } from './route.ts';

export const METRICS_PREFIX = 'sentry_graphql_';
/** The path metrics are served at. */
export const METRICS_PATH = '/metrics';
/** Distinct operation names labelled before the rest count as `other`. */
export const MAX_OPERATION_NAMES = 500;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface GatewayMetrics {
  registry: Registry;
  operations: OperationObserver;
  upstream: CallObserver;
  /** `GET /metrics` in the Prometheus text format. */
  plugin: Plugin;
}

/**
 * Node's default metrics, collected once per process: prom-client's collectors (a GC observer,
 * an event-loop delay monitor) cannot be stopped, so one set serves every gateway of a process.
 */
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: METRICS_PREFIX });
  }
  return processRegistry;
}

/**
 * Creates the metrics of one gateway in a registry of their own, served with Node's default
 * metrics; or in the registry given, without them (its owner collects what it wants).
 */
export function createMetrics(
  upstream: Pick<Upstream, 'circuits' | 'cacheStats' | 'stats'>,
  given?: Registry,
): GatewayMetrics {
  const p = METRICS_PREFIX;
  const registry = given ?? new Registry();
  const opLabels = ['operation', 'type', 'outcome'] as const;
  const operationsTotal = new Counter({
    name: `${p}operations_total`,
    help: 'GraphQL operations by name, type and outcome (ok, partial or the first error code).',
    labelNames: opLabels,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: `${p}operation_duration_seconds`,
    help: 'Time from request to response of GraphQL operations.',
    labelNames: opLabels,
    buckets: SECONDS,
    registers: [registry],
  });
  const operationCalls = new Histogram({
    name: `${p}operation_rest_calls`,
    help: 'HTTP requests to Sentry per GraphQL operation (retries included).',
    labelNames: ['operation', 'type'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100, 250, 1000],
    registers: [registry],
  });
  const operationsInFlight = new Gauge({
    name: `${p}operations_in_flight`,
    help: 'GraphQL operations executing now.',
    registers: [registry],
  });
  const callLabels = ['method', 'route'] as const;
  const upstreamTotal = new Counter({
    name: `${p}upstream_requests_total`,
    help: 'HTTP requests to Sentry by method, route template and status (or failure: timeout, connection, malformed, aborted).',
    labelNames: [...callLabels, 'status'],
    registers: [registry],
  });
  const upstreamSeconds = new Histogram({
    name: `${p}upstream_request_duration_seconds`,
    help: 'Duration of HTTP requests to Sentry, body read included.',
    labelNames: [...callLabels, 'status'],
    buckets: SECONDS,
    registers: [registry],
  });
  const upstreamInFlight = new Gauge({
    name: `${p}upstream_requests_in_flight`,
    help: 'HTTP requests to Sentry in flight now.',
    registers: [registry],
  });
  const retries = new Counter({
    name: `${p}upstream_retries_total`,
    help: 'Retries of GET requests to Sentry after a retryable failure or a 429.',
    labelNames: callLabels,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: `${p}upstream_rate_limited_total`,
    help: 'Rate limits met: 429 answers from Sentry (source="sentry"), and calls refused without a request because the budget was spent (source="budget").',
    labelNames: [...callLabels, 'source'],
    registers: [registry],
  });
  const rateLimitWait = new Counter({
    name: `${p}upstream_rate_limit_wait_seconds_total`,
    help: 'Time calls spent waiting for a rate-limit reset before going.',
    labelNames: callLabels,
    registers: [registry],
  });
  const circuitRefused = new Counter({
    name: `${p}upstream_circuit_refused_total`,
    help: 'Calls refused without a request because the origin circuit breaker was open.',
    labelNames: ['origin'],
    registers: [registry],
  });
  new Gauge({
    name: `${p}upstream_circuit_state`,
    help: 'Circuit breaker per upstream origin: 1 for its current state (closed, open, half-open).',
    labelNames: ['origin', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { origin, state } of upstream.circuits()) {
        for (const each of ['closed', 'open', 'half-open']) {
          this.set({ origin, state: each }, each === state ? 1 : 0);
        }
      }
    },
  });

  registerCacheMetrics(registry, p, upstream);

  const names = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (name === undefined) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) {
      return 'other';
    }
    names.add(name);
    return name;
  };
  const executing = new WeakSet<OperationRecord>();
  const operations: OperationObserver = {
    executing(record) {
      executing.add(record);
      operationsInFlight.inc();
    },
    finished(record) {
      if (executing.delete(record)) operationsInFlight.dec();
      if (!record.graphql) return;
      const labels = {
        operation: operationLabel(record.operationName),
        type: record.operationType ?? 'unknown',
        outcome: record.outcome,
      };
      operationsTotal.inc(labels);
      operationSeconds.observe(labels, record.durationMs / 1000);
      operationCalls.observe({ operation: labels.operation, type: labels.type }, record.restCalls);
    },
  };
  const callLabelsOf = (call: ObservedCall) => ({
    method: call.method,
    route: namedRoute(call.route),
  });
  const observer: CallObserver = {
    attempt(attempt) {
      const labels = callLabelsOf(attempt);
      if (attempt.attempt > 1) retries.inc(labels);
      upstreamInFlight.inc();
      const started = performance.now();
      return (outcome) => {
        upstreamInFlight.dec();
        const status = 'status' in outcome ? String(outcome.status) : outcome.failure;
        upstreamTotal.inc({ ...labels, status });
        upstreamSeconds.observe({ ...labels, status }, (performance.now() - started) / 1000);
        if (status === '429') rateLimited.inc({ ...labels, source: 'sentry' });
      };
    },
    rateLimitWait(call, ms) {
      rateLimitWait.inc(callLabelsOf(call), ms / 1000);
    },
    refused(call, reason) {
      if (reason === 'rate-limited') rateLimited.inc({ ...callLabelsOf(call), source: 'budget' });
      else circuitRefused.inc({ origin: call.origin });
    },
  };
  // Merged once every metric above exists: merge copies the registries' current metrics.
  const served = given ? registry : Registry.merge([processMetrics(), registry]);
  return { registry, operations, upstream: observer, plugin: useMetricsEndpoint(served) };
}

function useMetricsEndpoint(registry: Registry): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== METRICS_PATH) return;
      endResponse(
        new fetchAPI.Response(await registry.metrics(), {
          headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

/**
 * The package's entry (`import { createGateway } from 'sentry-graphql'`): the gateway factory,
 * its option types and the error codes. Mount `gateway.fetch` (or `gateway.yoga`) on any server.
 */
export { ERROR_CODES, type ErrorCode } from './error-codes.ts';
export type { QueryLimits } from './graph/schema-kit/query-cost.ts';
export type { Logger, LoggerSettings } from './observability/logging.ts';
export { createLogger } from './observability/logging.ts';
export type { TracingOptions } from './observability/tracing.ts';
export type { CircuitBreakerOptions } from './sentry/http/circuit-breaker.ts';
export type { RetryOptions } from './sentry/http/retry.ts';
export type { UpstreamOptions, UpstreamTimeouts } from './sentry/http/upstream.ts';
export type { ReadinessOptions } from './server/health.ts';
export type { PersistedOperationsOptions } from './server/persisted-operations.ts';
export { loadManifest } from './server/persisted-operations.ts';
export {
  createGateway,
  type Gateway,
  type GatewayOptions,
  GRAPHQL_PATH,
  type GraphiQLSettings,
} from './server.ts';

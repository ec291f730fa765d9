/** The only reader of `process.env`: turns the environment into typed settings for `serve`. */

/** Settings that `sentry-graphql serve` takes from the environment; flags override them. */
export interface ServeEnv {
  /** `PORT`. */
  port?: number;
  /** `HOST`. */
  host?: string;
  /** `SENTRY_URL` (or `SENTRY_BASE_URL`): the upstream Sentry; unset starts the embedded one. */
  upstream?: string;
  /** `SENTRY_AUTH_TOKEN` (or `SENTRY_TOKEN`): the server-wide token, used only when a request has none. */
  token?: string;
  /** `CORS_ORIGINS`, comma-separated: origins whose pages may call the gateway. */
  corsOrigins?: string[];
  /** `ALLOWED_HOSTS`, comma-separated: further Host names to answer besides loopback's. */
  allowedHosts?: string[];
  /** `SHUTDOWN_TIMEOUT` (ms): longest wait for in-flight requests after SIGTERM/SIGINT. */
  shutdownTimeoutMs?: number;
  /** `UPSTREAM_TIMEOUT` (ms): longest a GraphQL request waits for Sentry, retries included. */
  upstreamTimeoutMs?: number;
  /** `LOG_LEVEL`: the operation log's level. */
  logLevel?: LogLevel;
  /**
   * Where traces go over OTLP/HTTP: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, or
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, as OpenTelemetry's specification says.
   */
  otlpTracesEndpoint?: string;
  /** `OTEL_SERVICE_NAME`: the spans' `service.name`. */
  otelServiceName?: string;
  /** `CACHE_TTL` (seconds): turns on the response cache of upstream GETs. */
  cacheTtlSeconds?: number;
  /** `REDIS_URL`: the shared cache, invalidations and rate-limit state of several instances. */
  redisUrl?: string;
  /** `MAX_UPLOAD_BYTES`: the largest file an upload mutation accepts. */
  maxUploadBytes?: number;
}

/** Levels of the operation log (pino's), most severe first. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Checks a log level; `name` names the source in the error. */
export function parseLogLevel(raw: string, name: string): LogLevel {
  const level = LOG_LEVELS.find((known) => known === raw.toLowerCase());
  if (!level)
    throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

/** Thrown when an environment variable is set to something unusable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads the serve settings from `env` (default `process.env`); empty variables count as unset. */
export function readServeEnv(env: Env = process.env): ServeEnv {
  const value = (...names: string[]) =>
    names.map((name) => env[name]?.trim()).find((v): v is string => v !== undefined && v !== '');
  const settings: ServeEnv = {};
  const port = value('PORT');
  if (port !== undefined) settings.port = parsePort(port, 'PORT');
  const host = value('HOST');
  if (host !== undefined) settings.host = host;
  const upstream = value('SENTRY_URL', 'SENTRY_BASE_URL');
  if (upstream !== undefined) settings.upstream = parseUpstreamUrl(upstream, 'SENTRY_URL');
  const token = value('SENTRY_AUTH_TOKEN', 'SENTRY_TOKEN');
  if (token !== undefined) settings.token = token;
  const origins = value('CORS_ORIGINS');
  if (origins !== undefined) {
    settings.corsOrigins = origins
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '')
      .map((origin) => parseOrigin(origin, 'CORS_ORIGINS'));
  }
  const hosts = value('ALLOWED_HOSTS');
  if (hosts !== undefined) {
    settings.allowedHosts = hosts
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== '')
      .map((host) => parseHostName(host, 'ALLOWED_HOSTS'));
  }
  const shutdownTimeout = value('SHUTDOWN_TIMEOUT');
  if (shutdownTimeout !== undefined) {
    settings.shutdownTimeoutMs = parseMilliseconds(shutdownTimeout, 'SHUTDOWN_TIMEOUT', 0);
  }
  const upstreamTimeout = value('UPSTREAM_TIMEOUT');
  if (upstreamTimeout !== undefined) {
    settings.upstreamTimeoutMs = parseMilliseconds(upstreamTimeout, 'UPSTREAM_TIMEOUT', 1);
  }
  const traces = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const otlp = value('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (traces !== undefined) {
    settings.otlpTracesEndpoint = parseUpstreamUrl(traces, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  } else if (otlp !== undefined) {
    const base = parseUpstreamUrl(otlp, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    settings.otlpTracesEndpoint = `${base}/v1/traces`;
  }
  const serviceName = value('OTEL_SERVICE_NAME');
  if (serviceName !== undefined) settings.otelServiceName = serviceName;
  const logLevel = value('LOG_LEVEL');
  if (logLevel !== undefined) settings.logLevel = parseLogLevel(logLevel, 'LOG_LEVEL');
  const cacheTtl = value('CACHE_TTL');
  if (cacheTtl !== undefined) settings.cacheTtlSeconds = parseCacheTtl(cacheTtl, 'CACHE_TTL');
  const redis = value('REDIS_URL');
  if (redis !== undefined) settings.redisUrl = parseRedisUrl(redis, 'REDIS_URL');
  const maxUpload = value('MAX_UPLOAD_BYTES');
  if (maxUpload !== undefined)
    settings.maxUploadBytes = parseByteCount(maxUpload, 'MAX_UPLOAD_BYTES');
  return settings;
}

/** Longest the response cache keeps an answer: one day. */
export const MAX_CACHE_TTL_SECONDS = 86_400;

/** Parses a cache TTL: whole seconds from 1 to one day; `name` names the source. */
export function parseCacheTtl(raw: string, name: string): number {
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > MAX_CACHE_TTL_SECONDS) {
    throw new ConfigError(
      `${name} must be a number of seconds between 1 and ${MAX_CACHE_TTL_SECONDS}, got "${raw}"`,
    );
  }
  return seconds;
}

/** Checks a Redis URL (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS). */
export function parseRedisUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a redis:// or rediss:// URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    // The URL may carry a password: it is not echoed back.
    throw new ConfigError(`${name} must be a redis:// or rediss:// URL`);
  }
  return raw;
}

/** Longest duration a setting takes: one hour. */
const MAX_MILLISECONDS = 3_600_000;

/** Parses a whole number of milliseconds between `min` and one hour; `name` names the source. */
export function parseMilliseconds(raw: string, name: string, min: number): number {
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < min || ms > MAX_MILLISECONDS) {
    throw new ConfigError(
      `${name} must be a number of milliseconds between ${min} and ${MAX_MILLISECONDS}, got "${raw}"`,
    );
  }
  return ms;
}

/** Parses a TCP port (0–65535); `name` names the source in the error. */
export function parsePort(raw: string, name: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return port;
}

/** Checks that `raw` is an http(s) URL and returns it without a trailing slash. */
export function parseUpstreamUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Checks that `raw` is an http(s) origin (scheme, host and port, nothing after them) and returns
 * it as a browser sends it in `Origin`: lower-case host, default port left out.
 */
export function parseOrigin(raw: string, name: string): string {
  const refused = new ConfigError(
    `${name} must be an origin such as https://app.example.com (no path, no wildcard), got "${raw}"`,
  );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused;
  }
  const plain =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    !/[?#*]/.test(raw);
  if (!plain) throw refused;
  return url.origin;
}

/** A host name as a `Host` header carries it, without the port: `proxy.internal`, `[::1]`. */
export function parseHostName(raw: string, name: string): string {
  const host = raw.trim().toLowerCase();
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return host;
  if (/^\[[0-9a-f:.]+\]$/.test(host)) return host;
  throw new ConfigError(`${name} must be a host name without scheme or port, e.g. proxy.internal`);
}

/** Parses a whole number of bytes, at least 1 and below 2 GiB; `name` names the source. */
export function parseByteCount(raw: string, name: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 2 ** 31 - 1) {
    throw new ConfigError(`${name} must be a whole number of bytes from 1 to ${2 ** 31 - 1}`);
  }
  return value;
}

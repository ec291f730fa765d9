/**
 * The `sentry-graphql` command: `serve` (the gateway) and `local-sentry` (the embedded
 * Sentry-compatible REST server alone). Returns an exit code; a bad flag is one line on stderr
 * and exit code 2.
 */
import { parseArgs } from 'node:util';
import { LOCAL_SENTRY_HELP, SERVE_HELP, TOP_HELP } from './cli-help.ts';
import {
  ConfigError,
  parseCacheTtl,
  parseHostName,
  parseLogLevel,
  parseMilliseconds,
  parseOrigin,
  parsePort,
  parseRedisUrl,
  parseUpstreamUrl,
  readServeEnv,
} from './config.ts';
import { describeToken, type LocalToken, parseTokenSpec } from './local-sentry/http/auth.ts';
import { DEFAULT_RATE_LIMIT } from './local-sentry/http/rate-limit.ts';
import type { LocalSentryOptions } from './local-sentry/http/server.ts';
import type { ServeOptions } from './main.ts';

const SCALES = ['small', 'medium', 'large'] as const;
type Scale = (typeof SCALES)[number];

/** A usage error: printed as one line, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs node:util parseArgs, turning its errors into one short usage line. */
function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const first = message.split('\n')[0]?.split('. ')[0] ?? message;
      throw new UsageError(first.replace(/\.$/, ''));
    }
    throw error;
  }
}

function integer(raw: string, flag: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new UsageError(`${flag} must be between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function scale(raw: string, flag: string): Scale {
  const found = SCALES.find((s) => s === raw);
  if (!found) throw new UsageError(`${flag} must be one of ${SCALES.join(', ')}, got "${raw}"`);
  return found;
}

function port(raw: string, flag: string): number {
  try {
    return parsePort(raw, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads repeated `--token SPEC` flags (see LOCAL_SENTRY_HELP); a bad one is a usage error. */
function tokenSpecs(specs: readonly string[]): LocalToken[] {
  const seen = new Set<string>();
  return specs.map((spec, index) => {
    // Messages name the problem, never the token (it may be a real secret).
    const which = specs.length > 1 ? ` (the ${ordinal(index + 1)})` : '';
    let token: LocalToken;
    try {
      token = parseTokenSpec(spec);
    } catch (error) {
      throw new UsageError(`--token${which}: ${(error as Error).message}`);
    }
    if (seen.has(token.token)) throw new UsageError(`--token${which}: that token is given twice`);
    seen.add(token.token);
    return token;
  });
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

function milliseconds(raw: string, flag: string, min: number): number {
  try {
    return parseMilliseconds(raw, flag, min);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Resolves when the process gets SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Parses `local-sentry` flags into server options (exported for tests). */
export function parseLocalSentryArgs(args: string[]): LocalSentryOptions | 'help' {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        'latency-ms': { type: 'string' },
        'fail-rate': { type: 'string' },
        token: { type: 'string', multiple: true },
        'rate-limit': { type: 'string' },
        'rate-window': { type: 'string' },
        'concurrent-limit': { type: 'string' },
      },
    }),
  );
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const options: LocalSentryOptions = {
    port: values.port === undefined ? 8000 : port(values.port, '--port'),
    host: values.host ?? '127.0.0.1',
  };
  if (values.host === '') throw new UsageError('--host must not be empty');
  if (values.seed !== undefined)
    options.seed = integer(values.seed, '--seed', { max: 2 ** 32 - 1 });
  if (values.scale !== undefined) options.scale = scale(values.scale, '--scale');
  if (values['latency-ms'] !== undefined) {
    options.latencyMs = integer(values['latency-ms'], '--latency-ms', { max: 600_000 });
  }
  const failRate = values['fail-rate'];
  if (failRate !== undefined) {
    const rate = Number(failRate);
    if (failRate.trim() === '' || !(rate >= 0 && rate <= 1)) {
      throw new UsageError(`--fail-rate must be a number between 0 and 1, got "${failRate}"`);
    }
    options.failRate = rate;
  }
  if (values.token !== undefined) options.tokens = tokenSpecs(values.token);
  const rateFlags = [values['rate-limit'], values['rate-window'], values['concurrent-limit']];
  if (rateFlags.some((flag) => flag !== undefined)) {
    options.rateLimit = {
      limit:
        values['rate-limit'] === undefined
          ? DEFAULT_RATE_LIMIT.limit
          : integer(values['rate-limit'], '--rate-limit', { min: 1 }),
      windowSeconds:
        values['rate-window'] === undefined
          ? DEFAULT_RATE_LIMIT.windowSeconds
          : integer(values['rate-window'], '--rate-window', { min: 1, max: 86_400 }),
      concurrentLimit:
        values['concurrent-limit'] === undefined
          ? DEFAULT_RATE_LIMIT.concurrentLimit
          : integer(values['concurrent-limit'], '--concurrent-limit', { min: 1 }),
    };
  }
  return options;
}

/** Parses `serve` flags over the environment (flags win) into `runServe` options. */
export function parseServeArgs(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): ServeOptions | 'help' {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        upstream: { type: 'string' },
        embedded: { type: 'boolean' },
        token: { type: 'string' },
        scale: { type: 'string' },
        'no-batch': { type: 'boolean' },
        'cors-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
        'max-body-bytes': { type: 'string' },
        'max-upload-bytes': { type: 'string' },
        'upstream-timeout': { type: 'string' },
        'shutdown-timeout': { type: 'string' },
        'log-level': { type: 'string' },
        'no-metrics': { type: 'boolean' },
        'persisted-operations': { type: 'string' },
        'only-persisted': { type: 'boolean' },
        'cache-ttl': { type: 'string' },
        redis: { type: 'string' },
      },
    }),
  );
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.upstream !== undefined && values.embedded) {
    throw new UsageError('--upstream and --embedded cannot be used together');
  }
  let fromEnv: ReturnType<typeof readServeEnv>;
  try {
    fromEnv = readServeEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const options: ServeOptions = {
    port: values.port === undefined ? (fromEnv.port ?? 4000) : port(values.port, '--port'),
    host: values.host ?? fromEnv.host ?? '127.0.0.1',
  };
  if (values.host === '') throw new UsageError('--host must not be empty');
  let upstream: string | undefined;
  if (values.upstream !== undefined) {
    try {
      upstream = parseUpstreamUrl(values.upstream, '--upstream');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (!values.embedded) {
    upstream = fromEnv.upstream;
  }
  if (upstream !== undefined) options.upstream = upstream;
  const token = values.token ?? fromEnv.token;
  if (token !== undefined) {
    if (!/^\S+$/.test(token)) throw new UsageError('--token must be a non-empty word');
    options.token = token;
  }
  if (values.scale !== undefined) {
    if (upstream !== undefined) {
      throw new UsageError('--scale applies to the embedded server only, not with --upstream');
    }
    options.scale = scale(values.scale, '--scale');
  }
  if (values['no-batch']) options.batching = false;
  if (values['no-metrics']) options.metrics = false;
  const manifest = values['persisted-operations'];
  if (manifest !== undefined) {
    if (manifest === '') throw new UsageError('--persisted-operations must name a file');
    options.persistedOperationsFile = manifest;
  }
  if (values['only-persisted']) {
    if (manifest === undefined) {
      throw new UsageError('--only-persisted needs --persisted-operations FILE');
    }
    options.onlyPersisted = true;
  }
  const origins = values['cors-origin'] ?? fromEnv.corsOrigins;
  if (origins !== undefined && origins.length > 0) {
    options.corsOrigins = origins.map((origin) => {
      try {
        return parseOrigin(origin, '--cors-origin');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
  }
  const hosts = values['allowed-host'] ?? fromEnv.allowedHosts;
  if (hosts !== undefined && hosts.length > 0) {
    options.allowedHosts = hosts.map((host) => {
      try {
        return parseHostName(host, '--allowed-host');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
  }
  if (values['max-body-bytes'] !== undefined) {
    options.maxBodyBytes = integer(values['max-body-bytes'], '--max-body-bytes', {
      min: 1,
      max: 2 ** 31 - 1,
    });
  }
  if (values['max-upload-bytes'] !== undefined) {
    options.maxUploadBytes = integer(values['max-upload-bytes'], '--max-upload-bytes', {
      min: 1,
      max: 2 ** 31 - 1,
    });
  } else if (fromEnv.maxUploadBytes !== undefined) {
    options.maxUploadBytes = fromEnv.maxUploadBytes;
  }
  const upstreamTimeout = values['upstream-timeout'];
  const upstreamTimeoutMs =
    upstreamTimeout === undefined
      ? fromEnv.upstreamTimeoutMs
      : milliseconds(upstreamTimeout, '--upstream-timeout', 1);
  if (upstreamTimeoutMs !== undefined) options.upstreamTimeoutMs = upstreamTimeoutMs;
  const shutdownTimeout = values['shutdown-timeout'];
  const shutdownTimeoutMs =
    shutdownTimeout === undefined
      ? fromEnv.shutdownTimeoutMs
      : milliseconds(shutdownTimeout, '--shutdown-timeout', 0);
  if (shutdownTimeoutMs !== undefined) options.shutdownTimeoutMs = shutdownTimeoutMs;
  if (fromEnv.otlpTracesEndpoint !== undefined) {
    options.tracing = {
      endpoint: fromEnv.otlpTracesEndpoint,
      ...(fromEnv.otelServiceName !== undefined ? { serviceName: fromEnv.otelServiceName } : {}),
    };
  }
  const cacheTtl = values['cache-ttl'];
  const redis = values.redis;
  try {
    const ttl =
      cacheTtl === undefined ? fromEnv.cacheTtlSeconds : parseCacheTtl(cacheTtl, '--cache-ttl');
    if (ttl !== undefined) options.cacheTtlSeconds = ttl;
    const redisUrl = redis === undefined ? fromEnv.redisUrl : parseRedisUrl(redis, '--redis');
    if (redisUrl !== undefined) options.redisUrl = redisUrl;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const logLevel = values['log-level'];
  if (logLevel !== undefined) {
    try {
      options.logLevel = parseLogLevel(logLevel, '--log-level');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (fromEnv.logLevel !== undefined) {
    options.logLevel = fromEnv.logLevel;
  }
  return options;
}

async function runLocalSentry(options: LocalSentryOptions): Promise<number> {
  const { startLocalSentry } = await import('./local-sentry/http/server.ts');
  const sentry = await startLocalSentry(options);
  console.info(`local-sentry listening on ${sentry.url}`);
  const [first, ...others] = sentry.tokens;
  console.info(`token: ${sentry.token}${first ? ` (${describeToken(first)})` : ''}`);
  for (const other of others)
    console.info(`also accepted: ${other.token} (${describeToken(other)})`);
  console.info(
    `try: curl -H 'Authorization: Bearer ${sentry.token}' ${sentry.url}/api/0/organizations/`,
  );
  await untilSignal();
  await sentry.close();
  return 0;
}

/** Runs the command line (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        throw new UsageError('missing command: serve or local-sentry (see --help)');
      case '-h':
      case '--help':
        process.stdout.write(TOP_HELP);
        return 0;
      case 'local-sentry': {
        const options = parseLocalSentryArgs(rest);
        if (options === 'help') {
          process.stdout.write(LOCAL_SENTRY_HELP);
          return 0;
        }
        return await runLocalSentry(options);
      }
      case 'serve': {
        const options = parseServeArgs(rest);
        if (options === 'help') {
          process.stdout.write(SERVE_HELP);
          return 0;
        }
        const { runServe } = await import('./main.ts');
        return await runServe(options);
      }
      default:
        throw new UsageError(
          command.startsWith('-')
            ? `unknown option "${command}" (expected a command: serve, local-sentry)`
            : `unknown command "${command}" (expected serve or local-sentry)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sentry-graphql: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`sentry-graphql: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

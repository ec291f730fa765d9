/**
 * The operation log: one JSON line per GraphQL operation (pino), and the stack of every error
 * the mask hid. Never the token, the variables, the document or an upstream body.
 */
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import type { LogLevel } from '../config.ts';
import type { OperationObserver } from './operation.ts';

export type { Logger } from 'pino';

export interface LoggerSettings {
  /** @default 'info' */
  level?: LogLevel;
  /** Human-readable lines (pino-pretty) instead of JSON, for a terminal. @default false */
  pretty?: boolean;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

/** A pino logger with ISO timestamps; `pretty` formats through pino-pretty in this thread. */
export async function createLogger(settings: LoggerSettings = {}): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'sentry-graphql' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Belt and braces: no code path logs these, and should one ever try, they are blanked.
    redact: {
      paths: ['token', 'authorization', 'headers.authorization', 'variables'],
      censor: '[redacted]',
    },
  };
  if (settings.pretty) {
    const { default: pretty } = await import('pino-pretty');
    return pino(options, pretty({ colorize: true, destination: settings.destination ?? 1 }));
  }
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** Logs each finished operation at info, and each masked internal error at error level. */
export function operationLog(logger: Logger): OperationObserver {
  return {
    finished(record) {
      if (!record.graphql) return;
      for (const error of record.internalErrors) {
        logger.error(
          { requestId: record.requestId, operationName: record.operationName, err: error },
          'internal error (masked as INTERNAL_SERVER_ERROR)',
        );
      }
      logger.info(
        {
          requestId: record.requestId,
          operationName: record.operationName ?? null,
          operationType: record.operationType ?? null,
          durationMs: Math.round(record.durationMs * 10) / 10,
          restCalls: record.restCalls,
          cacheHits: record.cacheHits,
          outcome: record.outcome,
          errorCodes: record.errorCodes,
          status: record.status,
        },
        'operation',
      );
    },
  };
}

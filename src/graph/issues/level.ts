import { builder } from '../schema-kit/builder.ts';

/** Severity of an event or issue, as Sentry's `level`. */
export const Level = builder.enumType('Level', {
  description: 'Severity of an event or issue.',
  values: {
    SAMPLE: { value: 'sample' },
    DEBUG: { value: 'debug' },
    INFO: { value: 'info' },
    WARNING: { value: 'warning' },
    ERROR: { value: 'error' },
    FATAL: { value: 'fatal' },
    UNKNOWN: { value: 'unknown' },
  } as const,
});

const LEVELS = new Set(['sample', 'debug', 'info', 'warning', 'error', 'fatal', 'unknown']);

/** Sentry's level string as a `Level` value; anything unrecognised is `unknown`. */
export function toLevel(value: string | null | undefined) {
  return (value && LEVELS.has(value) ? value : 'unknown') as
    | 'sample'
    | 'debug'
    | 'info'
    | 'warning'
    | 'error'
    | 'fatal'
    | 'unknown';
}

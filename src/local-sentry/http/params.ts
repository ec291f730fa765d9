/**
 * Request parameters as Sentry's serializers read them: a JSON body's fields (400s in DRF's
 * words) and the query's time range; and `storeCall`, which turns a store refusal into its 400.
 */
import { StoreError } from '../data/errors.ts';
import { parseDuration } from '../data/time.ts';
import type { RequestContext } from './context.ts';
import { badRequest, HttpError } from './reply.ts';

export interface TimeRange {
  /** ms since epoch, inclusive. */
  start: number;
  /** ms since epoch, inclusive. */
  end: number;
}

/**
 * Reads `statsPeriod` (which wins) or `start`+`end`, relative to the data's "now"; undefined
 * when the request names no range. 400 when malformed.
 */
export function optionalTimeRange(context: RequestContext): TimeRange | undefined {
  const { query, data } = context;
  const period = query.get('statsPeriod');
  if (period) {
    const ms = parseDuration(period);
    if (ms === undefined) throw badRequest(`Invalid statsPeriod: ${JSON.stringify(period)}`);
    return { start: data.now - ms, end: data.now };
  }
  const start = query.get('start');
  const end = query.get('end');
  if (!start && !end) return undefined;
  if (!start || !end) throw badRequest('start and end are both required');
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    throw badRequest('start and end must be ISO-8601 datetimes');
  }
  if (startMs > endMs) throw badRequest('start must be before end');
  return { start: startMs, end: endMs };
}

/** Like {@link optionalTimeRange}, with `fallback` (e.g. `14d`) when the request names none. */
export function timeRange(context: RequestContext, fallback: string): TimeRange {
  const range = optionalTimeRange(context);
  if (range) return range;
  const ms = parseDuration(fallback) ?? 0;
  return { start: context.data.now - ms, end: context.data.now };
}

/** A JSON body as an object, or 400. */
export function bodyObject(context: RequestContext): Record<string, unknown> {
  const { body } = context;
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  }
  return body as Record<string, unknown>;
}

/**
 * Runs a store mutation, turning its `StoreError` into a 400 field error as DRF words them, or
 * with `conflict` a slug clash into Sentry's 409 `{"detail": ...}` (team and project creation).
 */
export function storeCall<T>(mutate: () => T, { conflict = false } = {}): T {
  try {
    return mutate();
  } catch (error) {
    if (error instanceof StoreError) {
      if (conflict && error.message.includes('already')) {
        throw new HttpError(409, { detail: error.message });
      }
      throw badRequest(error.field ? { [error.field]: [error.message] } : error.message);
    }
    throw error;
  }
}

interface FieldOptions {
  required?: boolean;
  /** `null` reads as absent. */
  nullable?: boolean;
}

/** A body field's raw value, undefined when absent; 400 "This field is required." as DRF says. */
function rawField(
  body: Record<string, unknown>,
  name: string,
  { required = false, nullable = false }: FieldOptions,
): unknown {
  const value = body[name];
  if (value === undefined || (value === null && nullable && !required)) {
    if (required) throw badRequest({ [name]: ['This field is required.'] });
    return undefined;
  }
  if (value === null) throw badRequest({ [name]: ['This field may not be null.'] });
  return value;
}

const invalid = (name: string, message: string) => badRequest({ [name]: [message] });

export function stringField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions & { maxLength?: number } = {},
): string | undefined {
  const value = rawField(body, name, options);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name, 'Not a valid string.');
  if (options.required && value.trim() === '') throw invalid(name, 'This field may not be blank.');
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw invalid(name, `Ensure this field has no more than ${options.maxLength} characters.`);
  }
  return value;
}

export function booleanField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions = {},
): boolean | undefined {
  const value = rawField(body, name, options);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, 'Must be a valid boolean.');
  return value;
}

export function numberField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions = {},
): number | undefined {
  const value = rawField(body, name, options);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(name, 'A valid number is required.');
  }
  return value;
}

export function stringListField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions = {},
): string[] | undefined {
  const value = rawField(body, name, options);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(name, `Expected a list of items but got type "${typeof value}".`);
  }
  return value as string[];
}

export function objectField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions = {},
): Record<string, unknown> | undefined {
  const value = rawField(body, name, options);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(name, 'Expected a dictionary of items.');
  }
  return value as Record<string, unknown>;
}

/** Sentry's slug rule: lower-case letters, digits, `-` and `_`, not only digits. */
export function slugField(
  body: Record<string, unknown>,
  name: string,
  options: FieldOptions = {},
): string | undefined {
  const value = stringField(body, name, { ...options, maxLength: 50 });
  if (value === undefined) return undefined;
  if (!/^[a-z0-9_-]+$/.test(value) || /^\d+$/.test(value)) {
    throw invalid(
      name,
      'Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.',
    );
  }
  return value;
}

/** A datetime field as DRF's `DateTimeField` reads it, normalized to ISO; null stays null. */
export function dateField(body: Record<string, unknown>, name: string): string | null | undefined {
  const value = body[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw badRequest({ [name]: ['Datetime has wrong format.'] });
  }
  return new Date(value).toISOString();
}

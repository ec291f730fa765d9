/** Validates local Sentry responses against the vendored OpenAPI subset: spec, schemas, cases. */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { LocalSentry } from '../../src/local-sentry/http/server.ts';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: { 'application/json'?: { schema: object } } }>;
}

export const subset = JSON.parse(
  readFileSync(
    new URL('../../src/local-sentry/openapi/sentry-openapi-subset.json', import.meta.url),
    'utf8',
  ),
) as { paths: Record<string, Record<string, Operation>> };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// OpenAPI's numeric formats carry no constraint JSON Schema can check.
for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);

const validators = new Map<string, ValidateFunction>();
/** The spec's operation for `METHOD /api/0/...{param}...`. */
export function operationOf(key: string): Operation {
  const [method = '', path = ''] = key.split(' ');
  const operation = subset.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`no operation ${key} in the vendored subset`);
  return operation;
}

export function validatorFor(key: string, status: string): ValidateFunction | undefined {
  const cacheKey = `${key} ${status}`;
  const cached = validators.get(cacheKey);
  if (cached) return cached;
  const schema = operationOf(key).responses[status]?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const validate = ajv.compile(schema);
  validators.set(cacheKey, validate);
  return validate;
}

/** Errors folded over list indexes, so 100 rows with one gap give one line. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map(
    (error) =>
      `${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${error.message} ${JSON.stringify(error.params)}`,
  );
  return [...new Set(lines)].slice(0, 20);
}

export const O = '/api/0/organizations/{organization_id_or_slug}';
export const P = '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}';
export const T = '/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}';

export interface Case {
  /** `METHOD <spec path>`: which schema applies. */
  operation: string;
  /** Concrete path with query string, or a function of earlier results. */
  path: string | (() => string);
  body?: unknown | (() => unknown);
  /** Keeps a value from the response for later cases. */
  keep?: (body: unknown) => void;
}

/** The `id` of a created record, kept for later cases. */
export const idOf = (body: unknown): string => String((body as { id?: unknown }).id ?? '');

/** Sends one case to `sentry` and validates the answer against the operation's schema. */
export async function checkCase(
  sentry: LocalSentry,
  { operation, path, body, keep }: Case,
): Promise<void> {
  const method = operation.split(' ')[0] ?? 'GET';
  const url = `${sentry.url}${typeof path === 'function' ? path() : path}`;
  const payload = typeof body === 'function' ? body() : body;
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${sentry.token}`,
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await response.text();
  const documented = Object.keys(operationOf(operation).responses);
  expect(
    documented,
    `${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`,
  ).toContain(String(response.status));
  const validate = validatorFor(operation, String(response.status));
  if (!validate) return;
  const json: unknown = JSON.parse(text);
  const valid = validate(json);
  expect(valid ? [] : describeErrors(validate.errors), `${method} ${url}`).toEqual([]);
  keep?.(json);
}

/**
 * The schema errors of `body` for `METHOD <spec path>` answering `status` (folded over list
 * indexes); empty when it validates. Throws when the subset lacks that response.
 */
export function specErrors(operation: string, body: unknown, status = '200'): string[] {
  const validate = validatorFor(operation, status);
  if (!validate) throw new Error(`no ${status} schema for ${operation} in the vendored subset`);
  return validate(body) ? [] : describeErrors(validate.errors);
}

/** The project event detail operation, the one the event kinds are read through. */
export const PROJECT_EVENT =
  'GET /api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/events/{event_id}/';

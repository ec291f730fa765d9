/**
 * Validates a response body against the 2xx schema of a Sentry OpenAPI operation in the vendored
 * subset (src/local-sentry/openapi/sentry-openapi-subset.json), as the contract test does: the
 * same Ajv set-up, for test files that add contract cases of their own.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: object } } }>;
}

const subset = JSON.parse(
  readFileSync(
    new URL('../../src/local-sentry/openapi/sentry-openapi-subset.json', import.meta.url),
    'utf8',
  ),
) as { paths: Record<string, Record<string, Operation>> };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);
const validators = new Map<string, ValidateFunction>();

/**
 * The schema errors of `body` for `METHOD <spec path>` answering `status` (folded over list
 * indexes); empty when it validates. Throws when the subset lacks the operation.
 */
export function specErrors(operation: string, body: unknown, status = '200'): string[] {
  const key = `${operation} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const [method = '', path = ''] = operation.split(' ');
    const schema =
      subset.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.['application/json']
        ?.schema;
    if (!schema) throw new Error(`no ${status} schema for ${operation} in the vendored subset`);
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  const lines = (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${error.message} ${JSON.stringify(error.params)}`,
  );
  return [...new Set(lines)].slice(0, 20);
}

/** The project event detail operation, the one the event kinds are read through. */
export const PROJECT_EVENT =
  'GET /api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/events/{event_id}/';

/**
 * The local Sentry speaks Sentry's wire format: for every route that Sentry's OpenAPI spec
 * documents, a real response of the running server validates against that operation's 2xx
 * response schema (src/local-sentry/openapi/sentry-openapi-subset.json).
 *
 * Where the spec and Sentry's real behaviour disagree, the local Sentry follows the spec; the
 * places where that shows are noted beside the data (e.g. list-row `owners` as one object).
 *
 * The cases, by resource, are in test/helpers/contract-cases/ and run in
 * local-sentry-contract-<resource>.test.ts; this file checks the spec subset as a whole.
 */
import { describe, expect, it } from 'vitest';
import * as admin from '../helpers/contract-cases/admin.ts';
import * as files from '../helpers/contract-cases/files.ts';
import * as issues from '../helpers/contract-cases/issues.ts';
import * as monitors from '../helpers/contract-cases/monitors.ts';
import * as organizations from '../helpers/contract-cases/organizations.ts';
import * as releases from '../helpers/contract-cases/releases.ts';
import * as replays from '../helpers/contract-cases/replays.ts';
import * as stats from '../helpers/contract-cases/stats.ts';
import { O, subset, validatorFor } from '../helpers/openapi-contract.ts';

const READS = [
  organizations.READS,
  issues.READS,
  releases.READS,
  monitors.READS,
  replays.READS,
  admin.READS,
  files.READS,
  stats.READS,
].flat();
const WRITES = [
  organizations.WRITES,
  issues.WRITES,
  releases.WRITES,
  monitors.WRITES,
  replays.WRITES,
  admin.WRITES,
  files.WRITES,
  stats.WRITES,
].flat();

describe('local Sentry responses match the OpenAPI spec', () => {
  it('has schemas that reject a malformed body', () => {
    const validate = validatorFor(`GET ${O}/issues/`, '200');
    expect(validate?.([{ id: 1, shortId: 'X-1' }])).toBe(false);
    expect(validate?.([])).toBe(true);
  });

  it('exercises every operation of the vendored subset', () => {
    const exercised = new Set([...READS, ...WRITES].map((c) => c.operation));
    const documented = Object.entries(subset.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !exercised.has(operation))).toEqual([]);
  });
});

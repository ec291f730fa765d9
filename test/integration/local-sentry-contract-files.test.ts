/** Release file, commit file, source-map-debug and debug file responses match the OpenAPI spec. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type LocalSentry, startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { READS, WRITES } from '../helpers/contract-cases/files.ts';
import { data } from '../helpers/contract-cases/seed.ts';
import { type Case, checkCase } from '../helpers/openapi-contract.ts';

let sentry: LocalSentry;

beforeAll(async () => {
  sentry = await startLocalSentry({ data });
});

afterAll(async () => {
  await sentry?.close();
});

const check = (c: Case) => checkCase(sentry, c);

describe('local Sentry responses match the OpenAPI spec', () => {
  it.each(
    READS.map(
      (c) =>
        [`${c.operation.split(' ')[0]} ${typeof c.path === 'string' ? c.path : ''}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    await check(c);
  });

  it.each(WRITES.map((c) => [c.operation, c] as const))('%s', async (_name, c) => {
    await check(c);
  });
});

/**
 * One area's contract suite: a local Sentry over the seeded contract data for the file, and each
 * of the area's cases as a test of its own ("local Sentry responses match the OpenAPI spec").
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type LocalSentry, startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { data } from './contract-cases/seed.ts';
import { type Case, checkCase } from './openapi-contract.ts';

export interface ContractSuite {
  /** The running server (after `beforeAll`). */
  sentry(): LocalSentry;
  /** Sends one case to it and validates the answer against the spec. */
  check(c: Case): Promise<void>;
}

export function contractSuite(reads: readonly Case[], writes: readonly Case[]): ContractSuite {
  let sentry: LocalSentry | undefined;
  beforeAll(async () => {
    sentry = await startLocalSentry({ data });
  });
  afterAll(async () => {
    await sentry?.close();
  });
  const running = () => {
    if (!sentry) throw new Error('the contract suite has not started its local Sentry');
    return sentry;
  };
  const check = (c: Case) => checkCase(running(), c);

  describe('local Sentry responses match the OpenAPI spec', () => {
    it.each(
      reads.map(
        (c) =>
          [`${c.operation.split(' ')[0]} ${typeof c.path === 'string' ? c.path : ''}`, c] as const,
      ),
    )('%s', async (_name, c) => {
      await check(c);
    });

    it.each(writes.map((c) => [c.operation, c] as const))('%s', async (_name, c) => {
      await check(c);
    });
  });
  return { sentry: running, check };
}

/**
 * No request can crash the gateway. A gateway in a child process of its own (with no process
 * handler to hide anything: an unhandled rejection kills it) over the embedded Sentry takes
 * seeded random cases: federation `_entities` lists (unknown types, missing and mistyped key
 * fields, duplicates, foreign organizations, hostile slugs), random valid documents walked from
 * the schema, and odd HTTP requests; with a full token, a read-only one-organization token, a
 * bad one, none, or a malformed header; some hung up on by the client; the last ones with
 * random upstream faults. `npm run fuzz -- --cases N` runs the same generator for longer.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz, summarise } from '../helpers/fuzz-run.ts';
import { startFuzzTarget } from '../helpers/fuzz-target.ts';

const SEED = 20_261_201;
const CASES = 600;
const FAULT_CASES = 200;

describe('fuzz', () => {
  it('stays up, answers no 5xx and codes every error, through random _entities and documents', async () => {
    await using target = await startFuzzTarget();
    const plain = await runFuzz(target, { seed: SEED, cases: CASES });
    console.info(summarise(plain));
    expect(plain.processProblem).toBeUndefined();
    expect(plain.failures.map(({ index, problems }) => ({ index, problems }))).toEqual([]);
    expect(plain.cases).toBe(CASES);
    // The run reached what it is for: entities refused, loaded, missing, forbidden.
    expect(plain.lists).toBeGreaterThan(CASES);
    expect(plain.clean).toBeGreaterThan(0);
    expect(plain.codes).toMatchObject({
      BAD_USER_INPUT: expect.any(Number),
      NOT_FOUND: expect.any(Number),
      FORBIDDEN: expect.any(Number),
      UNAUTHENTICATED: expect.any(Number),
    });

    const faults = await runFuzz(target, { seed: SEED + 1, cases: FAULT_CASES, failRate: 0.25 });
    console.info(`with 25% upstream faults:\n${summarise(faults)}`);
    expect(faults.processProblem).toBeUndefined();
    expect(faults.failures.map(({ index, problems }) => ({ index, problems }))).toEqual([]);
    expect(faults.cases).toBe(FAULT_CASES);
    expect(faults.codes['UPSTREAM_ERROR']).toBeGreaterThan(0);
    expect(target.alive()).toBe(true);
  }, 300_000);
});

/**
 * The fault soak, small: a few hundred operations of `schema/operations/` (reads and the
 * mutations among them) through one gateway with its production retry settings, while the
 * embedded Sentry answers 20 % of requests with a fault (5xx, reset, slow or malformed body,
 * empty 500). No 5xx reaches the client, every error carries a documented code, and every
 * write reached Sentry exactly once per mutation sent. `npm run soak` is the 10,000-operation
 * version of the same mix and checks.
 */
import { describe, expect, it } from 'vitest';
import { checkWrites, SoakTally } from '../../scripts/soak/check.ts';
import {
  buildOperations,
  readSoakOperationFiles,
  runConcurrently,
  schedule,
} from '../../scripts/soak/mix.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const OPERATIONS = 300;
const CONCURRENCY = 16;
/** A guard only: the run is bounded by its operation count (a few seconds on an idle machine). */
const TIMEOUT_MS = 180_000;
const FAIL_RATE = 0.2;

describe('fault soak', () => {
  it(
    `keeps ${OPERATIONS} operations at ${FAIL_RATE * 100} % upstream faults typed, 5xx-free and each write sent once`,
    async () => {
      await using gateway = await startTestGateway({
        // The gateway's own upstream settings (GET retries on), not the tests' no-retry ones.
        gateway: { upstreamOptions: {} },
      });
      const files = await readSoakOperationFiles();
      const operations = schedule(
        buildOperations(files, gateway.sentry.data, ['acme', 'globex'], {
          name: 'faults',
          index: 0,
        }),
        OPERATIONS,
        1,
      );
      expect(operations.filter((op) => op.kind === 'mutation').length).toBeGreaterThan(30);

      gateway.sentry.setFaults({}, FAIL_RATE);
      await gateway.resetUpstreamStats();
      const tally = new SoakTally();
      await runConcurrently(operations.length, CONCURRENCY, async (index) => {
        const operation = operations[index]!;
        const { status, ...body } = await gateway.execute(operation.document, operation.variables);
        tally.add(operation, { status, body });
      });
      gateway.sentry.setFaults({}, 0);
      const stats = await gateway.upstreamStats();

      expect(tally.operations).toBe(OPERATIONS);
      expect(tally.http5xxSamples).toEqual([]);
      expect(tally.http5xx).toBe(0);
      expect(tally.untypedSamples).toEqual([]);
      expect(tally.untyped).toBe(0);
      // A fault is never reported as a problem with the caller's input.
      expect(tally.userErrors).toBe(0);
      const writes = checkWrites(tally.writesSent, stats.byRoute);
      expect(writes.filter((row) => !row.ok)).toEqual([]);
      expect(writes.filter((row) => row.rule === 'exact').length).toBe(3);
      // The faults did happen, and most operations still came back whole.
      expect(tally.partial + tally.failed).toBeGreaterThan(0);
      expect(tally.clean).toBeGreaterThan(OPERATIONS / 2);
      // Faults are 5xx, resets, slow, malformed and empty bodies: each one an UPSTREAM_ERROR.
      expect(Object.keys(tally.codes)).toEqual(['UPSTREAM_ERROR']);
    },
    TIMEOUT_MS,
  );
});

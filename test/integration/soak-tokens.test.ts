/**
 * The mixed-token soak: six callers (every scope; read scopes only; organization acme only;
 * organization globex only; an invalid token; no token) send every operation of
 * `schema/operations/` at both organizations of the seeded data, interleaved at concurrency
 * 16 through one gateway. Each response is what its caller may get and shows nothing of an
 * organization it may not use; refused mutations wrote nothing, allowed ones did.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOperations,
  readSoakOperationFiles,
  runConcurrently,
  type SoakOperation,
  schedule,
} from '../../scripts/soak/mix.ts';
import {
  checkTokenResponse,
  hiddenByToken,
  MIXED_TOKENS,
  type SoakToken,
  snapshotTargets,
  storeProblems,
  tokenSpecs,
} from '../../scripts/soak/tokens.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const ORGS = ['acme', 'globex'];
const CONCURRENCY = 16;
/** A guard only: the run is bounded by its operation count (a few seconds on an idle machine). */
const TIMEOUT_MS = 180_000;
// At least every (operation, token) pair once: the operations folder grows with each resource.
const OPERATIONS = 480;

describe('mixed-token soak', () => {
  it(
    'gives each token only what it may see and do, under concurrency',
    async () => {
      await using gateway = await startTestGateway({
        localSentry: { tokens: tokenSpecs(MIXED_TOKENS) },
      });
      const { data } = gateway.sentry;
      expect([...data.organizations.keys()]).toEqual(ORGS);
      const files = await readSoakOperationFiles();
      // Every token sends every operation at both organizations once, then some again, in a
      // seeded order.
      const pairs = MIXED_TOKENS.flatMap((token, index) =>
        buildOperations(files, data, ORGS, { name: token.label, index }).map((operation) => ({
          token,
          operation,
        })),
      );
      const runs = schedule(pairs, OPERATIONS, 7);
      expect(pairs.length).toBeLessThanOrEqual(OPERATIONS);
      const operations = runs.map((run) => run.operation);
      const hidden = hiddenByToken(data, MIXED_TOKENS, operations);
      const before = snapshotTargets(data, operations);

      const problems: string[] = [];
      const sent: { token: SoakToken; operation: SoakOperation }[] = [];
      await runConcurrently(runs.length, CONCURRENCY, async (index) => {
        const { token, operation } = runs[index]!;
        const { status, ...body } = await gateway.execute(operation.document, operation.variables, {
          token: token.token,
        });
        sent.push({ token, operation });
        problems.push(
          ...checkTokenResponse(token, operation, { status, body }, hidden.get(token.label)!),
        );
      });

      expect(sent.length).toBe(runs.length);
      expect(problems.slice(0, 20)).toEqual([]);
      expect(storeProblems(data, sent, before)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});

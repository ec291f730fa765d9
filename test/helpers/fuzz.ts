/**
 * The fuzz generator shared by `test/integration/fuzz-entities.test.ts` and `npm run fuzz`:
 * seeded, so a seed always yields the same cases. Two kinds of case: a federation `_entities`
 * call with a random list of representations (unknown types, missing or mistyped key fields,
 * duplicates, foreign organizations, hostile slugs), and a random but valid document generated
 * by walking the schema (random selections, arguments, aliases, fragments, variables).
 *
 * This file draws one case; the parts are in fuzz-random.ts, fuzz-representations.ts,
 * fuzz-documents.ts and fuzz-envelopes.ts.
 */
import type { GraphQLSchema } from 'graphql';
import { type FuzzRequest, randomDocument, randomEntitiesRequest } from './fuzz-documents.ts';
import { type FuzzHttp, JSON_TYPE, randomEnvelope } from './fuzz-envelopes.ts';
import { Random } from './fuzz-random.ts';
import type { FuzzSeeds } from './fuzz-representations.ts';

/** Who a request claims to be. */
export type FuzzIdentity = 'valid' | 'limited' | 'bad' | 'none' | 'malformed';

export interface FuzzCase {
  /** `envelope`: a malformed or unusual HTTP request rather than a random operation. */
  kind: 'entities' | 'document' | 'envelope';
  identity: FuzzIdentity;
  /** `Accept` header: GraphQL-over-HTTP's media type, or legacy JSON. */
  accept: string;
  /** The operation, for `entities` and `document` cases. */
  request?: FuzzRequest | undefined;
  http: FuzzHttp;
  /** The client hangs up this many ms after sending (the gateway must not care). */
  abortAfterMs?: number | undefined;
}

/** The `index`-th case of the run seeded `seed`: the same case for the same arguments. */
export function fuzzCase(
  seed: number,
  index: number,
  schema: GraphQLSchema,
  seeds: FuzzSeeds,
): FuzzCase {
  const random = new Random(seed * 1_000_003 + index);
  const draw = random.next();
  const kind = draw < 0.65 ? 'entities' : draw < 0.95 ? 'document' : 'envelope';
  const identity = random.pick<FuzzIdentity>([
    'valid',
    'valid',
    'valid',
    'limited',
    'bad',
    'none',
    'malformed',
  ]);
  const accept = random.pick([
    'application/graphql-response+json',
    'application/json',
    'application/graphql-response+json, application/json;q=0.9',
  ]);
  const abortAfterMs = random.chance(0.05) ? random.int(0, 40) : undefined;
  if (kind === 'envelope') {
    return { kind, identity, accept, abortAfterMs, http: randomEnvelope(random, schema, seeds) };
  }
  const request =
    kind === 'entities'
      ? randomEntitiesRequest(random, schema, seeds)
      : randomDocument(random, schema, seeds);
  return {
    kind,
    identity,
    accept,
    abortAfterMs,
    request,
    http: { method: 'POST', search: '', contentType: JSON_TYPE, body: JSON.stringify(request) },
  };
}

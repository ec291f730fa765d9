/** Fuzz HTTP envelopes: requests GraphQL-over-HTTP refuses, or at the edges of what it allows. */
import type { GraphQLSchema } from 'graphql';
import { randomDocument } from './fuzz-documents.ts';
import type { Random } from './fuzz-random.ts';
import type { FuzzSeeds } from './fuzz-representations.ts';

/** One HTTP request to the GraphQL endpoint. */
export interface FuzzHttp {
  method: 'GET' | 'POST';
  /** Query string for GET, with its `?`; empty for none. */
  search: string;
  contentType?: string | undefined;
  body?: string | undefined;
  /** Extra headers (CSRF prevention's `x-graphql-csrf`). */
  headers?: Record<string, string> | undefined;
}

export const JSON_TYPE = 'application/json';

/** A request GraphQL-over-HTTP says to refuse, or one at the edges of what it allows. */
export function randomEnvelope(random: Random, schema: GraphQLSchema, seeds: FuzzSeeds): FuzzHttp {
  const { query, variables } = randomDocument(random, schema, seeds);
  const post = (body: string, contentType: string = JSON_TYPE): FuzzHttp => ({
    method: 'POST',
    search: '',
    contentType,
    body,
  });
  const get = (params: Record<string, string>): FuzzHttp => ({
    method: 'GET',
    search: `?${new URLSearchParams(params)}`,
    // Mostly past CSRF prevention, so that the parameters are parsed.
    ...(random.chance(0.7) ? { headers: { 'x-graphql-csrf': '1' } } : {}),
  });
  switch (random.int(0, 17)) {
    case 0:
      return post('{"query": ');
    case 1:
      return post(random.pick(['[]', '"x"', '42', 'null', 'true', '{}']));
    case 2:
      return post(JSON.stringify({ query: random.pick([42, null, ['{ __typename }'], {}]) }));
    case 3:
      return post(JSON.stringify({ query, variables: random.pick(['x', 5, [], true]) }));
    case 4:
      return post(JSON.stringify({ query, variables, operationName: 'NoSuchOperation' }));
    case 5:
      return post(JSON.stringify({ query: `${query}\nquery Second { __typename }`, variables }));
    case 6:
      return post(JSON.stringify([{ query }, { query: '{ __typename }' }]));
    case 7:
      return post(query, random.pick(['text/plain', 'application/graphql', 'multipart/form-data']));
    case 8:
      return post(JSON.stringify({ query, variables }), 'application/x-www-form-urlencoded');
    case 9:
      return get({ query, variables: JSON.stringify(variables) });
    case 10:
      return get({ query: 'mutation { __typename }' });
    case 11:
      return get({ query, variables: '{not json' });
    case 12: {
      // Deep documents: past the depth limit, and deep enough to overflow a recursive parser.
      const levels = random.pick([30, 3000]);
      return post(
        JSON.stringify({
          query: random.pick([
            `{ ${'organizations { nodes { '.repeat(levels)}slug${' } }'.repeat(levels)} }`,
            `{ _entities(representations: [${'['.repeat(levels)}1${']'.repeat(levels)}]) { __typename } }`,
            `{ organization(slug: "acme") ${'{ slug '.repeat(levels)}${'}'.repeat(levels)} }`,
          ]),
        }),
      );
    }
    case 13:
      return post(
        JSON.stringify({
          query: `{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
        }),
      );
    case 14:
      return post(
        JSON.stringify({
          query,
          variables,
          extensions: random.pick([{ persistedQuery: { version: 1, sha256Hash: 'x' } }, 'x', [1]]),
        }),
      );
    case 15:
      return post(
        JSON.stringify({
          query: random.pick([
            '',
            '{',
            '}',
            'query',
            '{ ...F }',
            'subscription { __typename }',
            '\u0000',
          ]),
        }),
      );
    case 16:
      return post('');
    default:
      return post(
        JSON.stringify({ query: '{ __typename }', variables }),
        `${JSON_TYPE}; charset=latin1`,
      );
  }
}

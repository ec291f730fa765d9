import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pageRequest, pageToConnection } from '../../src/graph/schema-kit/connections.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions['code'] : 'not a GraphQLError';
  }
  return 'no error';
};

describe('pageRequest', () => {
  it('asks Sentry for 25 items by default and for `first` otherwise', () => {
    expect(pageRequest({}).params).toEqual({ perPage: 25 });
    expect(pageRequest({ first: 100 }).params).toEqual({ perPage: 100 });
  });

  it('refuses first outside 1..100, last and before with BAD_USER_INPUT', () => {
    for (const first of [0, -1, 101, 1.5])
      expect(codeOf(() => pageRequest({ first }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageRequest({ last: 5 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageRequest({ before: 'x' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses cursors it did not issue', () => {
    for (const after of [
      '',
      'not base64!',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"c":"a b"}').toString('base64url'),
    ]) {
      expect(codeOf(() => pageRequest({ after }))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('pageToConnection', () => {
  const page = { items: ['a', 'b', 'c'], next: '0:3:0', hits: 7, maxHits: 1000 };

  it('maps a Sentry page onto edges, pageInfo and totalCount', () => {
    const connection = pageToConnection(page, pageRequest({ first: 3 }));
    expect(connection.edges.map((edge) => edge.node)).toEqual(['a', 'b', 'c']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(connection.totalCount).toBe(7);
    expect(connection.totalCountIsCapped).toBe(false);
  });

  it('resumes after the last edge on the next Sentry page', () => {
    const connection = pageToConnection(page, pageRequest({ first: 3 }));
    const next = pageRequest({ first: 10, after: connection.pageInfo.endCursor });
    expect(next).toEqual({ params: { perPage: 10, cursor: '0:3:0' }, skip: 0, first: 10 });
  });

  it('resumes after a middle edge on the same Sentry page, with the same page size', () => {
    const connection = pageToConnection(page, pageRequest({ first: 3 }));
    const after = pageRequest({ first: 10, after: connection.edges[0]?.cursor });
    expect(after).toEqual({ params: { perPage: 3 }, skip: 1, first: 10 });
    const rest = pageToConnection(page, after);
    expect(rest.edges.map((edge) => edge.node)).toEqual(['b', 'c']);
    expect(rest.pageInfo.hasNextPage).toBe(true);
  });

  it('says there is no next page at the end of the list', () => {
    const connection = pageToConnection({ items: ['a'] }, pageRequest({}));
    expect(connection.pageInfo).toMatchObject({
      hasNextPage: false,
      endCursor: expect.any(String),
    });
    expect(connection.totalCount).toBeNull();
  });

  it("marks a total that reached Sentry's cap", () => {
    expect(
      pageToConnection({ items: [], hits: 1000, maxHits: 1000 }, pageRequest({}))
        .totalCountIsCapped,
    ).toBe(true);
  });
});

import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId } from '../../src/graph/global-id.ts';
import { estimateQueryCost } from '../../src/graph/query-cost.ts';
import {
  eventKey,
  issueKey,
  projectSlugKey,
  releaseKey,
  splitEventKey,
  splitKey,
} from '../../src/loaders/keys.ts';
import { loadScopedInBulk, settleEach } from '../../src/loaders/settle-each.ts';
import { SentryBadRequestError, SentryNotFoundError } from '../../src/sentry/http/errors.ts';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof SentryBadRequestError && error.local;
  }
  return false;
};

describe('loader keys', () => {
  it('build and split scoped keys', () => {
    expect(issueKey('acme', '42')).toBe('acme/42');
    expect(splitKey('acme/backend@1.0+build')).toEqual(['acme', 'backend@1.0+build']);
    expect(splitEventKey(eventKey('acme', '7', 'A'.repeat(32)))).toEqual([
      'acme',
      '7',
      'a'.repeat(32),
    ]);
  });

  it('refuse hostile values before any request', () => {
    for (const slug of ['../', '..', '%2F', 'a/b', 'a?b', '', 'x'.repeat(101)]) {
      expect(refused(() => projectSlugKey('acme', slug))).toBe(true);
      expect(refused(() => projectSlugKey(slug, 'backend'))).toBe(true);
    }
    for (const id of ['abc', '-1', '0', '1e3', '12/3'])
      expect(refused(() => issueKey('acme', id))).toBe(true);
    for (const version of ['..', '.', 'a/b', 'a\\b', 'a\nb', ' a', '']) {
      expect(refused(() => releaseKey('acme', version))).toBe(true);
    }
    expect(releaseKey('acme', 'backend@1.4.0+build.7')).toBe('acme/backend@1.4.0+build.7');
    expect(refused(() => splitKey('no-slash'))).toBe(true);
  });
});

describe('global ids', () => {
  it('round-trip and refuse malformed ids', () => {
    expect(decodeGlobalId(encodeGlobalId('Issue', 'acme/42'))).toEqual({
      typename: 'Issue',
      id: 'acme/42',
    });
    for (const id of [
      '',
      '!!!',
      'aGVsbG8',
      Buffer.from(':x').toString('base64url'),
      Buffer.from('issue:1').toString('base64url'),
    ]) {
      expect(() => decodeGlobalId(id)).toThrow(/Invalid global id/);
    }
  });
});

describe('settleEach and loadScopedInBulk', () => {
  it('keep one slot per key, in order, with the error in the failing slot', async () => {
    const results = await settleEach(['a', 'b'], async (key) => {
      if (key === 'b') throw new Error('boom');
      return key.toUpperCase();
    });
    expect(results[0]).toBe('A');
    expect(results[1]).toBeInstanceOf(Error);
  });

  it('make one call per organization and put NOT_FOUND in the slots of misses', async () => {
    const calls: string[][] = [];
    const results = await loadScopedInBulk(['acme/1', 'acme/2', 'globex/3', 'acme/1'], {
      what: 'Issue',
      idOf: (item: { id: string }) => item.id,
      fetch: async (org, ids) => {
        calls.push([org, ...ids]);
        return ids.filter((id) => id !== '2').map((id) => ({ id }));
      },
    });
    expect(calls).toEqual([
      ['acme', '1', '2'],
      ['globex', '3'],
    ]);
    expect(results[0]).toEqual({ id: '1' });
    expect(results[1]).toBeInstanceOf(SentryNotFoundError);
    expect(results[3]).toEqual({ id: '1' });
  });
});

describe('estimateQueryCost', () => {
  it('multiplies nested connections by their page sizes', () => {
    const document = parse(
      'query Q($n: Int) { a(first: 10) { nodes { b(first: $n) { nodes { c } } } } }',
    );
    expect(estimateQueryCost(document, 'Q', { n: 5 })).toEqual({
      depth: 4,
      cost: 10 + 10 + 50 + 50,
      restCalls: 0,
    });
  });

  it('counts depth without introspection fields', () => {
    const document = parse('{ __schema { types { fields { type { ofType { name } } } } } }');
    expect(estimateQueryCost(document, undefined, {}).depth).toBe(0);
  });
});

/** The soak's pure pieces: response classification, the write count, the leak scan, flags. */
import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from '../../scripts/soak/args.ts';
import { checkWrites, classify, SoakTally } from '../../scripts/soak/check.ts';
import { schedule } from '../../scripts/soak/mix.ts';
import { findLeaks, mentioned } from '../../scripts/soak/visibility.ts';
import { encodeGlobalId } from '../../src/graph/global-id.ts';

describe('classify', () => {
  it('sorts responses into clean, partial and failed', () => {
    expect(classify({ status: 200, body: { data: { organization: { name: 'Acme' } } } })).toEqual({
      outcome: 'clean',
      codes: [],
      untyped: [],
      userErrors: 0,
      hasData: true,
    });
    const partial = classify({
      status: 200,
      body: {
        data: { organization: { name: 'Acme', issues: null } },
        errors: [
          {
            message: 'x',
            path: ['organization', 'issues'],
            extensions: { code: 'UPSTREAM_ERROR' },
          },
        ],
      },
    });
    expect(partial).toMatchObject({ outcome: 'partial', codes: ['UPSTREAM_ERROR'], untyped: [] });
    const refused = classify({
      status: 200,
      body: {
        data: { nodes: [null, { __typename: 'Issue' }] },
        errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
      },
    });
    expect(refused).toMatchObject({ outcome: 'failed', hasData: false });
    // An empty list is an answer.
    expect(classify({ status: 200, body: { data: { issues: { nodes: [] } } } }).outcome).toBe(
      'clean',
    );
    const userErrors = classify({
      status: 200,
      body: { data: { updateIssue: { issue: null, userErrors: [{ code: 'NOT_FOUND' }] } } },
    });
    expect(userErrors).toMatchObject({ outcome: 'failed', userErrors: 1 });
  });

  it('counts an error without a documented code, and a body that is not JSON, as untyped', () => {
    const masked = classify({
      status: 200,
      body: {
        data: null,
        errors: [
          { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          { message: 'bare' },
          { message: 'fine', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
    expect(masked.codes).toEqual(['INTERNAL_SERVER_ERROR', '(none)', 'GRAPHQL_VALIDATION_FAILED']);
    expect(masked.untyped.map((error) => error.message)).toEqual(['Unexpected error.', 'bare']);
    const text = classify({ status: 502, body: 'Bad Gateway' });
    expect(text).toMatchObject({
      outcome: 'failed',
      untyped: [{ message: 'HTTP 502: not a JSON body' }],
    });
  });

  it('tallies outcomes, codes, 5xx and writes sent', () => {
    const tally = new SoakTally();
    const write = { route: 'PUT /api/0/organizations/{org}/issues/{issue_id}/', exact: true };
    tally.add({ name: 'A' }, { status: 200, body: { data: { a: 1 } } });
    tally.add({ name: 'B', write }, { status: 500, body: { errors: [{ message: 'x' }] } });
    expect(tally).toMatchObject({ operations: 2, clean: 1, failed: 1, http5xx: 1, untyped: 1 });
    expect(tally.codes).toEqual({ '(none)': 1 });
    expect([...tally.writesSent]).toEqual([[write.route, { count: 1, exact: true }]]);
  });
});

describe('checkWrites', () => {
  it('wants exact writes seen once per mutation, others at most once, and no stray write', () => {
    const sent = new Map([
      ['PUT /api/0/organizations/{org}/issues/{issue_id}/', { count: 3, exact: true }],
      ['PUT /api/0/organizations/{org}/issues/', { count: 3, exact: false }],
      ['POST /api/0/organizations/{org}/releases/', { count: 2, exact: true }],
    ]);
    const rows = checkWrites(sent, {
      'GET /api/0/organizations/{org}/issues/': 40,
      'PUT /api/0/organizations/{org}/issues/{issue_id}/': 3,
      'PUT /api/0/organizations/{org}/issues/': 2,
      'POST /api/0/organizations/{org}/releases/': 3,
      'DELETE /api/0/organizations/{org}/issues/': 1,
    });
    expect(rows.map(({ route, ok, rule }) => [route, rule, ok])).toEqual([
      ['DELETE /api/0/organizations/{org}/issues/', 'none', false],
      ['POST /api/0/organizations/{org}/releases/', 'exact', false],
      ['PUT /api/0/organizations/{org}/issues/', 'at most', true],
      ['PUT /api/0/organizations/{org}/issues/{issue_id}/', 'exact', true],
    ]);
  });
});

describe('findLeaks', () => {
  const hidden = {
    organizations: new Set(['acme']),
    identifiers: new Set(['acme', 'Acme Corp', 'BACKEND-1Y', '6100000001', 'backend@1.7.0']),
  };
  const acmeIssue = encodeGlobalId('Issue', 'acme/6100000001');
  const globexIssue = encodeGlobalId('Issue', 'globex/6100000150');

  it('finds hidden identifiers whole, inside URLs and behind global ids', () => {
    const body = {
      data: {
        a: { shortId: 'BACKEND-1Y', name: 'Globex' },
        b: { permalink: 'http://127.0.0.1:1/organizations/acme/issues/6100000001/' },
        c: [{ id: acmeIssue }, { id: globexIssue }],
        // Field names are not data.
        acme: 'globex',
      },
    };
    expect(findLeaks(body, hidden, new Set()).sort()).toEqual(
      ['6100000001', 'BACKEND-1Y', 'acme', `global id ${acmeIssue} (acme)`].sort(),
    );
  });

  it('does not count what the request itself named', () => {
    const asked = mentioned('query { x(url: "https://github.com/acme/backend") }', {
      ids: [acmeIssue],
    });
    expect([...asked]).toEqual(expect.arrayContaining(['acme', '6100000001', acmeIssue]));
    const body = {
      errors: [{ message: 'Sentry GET /api/0/organizations/acme/issues/6100000001/ failed (403)' }],
      data: { node: null, url: 'https://github.com/acme/backend' },
    };
    expect(findLeaks(body, hidden, asked)).toEqual([]);
    expect(findLeaks({ data: { shortId: 'BACKEND-1Y' } }, hidden, asked)).toEqual(['BACKEND-1Y']);
  });
});

describe('schedule', () => {
  it('draws whole shuffled rounds, the same for the same seed', () => {
    const items = ['a', 'b', 'c', 'd'];
    const drawn = schedule(items, 10, 3);
    expect(drawn).toHaveLength(10);
    expect([...drawn.slice(0, 4)].sort()).toEqual(items);
    expect([...drawn.slice(4, 8)].sort()).toEqual(items);
    expect(schedule(items, 10, 3)).toEqual(drawn);
    expect(schedule(items, 10, 4)).not.toEqual(drawn);
  });
});

describe('npm run soak flags', () => {
  it('has defaults and reads every flag', () => {
    expect(parseSoakArgs([])).toEqual({
      operations: 10_000,
      failRate: 0.2,
      concurrency: 16,
      seed: 1,
      scale: 'small',
      latencyMs: 0,
    });
    expect(
      parseSoakArgs([
        '--operations',
        '500',
        '--fail-rate',
        '0.05',
        '--concurrency=4',
        '--seed',
        '9',
        '--scale',
        'medium',
        '--latency-ms',
        '5',
      ]),
    ).toEqual({
      operations: 500,
      failRate: 0.05,
      concurrency: 4,
      seed: 9,
      scale: 'medium',
      latencyMs: 5,
    });
    expect(parseSoakArgs(['-h'])).toBe('help');
  });

  it.each([
    [['--operations', '0']],
    [['--fail-rate', '1.5']],
    [['--fail-rate', '']],
    [['--scale', 'huge']],
    [['--concurrency', 'x']],
    [['--bogus']],
    [['extra']],
  ])('refuses %j', (args) => {
    expect(() => parseSoakArgs(args)).toThrow();
  });
});

/**
 * The test gateway's `execute` takes plain text and codegen's typed documents (`documentMode:
 * string`), infers `data` and the variables from a typed one, and asks for the variables only
 * when the operation declares a required one. The type checks run under `tsc --noEmit`.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IssueStreamDocument,
  type IssueStreamQuery,
  OrgSwitcherDocument,
  type OrgSwitcherQuery,
} from '../__generated__/graphql.ts';
import { startTestGateway, type TestGateway, type TestResult } from '../helpers/gateway.ts';

describe('startTestGateway().execute', () => {
  it('runs typed documents with their result and variables types, and plain text', async () => {
    await using gateway = await startTestGateway();

    const switcher = await gateway.execute(OrgSwitcherDocument);
    expectTypeOf(switcher).toEqualTypeOf<TestResult<OrgSwitcherQuery>>();
    expect(switcher.errors).toBeUndefined();
    expect(switcher.data?.organizations?.nodes.map((org) => org.slug)).toEqual(['acme', 'globex']);

    const stream = await gateway.execute(IssueStreamDocument, { org: 'acme', first: 2 });
    expectTypeOf(stream).toEqualTypeOf<TestResult<IssueStreamQuery>>();
    expect(stream.errors).toBeUndefined();
    expect(stream.data?.organization).not.toBeNull();

    const plain = await gateway.execute('{ organizations { nodes { slug } } }', undefined, {
      token: null,
    });
    expectTypeOf(plain).toEqualTypeOf<TestResult<Record<string, unknown>>>();
    expect(plain.status).toBe(200);
  });

  it('rejects wrong or missing variables at compile time', () => {
    // Never called: only `tsc` reads these lines.
    const unchecked = (gateway: TestGateway) => [
      // @ts-expect-error `org` is required
      gateway.execute(IssueStreamDocument),
      // @ts-expect-error `org` must be a string
      gateway.execute(IssueStreamDocument, { org: 1 }),
      // @ts-expect-error no such variable
      gateway.execute(OrgSwitcherDocument, { org: 'acme' }),
    ];
    expectTypeOf(unchecked).toBeFunction();
  });
});

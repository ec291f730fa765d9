/** Seeded data and fixtures for the local Sentry route tests, and a fresh server per test. */
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from './local-sentry.ts';

export type Row = Record<string, unknown>;

/** The value, or a test failure when it is missing. */
export function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('missing test fixture');
  return value;
}

/** The first two or three items, each defined. */
export function take<T>(items: readonly T[], n: 2): [T, T];
export function take<T>(items: readonly T[], n: 3): [T, T, T];
export function take<T>(items: readonly T[], n: number): T[] {
  if (items.length < n) throw new Error(`need ${n} fixtures, have ${items.length}`);
  return items.slice(0, n);
}

export const seed = generateData({ seed: 1, scale: 'small' });

/** A server for one test (its hits count towards test/coverage/routes.test.ts). */
export async function server(): Promise<TestLocalSentry & AsyncDisposable> {
  // Fresh data per server: mutations must not leak between tests.
  const sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
  return Object.assign(sentry, { [Symbol.asyncDispose]: () => sentry.close() });
}

export const acme = () => {
  const org = seed.organizations.get('acme');
  if (!org) throw new Error('no acme');
  return org;
};
export const firstIssue = () => must(acme().issues[0]);
export const firstEvent = () => must(firstIssue().events[0]);
export const release = () => must(acme().releases[0]);
export const v = () => encodeURIComponent(release().wire.version);

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One copy of graphql: Vite would otherwise load its ESM build beside Yoga's CJS one, and
// `instanceof GraphQLError` in maskError would fail.
const resolve = { alias: { graphql: 'graphql/index.js' } };

// Where each test's local Sentry writes the routes it answered (test/helpers/route-coverage.ts);
// a fresh folder per run, read by the `coverage` project, which runs after the others.
// SENTRY_GRAPHQL_FREEZE_BODIES: upstream bodies are deep-frozen once parsed, so any code that
// writes into one (coalesced calls share it) fails a test (src/sentry/http/requester.ts).
const env = {
  ROUTE_COVERAGE_DIR: mkdtempSync(join(tmpdir(), 'route-coverage-')),
  SENTRY_GRAPHQL_FREEZE_BODIES: '1',
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        // Generous: the data-scale test builds the large store, slow on a busy 2-core machine.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, env },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env,
        },
      },
      {
        resolve,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 90_000,
          // Chromium is launched in beforeAll: a cold start on a busy machine outlasts 10 s.
          hookTimeout: 90_000,
          env,
        },
      },
      {
        resolve,
        test: {
          name: 'coverage',
          include: ['test/coverage/**/*.test.ts'],
          env,
          // After every other project, so that their servers have written what they answered.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

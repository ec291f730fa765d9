import { defineConfig } from 'vitest/config';

// One copy of graphql: Vite would otherwise load its ESM build beside Yoga's CJS one, and
// `instanceof GraphQLError` in maskError would fail.
const resolve = { alias: { graphql: 'graphql/index.js' } };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        // Generous: the data-scale test builds the large store, slow on a busy 2-core machine.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 90_000 },
      },
    ],
  },
});

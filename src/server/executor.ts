/**
 * The executor. Yoga runs operations with `@graphql-tools/executor`'s `normalizedExecutor`,
 * which supports `@defer`/`@stream` and abort signals at the cost of more work per field; the
 * schema has neither incremental delivery nor subscriptions, and upstream calls follow the
 * request's signal themselves (`context.ts`), so graphql-js's own `execute` does the same job.
 */
import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useGraphQLJsExecute(): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute);
    },
  };
}

/** The Mutation root. Its fields live beside it, one file per domain. */
import { builder } from '../builder.ts';

builder.mutationType({
  description:
    'Changes to Sentry data. Each mutation takes one `input`, sends each write to Sentry once (never retried) and returns a payload with the changed objects and `userErrors`.',
});

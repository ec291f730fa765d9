/** rate-limit/: the caller's Sentry rate-limit budget, `Query.rateLimit` (costs no call). */
import type { SentryRateLimit } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const RateLimit = builder.objectRef<SentryRateLimit>('RateLimit').implement({
  description:
    "Sentry's request budget for the caller, from the `X-Sentry-Rate-Limit-*` headers of the latest response. Sentry counts per endpoint, so this describes the endpoint called last.",
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'Requests allowed per window.' }),
    remaining: t.exposeInt('remaining', { description: 'Requests left in the current window.' }),
    resetAt: t.field({
      type: 'DateTime',
      description: 'When the window resets.',
      resolve: (limit) => new Date(limit.reset * 1000).toISOString(),
    }),
    concurrentLimit: t.exposeInt('concurrentLimit', {
      description: 'Requests allowed in flight at once.',
    }),
    concurrentRemaining: t.exposeInt('concurrentRemaining', {
      description: 'Requests that could start now.',
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimit,
    nullable: true,
    description:
      "The caller's Sentry rate-limit budget as last reported by Sentry (costs no call; null before any call or on self-hosted Sentry, which sends no such headers). Ask for it after the other fields of an operation.",
    args: {
      organization: t.arg.string({
        required: false,
        description: "An organization slug, to read the budget of that organization's region.",
      }),
    },
    resolve: (_root, args, context) =>
      context.sentry.rateLimit(args.organization ?? undefined) ?? null,
  }),
);

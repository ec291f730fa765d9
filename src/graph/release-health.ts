/**
 * Release health fields: `Organization.sessionStats` (one call) and `Release.health` (one call
 * for all the releases of a request), from `GET /organizations/{org}/sessions/`. Their
 * arguments are checked in session-arguments.ts before any request.
 */
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { loadReleaseHealth, type ReleaseHealthKey, releaseHealthKey } from '../loaders/sessions.ts';
import { loaderOptions } from './batching.ts';
import { builder } from './builder.ts';
import { Organization } from './organization.ts';
import { Project } from './project.ts';
import { Release } from './release.ts';
import { sessionRequest } from './session-arguments.ts';
import {
  type SentrySessionField,
  SessionField,
  SessionGroupBy,
  SessionStats,
  type SessionStatsShape,
} from './session-stats.ts';
import { StatsPeriod } from './stats-period.ts';

/** What `Release.health` measures unless told otherwise. */
const HEALTH_FIELDS: SentrySessionField[] = [
  'sum(session)',
  'count_unique(user)',
  'crash_free_rate(session)',
  'crash_free_rate(user)',
];

/** Health of the releases of one request: one sessions call for all that share arguments. */
const releaseHealth = createContextCache(
  (context: Context) =>
    new DataLoader(
      (keys: readonly ReleaseHealthKey[]) => loadReleaseHealth(context.sentry, keys),
      loaderOptions(context),
    ),
);

const SessionStatsOrder = builder.inputType('SessionStatsOrder', {
  description: 'How to order the groups: by one of the fields asked for.',
  fields: (t) => ({
    field: t.field({ type: SessionField, description: 'One of `fields`.' }),
    descending: t.boolean({ defaultValue: true, description: 'Largest first. @default true' }),
  }),
});

const INTERVAL_DESCRIPTION =
  'Length of each point of the series: 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d; at most 1,000 points. @default 1h for ranges up to 7 days, else 1d';
const PERIOD_DESCRIPTION =
  'The range, counted back from now, e.g. "24h" or "14d". Not with `start`/`end`. @default 90d';

builder.objectFields(Organization, (t) => ({
  sessionStats: t.field({
    type: SessionStats,
    nullable: true,
    description:
      'Release health of the organization: session counts, users and crash rates over time. One call: `GET /organizations/{org}/sessions/`.',
    args: {
      fields: t.arg({ type: [SessionField], description: 'What to measure (at least one).' }),
      groupBy: t.arg({
        type: [SessionGroupBy],
        required: false,
        description: 'What to split the sessions by. @default no grouping',
      }),
      interval: t.arg({ type: StatsPeriod, required: false, description: INTERVAL_DESCRIPTION }),
      statsPeriod: t.arg({ type: StatsPeriod, required: false, description: PERIOD_DESCRIPTION }),
      start: t.arg({ type: 'DateTime', required: false, description: 'Start of the range.' }),
      end: t.arg({ type: 'DateTime', required: false, description: 'End of the range.' }),
      projects: t.arg.globalIDList({
        for: Project,
        required: false,
        description: 'Projects to narrow to. @default every project the token can see',
      }),
      environments: t.arg.stringList({
        required: false,
        description: 'Environments to narrow to.',
      }),
      releases: t.arg.stringList({
        required: false,
        description: 'Release versions to narrow to.',
      }),
      orderBy: t.arg({
        type: SessionStatsOrder,
        required: false,
        description: "Order of the groups. @default Sentry's order",
      }),
    },
    resolve: async (org, args, context): Promise<SessionStatsShape> => {
      const { params } = sessionRequest(org.slug, args);
      const stats = await context.sentry.sessions.query(org.slug, params);
      return { ...stats, grouped: Boolean(args.groupBy?.length) };
    },
  }),
}));

builder.objectFields(Release, (t) => ({
  health: t.field({
    type: SessionStats,
    nullable: true,
    description:
      'Health of the release across its projects: sessions, users and crash-free rates over time. One call to `GET /organizations/{org}/sessions/` for all the releases of a request that ask with the same arguments (grouped by release, split back).',
    args: {
      fields: t.arg({
        type: [SessionField],
        required: false,
        description:
          'What to measure. @default [SESSIONS, USERS, CRASH_FREE_SESSION_RATE, CRASH_FREE_USER_RATE]',
      }),
      groupBy: t.arg({
        type: [SessionGroupBy],
        required: false,
        description: 'What to split the sessions by, e.g. ENVIRONMENT. @default no grouping',
      }),
      interval: t.arg({ type: StatsPeriod, required: false, description: INTERVAL_DESCRIPTION }),
      statsPeriod: t.arg({ type: StatsPeriod, required: false, description: PERIOD_DESCRIPTION }),
      start: t.arg({ type: 'DateTime', required: false, description: 'Start of the range.' }),
      end: t.arg({ type: 'DateTime', required: false, description: 'End of the range.' }),
      environments: t.arg.stringList({
        required: false,
        description: 'Environments to narrow to.',
      }),
    },
    resolve: async (release, args, context): Promise<SessionStatsShape> => {
      const org = release.organizationSlug;
      const { params, points } = sessionRequest(org, args, HEALTH_FIELDS);
      const stats = await releaseHealth(context).load(
        releaseHealthKey(org, release.version, params, points),
      );
      return { ...stats, grouped: Boolean(args.groupBy?.length) };
    },
  }),
}));

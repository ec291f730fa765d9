/**
 * stats/: usage stats — `OrgStats` (Sentry's `stats_v2` outcomes, grouped and in series) on
 * `Organization.stats`, and the event-count series of projects and teams (event-counts.ts).
 */
import { projectKey } from '../../loaders/keys.ts';
import type { SentryOrgStats, SentryOrgStatsGroup } from '../../sentry/types.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { StatsPeriod } from '../schema-kit/stats-period.ts';
import { orgStatsParams } from './org-stats-arguments.ts';

export const OrgStatsField = builder.enumType('OrgStatsField', {
  description: 'What `OrgStats` sums.',
  values: {
    QUANTITY: {
      value: 'sum(quantity)',
      description: "Events (bytes for attachments). Sentry's `sum(quantity)`.",
    },
    TIMES_SEEN: {
      value: 'sum(times_seen)',
      description:
        "Times seen: events for most categories, unique sessions, attachment count. Sentry's `sum(times_seen)`.",
    },
  } as const,
});

export const OrgStatsGroupBy = builder.enumType('OrgStatsGroupBy', {
  description: 'A dimension `OrgStats` groups by.',
  values: {
    OUTCOME: { value: 'outcome', description: 'What became of the data (accepted, filtered, …).' },
    CATEGORY: { value: 'category', description: 'The kind of data (error, transaction, …).' },
    REASON: { value: 'reason', description: 'Why it was dropped.' },
    PROJECT: {
      value: 'project',
      description: 'The project. Sentry answers totals only when grouping by project: no series.',
    },
  } as const,
});

const CATEGORIES = {
  ERROR: ['error', 'Error events (with `default` and `security`, as Sentry rolls them in).'],
  DEFAULT: ['default', 'Events without a category of their own.'],
  SECURITY: ['security', 'Security reports (CSP and the like).'],
  TRANSACTION: ['transaction', 'Transaction events.'],
  ATTACHMENT: ['attachment', 'File attachments; `QUANTITY` counts bytes.'],
  REPLAY: ['replay', 'Session replays.'],
  PROFILE: ['profile', 'Performance profiles.'],
  PROFILE_DURATION: ['profile_duration', 'Continuous profiling time.'],
  PROFILE_DURATION_UI: ['profile_duration_ui', 'UI profiling time.'],
  PROFILE_CHUNK: ['profile_chunk', 'Continuous profile chunks.'],
  PROFILE_CHUNK_UI: ['profile_chunk_ui', 'UI profile chunks.'],
  MONITOR: ['monitor', 'Cron check-ins.'],
} as const;
type CategoryName = keyof typeof CATEGORIES;
type Category = (typeof CATEGORIES)[CategoryName][0];
const CATEGORY_VALUES = new Set<string>(Object.values(CATEGORIES).map(([value]) => value));

export const OrgStatsCategory = builder.enumType('OrgStatsCategory', {
  description: 'A data category of Sentry usage.',
  values: Object.fromEntries(
    Object.entries(CATEGORIES).map(([key, [value, description]]) => [key, { value, description }]),
  ) as { [K in CategoryName]: { value: (typeof CATEGORIES)[K][0]; description: string } },
});

const OUTCOMES = {
  ACCEPTED: ['accepted', 'Stored.'],
  FILTERED: ['filtered', 'Dropped by an inbound filter.'],
  RATE_LIMITED: ['rate_limited', 'Dropped by a quota or rate limit.'],
  INVALID: ['invalid', 'Dropped as malformed.'],
  ABUSE: ['abuse', 'Dropped by abuse limits.'],
  CLIENT_DISCARD: ['client_discard', 'Discarded by the SDK before sending.'],
  CARDINALITY_LIMITED: ['cardinality_limited', 'Dropped by metric cardinality limits.'],
} as const;
type OutcomeName = keyof typeof OUTCOMES;
type Outcome = (typeof OUTCOMES)[OutcomeName][0];
const OUTCOME_VALUES = new Set<string>(Object.values(OUTCOMES).map(([value]) => value));

export const OrgStatsOutcome = builder.enumType('OrgStatsOutcome', {
  description: 'What became of data sent to Sentry.',
  values: Object.fromEntries(
    Object.entries(OUTCOMES).map(([key, [value, description]]) => [key, { value, description }]),
  ) as { [K in OutcomeName]: { value: (typeof OUTCOMES)[K][0]; description: string } },
});

type Field = (typeof OrgStatsField)['$inferType'];
type GroupBy = (typeof OrgStatsGroupBy)['$inferType'];

interface OrgStatsShape {
  organizationSlug: string;
  body: SentryOrgStats;
  field: Field;
  interval: string;
  groupBy: GroupBy[];
  category: Category | null;
}

type GroupShape = SentryOrgStatsGroup & { organizationSlug: string; field: Field };

export const OrgStatsGroupKey = builder.objectRef<GroupShape>('OrgStatsGroupKey').implement({
  description: 'The values a group stands for: one per `groupBy` dimension, null for the others.',
  fields: (t) => ({
    outcome: t.field({
      type: OrgStatsOutcome,
      nullable: true,
      resolve: (group) =>
        OUTCOME_VALUES.has(group.by.outcome ?? '') ? (group.by.outcome as Outcome) : null,
    }),
    category: t.field({
      type: OrgStatsCategory,
      nullable: true,
      description: 'Null too for a category this gateway does not know yet.',
      resolve: (group) =>
        CATEGORY_VALUES.has(group.by.category ?? '') ? (group.by.category as Category) : null,
    }),
    reason: t.string({
      nullable: true,
      description: 'Why it was dropped, e.g. "key_quota" or "browser-extensions".',
      resolve: (group) => group.by.reason ?? null,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description:
        "The project (grouped by PROJECT). One batched call (`GET /organizations/{org}/projects/?query=id:…`) answers every group's.",
      resolve: (group) =>
        group.by.project === undefined
          ? null
          : projectKey(group.organizationSlug, String(group.by.project)),
    }),
  }),
});

export const OrgStatsGroup = builder.objectRef<GroupShape>('OrgStatsGroup').implement({
  description: 'One group of `OrgStats`: its key, its total and its series.',
  fields: (t) => ({
    by: t.field({ type: OrgStatsGroupKey, resolve: (group) => group }),
    // Float, not Int: usage counts (and attachment bytes) overflow GraphQL's 32-bit Int.
    total: t.float({ resolve: (group) => group.totals[group.field] ?? 0 }),
    series: t.floatList({
      description:
        'One value per interval of `OrgStats.intervals`; empty when grouped by PROJECT (Sentry answers totals only).',
      resolve: (group) => group.series[group.field] ?? [],
    }),
  }),
});

export const OrgStats = builder.objectRef<OrgStatsShape>('OrgStats').implement({
  description:
    "Usage of an organization as Sentry's outcomes count it: how much data arrived, was stored or was dropped, by outcome, category, reason or project.",
  fields: (t) => ({
    field: t.field({ type: OrgStatsField, resolve: (stats) => stats.field }),
    groupBy: t.field({ type: [OrgStatsGroupBy], resolve: (stats) => stats.groupBy }),
    interval: t.exposeString('interval', { description: 'The width of a point, e.g. "1h".' }),
    category: t.field({
      type: OrgStatsCategory,
      nullable: true,
      description: 'The category it was narrowed to, if any.',
      resolve: (stats) => stats.category,
    }),
    start: t.field({ type: 'DateTime', resolve: (stats) => stats.body.start }),
    end: t.field({ type: 'DateTime', resolve: (stats) => stats.body.end }),
    intervals: t.field({
      type: ['DateTime'],
      description: 'The start of each point of the series, oldest first.',
      resolve: (stats) => stats.body.intervals,
    }),
    groups: t.field({
      type: [OrgStatsGroup],
      resolve: (stats) =>
        stats.body.groups.map((group) => ({
          ...group,
          organizationSlug: stats.organizationSlug,
          field: stats.field,
        })),
    }),
  }),
});

builder.objectFields(Organization, (t) => ({
  stats: t.field({
    type: OrgStats,
    nullable: true,
    description:
      'Usage stats (accepted and dropped data). One call: `GET /organizations/{org}/stats_v2/`. Bad arguments fail with BAD_USER_INPUT before any call.',
    args: {
      field: t.arg({ type: OrgStatsField, defaultValue: 'sum(quantity)' }),
      groupBy: t.arg({
        type: [OrgStatsGroupBy],
        description: 'At least one dimension.',
      }),
      category: t.arg({ type: OrgStatsCategory, required: false }),
      outcome: t.arg({ type: OrgStatsOutcome, required: false }),
      reason: t.arg.string({ required: false, description: 'e.g. "key_quota".' }),
      interval: t.arg.string({
        required: false,
        description: 'Whole hours dividing a day: "1h" (default), "2h", …, "12h" or "1d".',
      }),
      statsPeriod: t.arg({
        type: StatsPeriod,
        required: false,
        description: 'Counted back from now; default "14d" unless `start` and `end` are given.',
      }),
      start: t.arg({ type: 'DateTime', required: false }),
      end: t.arg({ type: 'DateTime', required: false }),
      projects: t.arg.globalIDList({
        for: Project,
        required: false,
        description: 'Only these projects (default: all).',
      }),
    },
    resolve: async (org, args, context) => {
      const params = orgStatsParams(org.slug, args);
      const body = await context.sentry.stats.orgV2(org.slug, params);
      return {
        organizationSlug: org.slug,
        body,
        field: args.field,
        interval: params.interval ?? '1h',
        groupBy: [...new Set(args.groupBy)],
        category: args.category ?? null,
      };
    },
  }),
}));

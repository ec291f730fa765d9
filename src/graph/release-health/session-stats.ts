/**
 * Release health as Sentry's sessions endpoint reports it: time series and totals of session
 * and user counts, crash rates and durations, grouped by project, release, environment or
 * session status. The arguments and the fields that ask for it live in release-health.ts.
 */
import { projectKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentrySessionsResponse } from '../../sentry/types.ts';
import { Project } from '../projects/project.ts';
import { Release, releaseStub } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';

/** GraphQL name, Sentry's field and description of every session field, in one table. */
export const SESSION_FIELDS = {
  SESSIONS: ['sessions', 'sum(session)', 'Sessions started.'],
  USERS: ['users', 'count_unique(user)', 'Distinct users with a session.'],
  CRASH_FREE_SESSION_RATE: [
    'crashFreeSessionRate',
    'crash_free_rate(session)',
    'Share of sessions that did not crash, 0 to 1.',
  ],
  CRASH_FREE_USER_RATE: [
    'crashFreeUserRate',
    'crash_free_rate(user)',
    'Share of users who had no crash, 0 to 1.',
  ],
  CRASHED_SESSION_RATE: [
    'crashedSessionRate',
    'crash_rate(session)',
    'Share of sessions that crashed, 0 to 1.',
  ],
  CRASHED_USER_RATE: [
    'crashedUserRate',
    'crash_rate(user)',
    'Share of users who had a crash, 0 to 1.',
  ],
  DURATION_AVG: ['durationAvg', 'avg(session.duration)', 'Average session duration.'],
  DURATION_P50: ['durationP50', 'p50(session.duration)', 'Median session duration.'],
  DURATION_P75: ['durationP75', 'p75(session.duration)', '75th percentile of session duration.'],
  DURATION_P90: ['durationP90', 'p90(session.duration)', '90th percentile of session duration.'],
  DURATION_P95: ['durationP95', 'p95(session.duration)', '95th percentile of session duration.'],
  DURATION_P99: ['durationP99', 'p99(session.duration)', '99th percentile of session duration.'],
  DURATION_MAX: ['durationMax', 'max(session.duration)', 'Longest session duration.'],
} as const satisfies Record<string, readonly [name: string, sentry: string, description: string]>;

type SessionFieldName = keyof typeof SESSION_FIELDS;
/** Sentry's name of a session field, e.g. `sum(session)`. */
export type SentrySessionField = (typeof SESSION_FIELDS)[SessionFieldName][1];

export const SessionField = builder.enumType('SessionField', {
  description:
    'What to measure. Durations come in the unit Sentry reports; rates are fractions from 0 to 1.',
  values: Object.fromEntries(
    Object.entries(SESSION_FIELDS).map(([key, [, sentry, description]]) => [
      key,
      { value: sentry, description: `${description} Sentry's \`${sentry}\`.` },
    ]),
  ) as { [K in SessionFieldName]: { value: (typeof SESSION_FIELDS)[K][1]; description: string } },
});

export const SessionGroupBy = builder.enumType('SessionGroupBy', {
  description: 'What to split the sessions by.',
  values: {
    PROJECT: { value: 'project', description: 'One group per project.' },
    RELEASE: { value: 'release', description: 'One group per release.' },
    ENVIRONMENT: { value: 'environment', description: 'One group per environment.' },
    SESSION_STATUS: {
      value: 'session.status',
      description: 'One group per session outcome; not with crash rates (Sentry refuses it).',
    },
  } as const,
});

export const SessionStatus = builder.enumType('SessionStatus', {
  description: 'How a session ended.',
  values: {
    HEALTHY: { value: 'healthy', description: 'Ended normally, without errors.' },
    ERRORED: { value: 'errored', description: 'Had handled errors.' },
    CRASHED: { value: 'crashed', description: 'Ended in an unhandled error or crash.' },
    ABNORMAL: { value: 'abnormal', description: 'Ended abnormally, e.g. the app was killed.' },
  } as const,
});

type SentryGroup = SentrySessionsResponse['groups'][number];
type GroupShape = SentryGroup & { organizationSlug: string };
export type SessionStatsShape = OrgScoped<SentrySessionsResponse> & { grouped: boolean };

const SessionValues = builder.objectRef<SentryGroup['totals']>('SessionValues').implement({
  description: 'One value per session field; null for a field that was not asked for.',
  fields: (t) =>
    Object.fromEntries(
      Object.values(SESSION_FIELDS).map(([name, sentry, description]) => [
        name,
        t.float({ nullable: true, description, resolve: (values) => values[sentry] ?? null }),
      ]),
    ),
});

const SessionSeries = builder.objectRef<SentryGroup['series']>('SessionSeries').implement({
  description:
    'One value per interval (aligned with `SessionStats.intervals`) for each session field; null for a field that was not asked for.',
  fields: (t) =>
    Object.fromEntries(
      Object.values(SESSION_FIELDS).map(([name, sentry, description]) => [
        name,
        t.floatList({
          nullable: { list: true, items: true },
          description,
          resolve: (series) => series[sentry] ?? null,
        }),
      ]),
    ),
});

const SESSION_STATUSES = new Set(['healthy', 'errored', 'crashed', 'abnormal']);

export const SessionGroup = builder.objectRef<GroupShape>('SessionGroup').implement({
  description:
    'The sessions of one combination of the `groupBy` values (all sessions when not grouped).',
  fields: (t) => ({
    projectSentryId: t.string({
      nullable: true,
      description: "The project's numeric id, when grouped by project.",
      resolve: (group) => (group.by.project != null ? String(group.by.project) : null),
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project, when grouped by project (one batched call for its fields).',
      resolve: (group) =>
        group.by.project != null
          ? projectKey(group.organizationSlug, String(group.by.project))
          : null,
    }),
    release: t.field({
      type: Release,
      nullable: true,
      description: 'The release, when grouped by release (no call for `version`).',
      resolve: (group) =>
        group.by.release
          ? releaseStub(group.organizationSlug, { version: group.by.release })
          : null,
    }),
    environment: t.string({
      nullable: true,
      description: 'The environment, when grouped by environment.',
      resolve: (group) => group.by.environment ?? null,
    }),
    sessionStatus: t.field({
      type: SessionStatus,
      nullable: true,
      description: 'How the sessions ended, when grouped by session status.',
      resolve: (group) => {
        const status = group.by['session.status'];
        return status && SESSION_STATUSES.has(status)
          ? (status as 'healthy' | 'errored' | 'crashed' | 'abnormal')
          : null;
      },
    }),
    totals: t.field({
      type: SessionValues,
      description: 'Each field over the whole range.',
      resolve: (group) => group.totals,
    }),
    series: t.field({
      type: SessionSeries,
      description: 'Each field per interval.',
      resolve: (group) => group.series,
    }),
  }),
});

export const SessionStats = builder.objectRef<SessionStatsShape>('SessionStats').implement({
  description:
    "Release health: session statistics over a time range, from Sentry's `GET /organizations/{org}/sessions/`.",
  fields: (t) => ({
    start: t.field({
      type: 'DateTime',
      description: 'Start of the range, rounded down to the interval.',
      resolve: (stats) => stats.start,
    }),
    end: t.field({
      type: 'DateTime',
      description: 'End of the range, rounded up to the interval.',
      resolve: (stats) => stats.end,
    }),
    intervals: t.field({
      type: ['DateTime'],
      description: 'Start of each interval: the x axis of every `series`.',
      resolve: (stats) => stats.intervals,
    }),
    groups: t.field({
      type: [SessionGroup],
      description: 'One group per combination of the `groupBy` values.',
      resolve: (stats) =>
        stats.groups.map((group) => ({ ...group, organizationSlug: stats.organizationSlug })),
    }),
    totals: t.field({
      type: SessionValues,
      nullable: true,
      description: 'Totals over everything asked for, when not grouped; null when grouped.',
      resolve: (stats) => (stats.grouped ? null : (stats.groups[0]?.totals ?? {})),
    }),
    series: t.field({
      type: SessionSeries,
      nullable: true,
      description: 'Series over everything asked for, when not grouped; null when grouped.',
      resolve: (stats) => (stats.grouped ? null : (stats.groups[0]?.series ?? {})),
    }),
  }),
});

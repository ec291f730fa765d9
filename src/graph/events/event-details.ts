/**
 * The rest of a full event body on `Event`: threads, debug images, security reports, template
 * errors, processing errors, user report, packages, grouping, occurrence, SDK suggestions and a
 * transaction's timing. All come with the one full-event call the other entries share (free from
 * a full body); `metadata` is on list rows too.
 */
import type { SentryMeasurement } from '../../sentry/types.ts';
import { IssueMetadata } from '../issues/issue-metadata.ts';
import { UserFeedback } from '../projects/user-feedback.ts';
import { builder } from '../schema-kit/builder.ts';
import { DebugImage } from './debug-image.ts';
import { Event, entry, fullEvent } from './event.ts';
import {
  Breakdown,
  EventOccurrence,
  EventPackage,
  EventProcessingError,
  GroupingConfig,
  Measurement,
  SdkUpdate,
} from './event-processing.ts';
import {
  EventCsp,
  EventExpectCt,
  EventExpectStaple,
  EventHpkp,
  EventTemplate,
} from './event-security.ts';
import { EventThread } from './event-threads.ts';

const EVENT_TYPES = [
  'default',
  'error',
  'csp',
  'nel',
  'hpkp',
  'expectct',
  'expectstaple',
  'transaction',
  'generic',
  'feedback',
] as const;

export const EventType = builder.enumType('EventType', {
  description: 'What kind of event it is, which says which entries it can have.',
  values: {
    DEFAULT: { value: 'default', description: 'A message without an exception.' },
    ERROR: { value: 'error', description: 'An exception.' },
    CSP: { value: 'csp', description: 'A Content-Security-Policy report (`csp`).' },
    NEL: { value: 'nel', description: 'A Network Error Logging report.' },
    HPKP: { value: 'hpkp', description: 'An HPKP report (`hpkp`).' },
    EXPECTCT: { value: 'expectct', description: 'An Expect-CT report (`expectCt`).' },
    EXPECTSTAPLE: { value: 'expectstaple', description: 'An Expect-Staple report.' },
    TRANSACTION: { value: 'transaction', description: 'A transaction (timing, measurements).' },
    GENERIC: { value: 'generic', description: 'An issue-platform event (`occurrence`).' },
    FEEDBACK: { value: 'feedback', description: 'User feedback.' },
    UNKNOWN: { value: 'unknown', description: 'A kind Sentry added later.' },
  } as const,
});

function seconds(value: number | undefined): string | null {
  return typeof value === 'number' ? new Date(value * 1000).toISOString() : null;
}

function measurements(values: Record<string, SentryMeasurement> | null | undefined) {
  return Object.entries(values ?? {}).map(([name, value]) => ({ ...value, name }));
}

builder.objectFields(Event, (t) => ({
  eventType: t.field({
    type: EventType,
    description: 'What kind of event it is. Free on list rows and full bodies.',
    resolve: (event) => {
      const type = 'entries' in event ? event.type : event['event.type'];
      return (EVENT_TYPES as readonly string[]).includes(type)
        ? (type as (typeof EVENT_TYPES)[number])
        : 'unknown';
    },
  }),
  threads: t.field({
    type: [EventThread],
    description:
      'Threads running when it happened (Java, Python, native), each with its stack trace; empty when the SDK sent none.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'threads')?.data.values ?? [],
  }),
  debugImages: t.field({
    type: [DebugImage],
    description:
      'Debug images it references (native modules, ProGuard mappings, source bundles), from its `debugmeta` entry.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'debugmeta')?.data.images ?? [],
  }),
  csp: t.field({
    type: EventCsp,
    nullable: true,
    description: 'The CSP violation, for a `csp` event.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'csp')?.data ?? null,
  }),
  hpkp: t.field({
    type: EventHpkp,
    nullable: true,
    description: 'The HPKP failure, for an `hpkp` event.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'hpkp')?.data ?? null,
  }),
  expectCt: t.field({
    type: EventExpectCt,
    nullable: true,
    description: 'The Expect-CT failure, for an `expectct` event.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'expectct')?.data ?? null,
  }),
  expectStaple: t.field({
    type: EventExpectStaple,
    nullable: true,
    description: 'The Expect-Staple failure, for an `expectstaple` event.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'expectstaple')?.data ?? null,
  }),
  template: t.field({
    type: EventTemplate,
    nullable: true,
    description: 'Where a template error happened, when the SDK reported one.',
    resolve: async (event, _args, context) =>
      entry(await fullEvent(event, context), 'template')?.data ?? null,
  }),
  processingErrors: t.field({
    type: [EventProcessingError],
    description:
      "Problems Sentry met processing it (Sentry's `errors`): missing debug files, source maps, invalid data.",
    resolve: async (event, _args, context) => (await fullEvent(event, context)).errors ?? [],
  }),
  userReport: t.field({
    type: UserFeedback,
    nullable: true,
    description: 'The feedback its user sent about it, if any.',
    resolve: async (event, _args, context) => {
      const report = (await fullEvent(event, context)).userReport;
      return report
        ? { ...report, organizationSlug: event.organizationSlug, projectId: event.projectID }
        : null;
    },
  }),
  packages: t.field({
    type: [EventPackage],
    description: 'Packages the application had loaded, by name.',
    resolve: async (event, _args, context) =>
      Object.entries((await fullEvent(event, context)).packages ?? {}).map(([name, version]) => ({
        name,
        version: String(version),
      })),
  }),
  metadata: t.field({
    type: IssueMetadata,
    description:
      'What Sentry extracted to title it (type, value, culprit frame). Free on list rows.',
    resolve: (event) => event.metadata ?? {},
  }),
  groupingConfig: t.field({
    type: GroupingConfig,
    nullable: true,
    description: 'The grouping config that grouped it.',
    resolve: async (event, _args, context) =>
      (await fullEvent(event, context)).groupingConfig ?? null,
  }),
  occurrence: t.field({
    type: EventOccurrence,
    nullable: true,
    description: 'Its issue-platform occurrence; null for error events.',
    resolve: async (event, _args, context) => (await fullEvent(event, context)).occurrence ?? null,
  }),
  size: t.int({
    nullable: true,
    description: 'Size of the stored event in bytes.',
    resolve: async (event, _args, context) => (await fullEvent(event, context)).size ?? null,
  }),
  sdkUpdates: t.field({
    type: [SdkUpdate],
    description: 'SDK changes Sentry suggests for the SDK that sent it.',
    resolve: async (event, _args, context) => (await fullEvent(event, context)).sdkUpdates ?? [],
  }),
  startTimestamp: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the transaction started; null for error events.',
    resolve: async (event, _args, context) =>
      seconds((await fullEvent(event, context)).startTimestamp),
  }),
  endTimestamp: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the transaction ended; null for error events.',
    resolve: async (event, _args, context) =>
      seconds((await fullEvent(event, context)).endTimestamp),
  }),
  measurements: t.field({
    type: [Measurement],
    description: "A transaction's measurements (web vitals, custom ones); empty for errors.",
    resolve: async (event, _args, context) =>
      measurements((await fullEvent(event, context)).measurements),
  }),
  breakdowns: t.field({
    type: [Breakdown],
    description: "A transaction's time breakdowns (e.g. `span_ops`); empty for errors.",
    resolve: async (event, _args, context) =>
      Object.entries((await fullEvent(event, context)).breakdowns ?? {}).map(([name, values]) => ({
        name,
        values,
      })),
  }),
}));

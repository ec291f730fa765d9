/**
 * What Sentry's processing adds to an event body: processing errors, the grouping config, SDK
 * update suggestions, the issue-platform occurrence, and a transaction's measurements.
 */
import type {
  SentryEvent,
  SentryEventOccurrence,
  SentryMeasurement,
  SentrySdkUpdate,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

type ProcessingError = SentryEvent['errors'][number];

export const EventProcessingError = builder
  .objectRef<ProcessingError>('EventProcessingError')
  .implement({
    description:
      'A problem Sentry met processing the event: a missing debug file or source map, an invalid attribute, a failed symbolication.',
    fields: (t) => ({
      type: t.exposeString('type', {
        description: 'e.g. "proguard_missing_mapping", "js_no_source", "invalid_attribute".',
      }),
      message: t.exposeString('message', { description: 'What went wrong, for people.' }),
      data: t.field({
        type: 'JSON',
        description: 'Details, which differ by `type` (e.g. `mapping_uuid`, `url`, `name`).',
        resolve: (error) => error.data ?? {},
      }),
    }),
  });

export const GroupingConfig = builder
  .objectRef<NonNullable<SentryEvent['groupingConfig']>>('GroupingConfig')
  .implement({
    description: 'The grouping algorithm that put the event in its issue.',
    fields: (t) => ({
      id: t.exposeString('id', { description: 'e.g. "newstyle:2023-01-11".' }),
      enhancements: t.exposeString('enhancements', {
        description: 'The stack trace rules applied, encoded as Sentry stores them.',
      }),
    }),
  });

export const EventPackage = builder
  .objectRef<{ name: string; version: string }>('EventPackage')
  .implement({
    description: 'A package the application had loaded, as the SDK listed it.',
    fields: (t) => ({
      name: t.exposeString('name'),
      version: t.exposeString('version'),
    }),
  });

export const SdkUpdate = builder.objectRef<SentrySdkUpdate>('SdkUpdate').implement({
  description:
    'A change Sentry suggests to the SDK that sent the event: update it, switch to another, or enable an integration.',
  fields: (t) => ({
    type: t.exposeString('type', {
      description: '"updateSdk", "changeSdk" or "enableIntegration".',
    }),
    sdkName: t.string({ nullable: true, resolve: (update) => update.sdkName ?? null }),
    newSdkVersion: t.string({ nullable: true, resolve: (update) => update.newSdkVersion ?? null }),
    newSdkName: t.string({ nullable: true, resolve: (update) => update.newSdkName ?? null }),
    sdkUrl: t.string({ nullable: true, resolve: (update) => update.sdkUrl ?? null }),
    integrationName: t.string({
      nullable: true,
      resolve: (update) => update.integrationName ?? null,
    }),
    integrationUrl: t.string({
      nullable: true,
      resolve: (update) => update.integrationUrl ?? null,
    }),
    enables: t.field({
      type: 'JSON',
      description: 'The further suggestions this one enables (nested, free-form).',
      resolve: (update) => update.enables ?? [],
    }),
  }),
});

export const OccurrenceEvidence = builder
  .objectRef<SentryEventOccurrence['evidenceDisplay'][number]>('OccurrenceEvidence')
  .implement({
    description: 'One piece of evidence shown on the issue, e.g. the offending span.',
    fields: (t) => ({
      name: t.exposeString('name'),
      value: t.exposeString('value'),
      important: t.exposeBoolean('important', { description: 'Shown in notifications too.' }),
    }),
  });

export const EventOccurrence = builder
  .objectRef<SentryEventOccurrence>('EventOccurrence')
  .implement({
    description:
      'The issue-platform occurrence behind a non-error issue (performance, cron, uptime, feedback).',
    fields: (t) => ({
      sentryId: t.exposeString('id'),
      issueTitle: t.exposeString('issueTitle'),
      subtitle: t.exposeString('subtitle'),
      type: t.exposeInt('type', { description: "Sentry's numeric issue type id." }),
      fingerprint: t.exposeStringList('fingerprint'),
      resourceId: t.exposeString('resourceId', { nullable: true }),
      level: t.exposeString('level', { nullable: true }),
      culprit: t.exposeString('culprit', { nullable: true }),
      priority: t.exposeInt('priority', { nullable: true }),
      detectedAt: t.field({
        type: 'DateTime',
        resolve: (occurrence) => new Date(occurrence.detectionTime * 1000).toISOString(),
      }),
      evidenceDisplay: t.field({
        type: [OccurrenceEvidence],
        resolve: (occurrence) => occurrence.evidenceDisplay ?? [],
      }),
      evidenceData: t.field({
        type: 'JSON',
        description: 'Evidence by issue type (free-form).',
        resolve: (occurrence) => occurrence.evidenceData ?? {},
      }),
    }),
  });

export const Measurement = builder
  .objectRef<SentryMeasurement & { name: string }>('Measurement')
  .implement({
    description: 'A measured value of a transaction, e.g. `lcp` in milliseconds.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'e.g. "lcp", "fcp", "cls", "span_ops.ops.db".' }),
      value: t.exposeFloat('value'),
      unit: t.exposeString('unit', { nullable: true, description: 'e.g. "millisecond", "none".' }),
    }),
  });

export const Breakdown = builder
  .objectRef<{ name: string; values: Record<string, SentryMeasurement> }>('Breakdown')
  .implement({
    description: "A transaction's time broken down, e.g. `span_ops` by operation.",
    fields: (t) => ({
      name: t.exposeString('name'),
      measurements: t.field({
        type: [Measurement],
        resolve: ({ values }) =>
          Object.entries(values).map(([name, value]) => ({ ...value, name })),
      }),
    }),
  });

import type { SentryExceptionEntry, SentryExceptionValue } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { Stacktrace } from './stack-frame.ts';

type Mechanism = NonNullable<SentryExceptionValue['mechanism']>;

export const ExceptionMechanism = builder.objectRef<Mechanism>('ExceptionMechanism').implement({
  description: 'How the exception was captured.',
  fields: (t) => ({
    type: t.string({
      description: 'e.g. "generic", "onerror", "celery".',
      resolve: (mechanism) => String(mechanism.type),
    }),
    handled: t.boolean({
      nullable: true,
      description: 'False when the application did not catch it.',
      resolve: (mechanism) => (typeof mechanism.handled === 'boolean' ? mechanism.handled : null),
    }),
    description: t.string({
      description: 'Human-readable description of the mechanism.',
      nullable: true,
      resolve: (mechanism) =>
        typeof mechanism['description'] === 'string' ? mechanism['description'] : null,
    }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Mechanism-specific data (free-form).',
      resolve: (mechanism) => mechanism['data'] ?? null,
    }),
  }),
});

export const ExceptionValue = builder.objectRef<SentryExceptionValue>('ExceptionValue').implement({
  description: 'One exception of a (possibly chained) exception.',
  fields: (t) => ({
    type: t.exposeString('type', { nullable: true, description: 'e.g. "ValueError".' }),
    value: t.exposeString('value', { nullable: true, description: 'The message.' }),
    module: t.exposeString('module', {
      description: 'Module the exception type belongs to.',
      nullable: true,
    }),
    mechanism: t.field({
      description: 'How it was captured (handled or not).',
      type: ExceptionMechanism,
      nullable: true,
      resolve: (value) => value.mechanism ?? null,
    }),
    stacktrace: t.field({
      description: 'Where it was raised (after source maps / symbolication).',
      type: Stacktrace,
      nullable: true,
      resolve: (value) => value.stacktrace ?? null,
    }),
    rawStacktrace: t.field({
      type: Stacktrace,
      nullable: true,
      description: 'The stack trace before source maps or symbolication.',
      resolve: (value) => value.rawStacktrace ?? null,
    }),
    threadId: t.int({
      description: 'Thread that raised it.',
      nullable: true,
      resolve: (value) => value.threadId ?? null,
    }),
  }),
});

export const EventException = builder
  .objectRef<SentryExceptionEntry['data']>('EventException')
  .implement({
    description:
      'The exception(s) of an event; with chained exceptions the last one was raised last.',
    fields: (t) => ({
      values: t.field({
        description: 'The exceptions; with chained exceptions the last one was raised last.',
        type: [ExceptionValue],
        resolve: (data) => data.values ?? [],
      }),
      hasSystemFrames: t.boolean({
        description: 'Some frames are outside the application.',
        resolve: (data) => data.hasSystemFrames ?? false,
      }),
    }),
  });

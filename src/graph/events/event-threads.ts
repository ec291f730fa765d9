/** `EventThread`: one thread of an event's `threads` entry, with the stack it was in. */
import type { SentryThread, SentryThreadLock } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { Stacktrace } from './stack-frame.ts';

const LOCK_TYPES: Record<number, 'LOCKED' | 'WAITING' | 'SLEEPING' | 'BLOCKED'> = {
  1: 'LOCKED',
  2: 'WAITING',
  4: 'SLEEPING',
  8: 'BLOCKED',
};

export const ThreadLockType = builder.enumType('ThreadLockType', {
  description: "How a Java thread relates to a monitor (Sentry's `LockReasonType`).",
  values: {
    LOCKED: { description: 'Holds it.' },
    WAITING: { description: 'Waits on it (`Object.wait`).' },
    SLEEPING: { description: 'Sleeps holding it.' },
    BLOCKED: { description: 'Is blocked trying to take it.' },
    UNKNOWN: { description: 'A type Sentry added later.' },
  } as const,
});

export const ThreadLock = builder.objectRef<SentryThreadLock>('ThreadLock').implement({
  description: 'A Java monitor a thread holds or waits on.',
  fields: (t) => ({
    type: t.field({
      type: ThreadLockType,
      resolve: (lock) => LOCK_TYPES[lock.type] ?? 'UNKNOWN',
    }),
    address: t.string({
      nullable: true,
      description: 'Address of the monitor object, e.g. "0x0d3a2f0a".',
      resolve: (lock) => lock.address ?? null,
    }),
    className: t.string({
      nullable: true,
      description: 'Class of the monitor object.',
      resolve: (lock) => lock.class_name ?? null,
    }),
    packageName: t.string({
      nullable: true,
      description: 'Package of that class.',
      resolve: (lock) => lock.package_name ?? null,
    }),
    threadId: t.string({
      nullable: true,
      description: 'The thread that holds it.',
      resolve: (lock) => (lock.thread_id == null ? null : String(lock.thread_id)),
    }),
  }),
});

export const EventThread = builder.objectRef<SentryThread>('EventThread').implement({
  description:
    "A thread that was running when the event happened. By Sentry's policy the crashed thread carries no stack trace: the exception has it.",
  fields: (t) => ({
    threadId: t.string({
      nullable: true,
      description: 'Thread id (a number or a string, as the SDK sent it).',
      resolve: (thread) => (thread.id == null ? null : String(thread.id)),
    }),
    name: t.string({ nullable: true, resolve: (thread) => thread.name ?? null }),
    crashed: t.boolean({
      description: 'The thread that raised the error.',
      resolve: (thread) => thread.crashed === true,
    }),
    current: t.boolean({
      description: 'The thread that sent the event.',
      resolve: (thread) => thread.current === true,
    }),
    main: t.boolean({
      nullable: true,
      description: "The process's main (UI) thread; null when the SDK does not say.",
      resolve: (thread) => thread.main ?? null,
    }),
    state: t.string({
      nullable: true,
      description: 'Thread state, e.g. "RUNNABLE", "WAITING" (Java).',
      resolve: (thread) => thread.state ?? null,
    }),
    heldLocks: t.field({
      type: [ThreadLock],
      description: 'Monitors it holds or waits on (Java).',
      resolve: (thread) => Object.values(thread.heldLocks ?? {}),
    }),
    stacktrace: t.field({
      type: Stacktrace,
      nullable: true,
      description: 'Where the thread was (after symbolication).',
      resolve: (thread) => thread.stacktrace ?? null,
    }),
    rawStacktrace: t.field({
      type: Stacktrace,
      nullable: true,
      description: 'The stack before source maps or symbolication.',
      resolve: (thread) => thread.rawStacktrace ?? null,
    }),
  }),
});

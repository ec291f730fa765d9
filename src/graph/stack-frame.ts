import type { SentryStackFrame, SentryStacktrace } from '../sentry/types.ts';
import { builder } from './builder.ts';

export const ContextLine = builder
  .objectRef<[lineNo: number, line: string]>('ContextLine')
  .implement({
    description: 'One line of source code around a frame.',
    fields: (t) => ({
      lineNo: t.int({ resolve: ([lineNo]) => lineNo }),
      line: t.string({ resolve: ([, line]) => line }),
    }),
  });

export const StackFrame = builder.objectRef<SentryStackFrame>('StackFrame').implement({
  description: 'One frame of a stack trace.',
  fields: (t) => ({
    filename: t.exposeString('filename', { nullable: true }),
    absPath: t.exposeString('absPath', {
      nullable: true,
      description: 'Absolute path or URL of the file.',
    }),
    module: t.exposeString('module', { nullable: true }),
    package: t.string({ nullable: true, resolve: (frame) => frame.package ?? null }),
    platform: t.string({ nullable: true, resolve: (frame) => frame.platform ?? null }),
    function: t.exposeString('function', { nullable: true }),
    rawFunction: t.string({ nullable: true, resolve: (frame) => frame.rawFunction ?? null }),
    lineNo: t.exposeInt('lineNo', { nullable: true }),
    colNo: t.exposeInt('colNo', { nullable: true }),
    inApp: t.exposeBoolean('inApp', { description: "The frame is in the application's own code." }),
    context: t.field({
      type: [ContextLine],
      description: 'Source lines around `lineNo`, when Sentry has the source.',
      resolve: (frame) => frame.context ?? [],
    }),
    vars: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Local variables captured by the SDK (free-form).',
      resolve: (frame) => frame.vars ?? null,
    }),
    instructionAddr: t.string({
      nullable: true,
      resolve: (frame) => frame.instructionAddr ?? null,
    }),
    symbol: t.string({ nullable: true, resolve: (frame) => frame.symbol ?? null }),
  }),
});

export const Stacktrace = builder.objectRef<SentryStacktrace>('Stacktrace').implement({
  description: 'A stack trace, oldest frame first as Sentry sends it (the crashing frame is last).',
  fields: (t) => ({
    frames: t.field({ type: [StackFrame], resolve: (trace) => trace.frames ?? [] }),
    framesOmitted: t.intList({
      nullable: true,
      description: 'Range of frames the SDK left out, as [start, end].',
      resolve: (trace) => trace.framesOmitted ?? null,
    }),
    hasSystemFrames: t.boolean({ resolve: (trace) => trace.hasSystemFrames ?? false }),
  }),
});

import type { SentryStackFrame, SentryStacktrace } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const ContextLine = builder
  .objectRef<[lineNo: number, line: string]>('ContextLine')
  .implement({
    description: 'One line of source code around a frame.',
    fields: (t) => ({
      lineNo: t.int({ description: 'Line number in the file.', resolve: ([lineNo]) => lineNo }),
      line: t.string({ description: 'The source line.', resolve: ([, line]) => line }),
    }),
  });

export const StackFrame = builder.objectRef<SentryStackFrame>('StackFrame').implement({
  description: 'One frame of a stack trace.',
  fields: (t) => ({
    filename: t.exposeString('filename', {
      description: 'Relative file name, e.g. "app/orders.py".',
      nullable: true,
    }),
    absPath: t.exposeString('absPath', {
      nullable: true,
      description: 'Absolute path or URL of the file.',
    }),
    module: t.exposeString('module', {
      description: 'Module or package path, e.g. "app.orders".',
      nullable: true,
    }),
    package: t.string({
      description: 'Binary or package that contains the frame (native code).',
      nullable: true,
      resolve: (frame) => frame.package ?? null,
    }),
    platform: t.string({
      description: 'Platform of the frame when it differs from the event.',
      nullable: true,
      resolve: (frame) => frame.platform ?? null,
    }),
    function: t.exposeString('function', {
      description: 'Function name, symbolicated or demangled.',
      nullable: true,
    }),
    rawFunction: t.string({
      description: 'Function name as the SDK sent it.',
      nullable: true,
      resolve: (frame) => frame.rawFunction ?? null,
    }),
    lineNo: t.exposeInt('lineNo', { description: 'Line number (1-based).', nullable: true }),
    colNo: t.exposeInt('colNo', { description: 'Column number (1-based).', nullable: true }),
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
      description: 'Instruction address (native code).',
      nullable: true,
      resolve: (frame) => frame.instructionAddr ?? null,
    }),
    symbol: t.string({
      description: 'Symbol name (native code).',
      nullable: true,
      resolve: (frame) => frame.symbol ?? null,
    }),
  }),
});

export const Stacktrace = builder.objectRef<SentryStacktrace>('Stacktrace').implement({
  description: 'A stack trace, oldest frame first as Sentry sends it (the crashing frame is last).',
  fields: (t) => ({
    frames: t.field({
      description: 'Frames, oldest call first.',
      type: [StackFrame],
      resolve: (trace) => trace.frames ?? [],
    }),
    framesOmitted: t.intList({
      nullable: true,
      description: 'Range of frames the SDK left out, as [start, end].',
      resolve: (trace) => trace.framesOmitted ?? null,
    }),
    hasSystemFrames: t.boolean({
      description: 'Some frames are outside the application (library or runtime).',
      resolve: (trace) => trace.hasSystemFrames ?? false,
    }),
  }),
});

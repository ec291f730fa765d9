/**
 * `Event.sourceMapDebug`: how Sentry's release-file lookup fares for each frame of the event's
 * exceptions (the names it tries, whether the source file and its source map were found).
 */
import type {
  SentryLookupResult,
  SentrySourceMapDebug,
  SentrySourceMapDebugFrame,
} from '../../sentry/types.ts';
import { Event } from '../events/event.ts';
import { builder } from '../schema-kit/builder.ts';

export const SourceMapLookup = builder.enumType('SourceMapLookup', {
  description: 'Whether a file was found among the release files.',
  values: {
    FOUND: { value: 'found', description: "Found, for the event's dist." },
    WRONG_DIST: { value: 'wrong-dist', description: 'Found, but only for another dist.' },
    UNSUCCESSFUL: { value: 'unsuccessful', description: 'Not among the release files.' },
  } as const,
});

type FrameShape = SentrySourceMapDebugFrame & { exceptionIndex: number; frameIndex: number };

const lookup = (value: SentryLookupResult | undefined) =>
  value === 'found' || value === 'wrong-dist' ? value : 'unsuccessful';

export const SourceMapDebugFrame = builder.objectRef<FrameShape>('SourceMapDebugFrame').implement({
  description: 'The source-map lookup of one stack frame.',
  fields: (t) => ({
    exceptionIndex: t.exposeInt('exceptionIndex', { description: 'Which exception of the event.' }),
    frameIndex: t.exposeInt('frameIndex', { description: 'Which frame of that exception.' }),
    absPath: t.string({
      nullable: true,
      description: "The frame's `abs_path`; null for a frame without one (no lookup).",
      resolve: (frame) => frame.release_process?.abs_path ?? null,
    }),
    matchingSourceFileNames: t.stringList({
      description: 'The release-file names Sentry tries for the frame.',
      resolve: (frame) => frame.release_process?.matching_source_file_names ?? [],
    }),
    sourceFile: t.field({
      type: SourceMapLookup,
      resolve: (frame) => lookup(frame.release_process?.source_file_lookup_result),
    }),
    sourceMapReference: t.string({
      nullable: true,
      description: 'The source map the file names (`sourceMappingURL` or a `Sourcemap` header).',
      resolve: (frame) => frame.release_process?.source_map_reference ?? null,
    }),
    matchingSourceMapName: t.string({
      nullable: true,
      description: 'The release-file name that reference resolves to.',
      resolve: (frame) => frame.release_process?.matching_source_map_name ?? null,
    }),
    sourceMap: t.field({
      type: SourceMapLookup,
      resolve: (frame) => lookup(frame.release_process?.source_map_lookup_result),
    }),
    debugId: t.string({
      nullable: true,
      resolve: (frame) => frame.debug_id_process.debug_id,
    }),
  }),
});

/** Sentry's answer, and the exception and frame asked for (Sentry answers only those). */
type DebugShape = SentrySourceMapDebug & { exceptionAt?: number; frameAt?: number };

export const SourceMapDebug = builder.objectRef<DebugShape>('SourceMapDebug').implement({
  description: "Sentry's source-map diagnosis of an event.",
  fields: (t) => ({
    release: t.exposeString('release', { nullable: true, description: "The event's release." }),
    dist: t.exposeString('dist', { nullable: true }),
    frames: t.field({
      type: [SourceMapDebugFrame],
      description: 'Every frame asked for, exception by exception.',
      resolve: (debug) =>
        debug.exceptions.flatMap((exception, e) =>
          exception.frames.map((frame, f) => ({
            ...frame,
            exceptionIndex: debug.exceptionAt ?? e,
            frameIndex: debug.frameAt ?? f,
          })),
        ),
    }),
    releaseHasArtifacts: t.boolean({
      description: 'The release has at least one file.',
      resolve: (debug) => debug.release_has_some_artifact,
    }),
    projectHasArtifactBundle: t.boolean({
      resolve: (debug) => debug.project_has_some_artifact_bundle,
    }),
    hasDebugIds: t.boolean({ resolve: (debug) => debug.has_debug_ids }),
    sdkVersion: t.exposeString('sdk_version', { nullable: true }),
    sdkDebugIdSupport: t.exposeString('sdk_debug_id_support', {
      description: '"full", "needs-upgrade", "unofficial-sdk" or "not-supported".',
    }),
  }),
});

builder.objectFields(Event, (t) => ({
  sourceMapDebug: t.field({
    type: SourceMapDebug,
    nullable: true,
    description:
      "How the release files resolve this event's frames. One call: `GET /projects/{org}/{project}/events/{event_id}/source-map-debug/`.",
    args: {
      exception: t.arg.int({ required: false, description: 'Only this exception (0-based).' }),
      frame: t.arg.int({ required: false, description: 'Only this frame of it (0-based).' }),
    },
    resolve: async (event, args, context) => {
      const debug = await context.sentry.releaseFiles.sourceMapDebug(
        event.organizationSlug,
        event.projectID,
        event.eventID,
        { exception: args.exception ?? undefined, frame: args.frame ?? undefined },
      );
      return {
        ...debug,
        ...(args.exception != null ? { exceptionAt: args.exception } : {}),
        ...(args.frame != null ? { frameAt: args.frame } : {}),
      };
    },
  }),
}));

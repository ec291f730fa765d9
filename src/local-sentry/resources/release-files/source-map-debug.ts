/**
 * `GET /projects/{org}/{project}/events/{event_id}/source-map-debug/`: for each frame of the
 * event's exceptions, how Sentry's release-based lookup fares against the release's files (the
 * names it tries, whether the source file and its source map are there, for the event's dist or
 * another), in the spec's shape. `exception_idx` and `frame_idx` (optional) narrow it to one
 * frame. Scraping and debug-id matching do not happen here: those parts always say "not tried".
 */
import type { SentryReleaseFile } from '../../../sentry/types.ts';
import type { RequestContext } from '../../http/context.ts';
import { badRequest, notFound, ok, type Reply } from '../../http/reply.ts';
import { projectHasArtifactBundle } from '../chunk-upload/store.ts';
import { findEvent } from '../events/store.ts';
import { eventDetail } from '../events/wire.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import type { ReleaseRecord } from '../releases/record.ts';
import { findRelease } from '../releases/store.ts';
import { fileBytes } from './store.ts';

type Lookup = 'found' | 'wrong-dist' | 'unsuccessful';

interface DebugFrame {
  absPath?: string | null;
}

function indexParam(context: RequestContext, name: string): number | undefined {
  const value = context.query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw badRequest(`Query parameter '${name}' must be an integer`);
  return Number(value);
}

/** The names Sentry tries for a frame's `abs_path`: itself, and `~/path` without the host. */
function candidateNames(absPath: string): string[] {
  try {
    const url = new URL(absPath);
    return [absPath, `~${url.pathname}`];
  } catch {
    return [absPath, `~/${absPath.replace(/^\/+/, '')}`];
  }
}

function lookup(
  release: ReleaseRecord,
  names: readonly string[],
  dist: string | null,
): { result: Lookup; file?: SentryReleaseFile } {
  const named = release.files.filter((file) => names.includes(file.name));
  const file = named.find((f) => (f.dist ?? null) === dist);
  if (file) return { result: 'found', file };
  return { result: named.length > 0 ? 'wrong-dist' : 'unsuccessful' };
}

/** The source map a file names: its `Sourcemap`/`X-SourceMap` header or `sourceMappingURL`. */
function sourceMapReference(context: RequestContext, file: SentryReleaseFile): string | null {
  for (const [key, value] of Object.entries(file.headers)) {
    if (/^(x-)?sourcemap$/i.test(key)) return value;
  }
  const text = fileBytes(context.data, file).subarray(-2048).toString('utf8');
  return /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(text)?.[1] ?? null;
}

function releaseProcess(
  context: RequestContext,
  release: ReleaseRecord | undefined,
  absPath: string,
  dist: string | null,
) {
  const names = candidateNames(absPath);
  const source = release ? lookup(release, names, dist) : { result: 'unsuccessful' as const };
  const reference = source.file ? sourceMapReference(context, source.file) : null;
  let mapName: string | null = null;
  let mapResult: Lookup = 'unsuccessful';
  if (reference !== null && release && source.file) {
    const base = source.file.name.startsWith('~/')
      ? `http://~${source.file.name.slice(1)}`
      : absPath;
    let resolved: string;
    try {
      resolved = new URL(reference, base).href.replace(/^http:\/\/~/, '~');
    } catch {
      resolved = reference;
    }
    mapName = resolved;
    mapResult = lookup(release, [resolved, ...candidateNames(resolved)], dist).result;
  }
  return {
    abs_path: absPath,
    matching_source_file_names: names,
    matching_source_map_name: mapName,
    source_map_reference: reference,
    source_file_lookup_result: source.result,
    source_map_lookup_result: mapResult,
  };
}

export function sourceMapDebug(context: RequestContext): Reply {
  const org = orgOf(context);
  const project = projectOf(context, org);
  const event = findEvent(context.data, org, context.params['event_id'] ?? '');
  if (!event || event.projectId !== project.wire.id) throw notFound();
  const exceptionIdx = indexParam(context, 'exception_idx');
  const frameIdx = indexParam(context, 'frame_idx');
  const body = eventDetail(context.data, event);
  const version = body.release?.version ?? event.release;
  const release = version ? findRelease(org, version) : undefined;
  const dist = body.dist ?? null;
  const entry = body.entries.find((e) => e.type === 'exception');
  const values = ((entry?.data as { values?: unknown[] } | undefined)?.values ?? []) as {
    stacktrace?: { frames?: DebugFrame[] } | null;
  }[];
  if (exceptionIdx !== undefined && exceptionIdx >= values.length) {
    throw badRequest('Query parameter exception_idx is out of range');
  }
  const exceptions = values
    .filter((_, index) => exceptionIdx === undefined || index === exceptionIdx)
    .map((exception) => {
      const frames = exception.stacktrace?.frames ?? [];
      if (frameIdx !== undefined && frameIdx >= frames.length) {
        throw badRequest('Query parameter frame_idx is out of range');
      }
      return {
        frames: frames
          .filter((_, index) => frameIdx === undefined || index === frameIdx)
          .map((frame) => ({
            debug_id_process: {
              debug_id: null,
              uploaded_source_file_with_correct_debug_id: false,
              uploaded_source_map_with_correct_debug_id: false,
            },
            release_process: frame.absPath
              ? releaseProcess(context, release, frame.absPath, dist)
              : null,
            scraping_process: { source_file: null, source_map: null },
          })),
      };
    });
  const sdk = body.sdk as { name?: string; version?: string } | null | undefined;
  return ok({
    dist,
    release: version ?? null,
    exceptions,
    has_debug_ids: false,
    min_debug_id_sdk_version: null,
    sdk_version: sdk?.version ?? null,
    project_has_some_artifact_bundle: projectHasArtifactBundle(context.data, project.wire.id),
    release_has_some_artifact: (release?.files.length ?? 0) > 0,
    has_uploaded_some_artifact_with_a_debug_id: false,
    sdk_debug_id_support: sdk?.name?.startsWith('sentry.javascript') ? 'full' : 'not-supported',
    has_scraping_data: false,
  });
}

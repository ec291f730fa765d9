/**
 * Replay bodies as Sentry's replay serializer sends them (`{data: …}` around them is the
 * route's), with `field=` keeping only the fields asked for; and the recording-segment metadata.
 */
import type { SentryJson, SentryReplay, SentryReplaySegment } from '../../../sentry/types.ts';
import { iso } from '../../data/time.ts';
import { badRequest } from '../../http/reply.ts';
import type { ClickRecord, ReplayRecord } from './record.ts';

/** The spec's `field` choices. */
export const REPLAY_FIELDS = new Set([
  'activity',
  'browser',
  'count_dead_clicks',
  'count_errors',
  'count_rage_clicks',
  'count_segments',
  'count_urls',
  'device',
  'dist',
  'duration',
  'environment',
  'error_ids',
  'finished_at',
  'id',
  'is_archived',
  'os',
  'platform',
  'project_id',
  'releases',
  'sdk',
  'started_at',
  'tags',
  'trace_ids',
  'segment_names',
  'urls',
  'user',
  'clicks',
  'info_ids',
  'warning_ids',
  'count_warnings',
  'count_infos',
  'has_viewed',
]);

/** The `field=` values, checked as the `ReplayValidator`'s choice field does. */
export function requestedFields(query: URLSearchParams): string[] {
  const fields = query.getAll('field').filter((field) => field !== '');
  const bad = fields.find((field) => !REPLAY_FIELDS.has(field));
  if (bad !== undefined) throw badRequest({ field: [`"${bad}" is not a valid choice.`] });
  return fields;
}

/** A click as the replay body lists it: its element's `click.*` fields. */
function clickFields(click: ClickRecord): Record<string, SentryJson> {
  return {
    'click.alt': click.alt,
    'click.classes': click.classes,
    'click.id': click.id,
    'click.label': click.label,
    'click.role': click.role,
    'click.tag': click.tag,
    'click.testid': click.testid,
    'click.text': click.text,
    'click.title': click.title,
    'click.timestamp': iso(click.timestamp),
  };
}

/** The replay's body; with `fields`, only those of its fields. */
export function replayBody(
  replay: ReplayRecord,
  fields: readonly string[] = [],
): Partial<SentryReplay> {
  const body: SentryReplay = { ...replay.wire, clicks: replay.clicks.map(clickFields) };
  if (fields.length === 0) return body;
  const wanted = new Set(fields);
  return Object.fromEntries(Object.entries(body).filter(([key]) => wanted.has(key)));
}

/** How long a segment lasts: the replay's time, split evenly. */
export function segmentSpan(replay: ReplayRecord): number {
  const count = replay.wire.count_segments ?? 1;
  return Math.max(1000, Math.ceil((replay.finishedAt - replay.startedAt) / count));
}

export function segmentBody(replay: ReplayRecord, segmentId: number): SentryReplaySegment {
  const added = Math.min(
    replay.finishedAt,
    replay.startedAt + (segmentId + 1) * segmentSpan(replay),
  );
  return {
    replayId: replay.wire.id,
    segmentId,
    projectId: replay.projectId,
    dateAdded: iso(added),
  };
}

/**
 * How Sentry links an error event to its replay: the SDK puts the replay id in the event's
 * `replay` context (`contexts.replay.replay_id`), and older SDKs in a `replayId` tag.
 */
import { checkReplayId } from '../../loaders/replays.ts';
import type { SentryJson } from '../../sentry/types.ts';

interface LinkedEvent {
  contexts?: Record<string, SentryJson> | null;
  tags: readonly { key: string; value: string }[];
}

/** The event's replay id (32 hex digits), or undefined when it names none (or a malformed one). */
export function replayIdOf(event: LinkedEvent): string | undefined {
  const replay = event.contexts?.['replay'];
  const fromContext =
    replay && typeof replay === 'object' && !Array.isArray(replay)
      ? replay['replay_id']
      : undefined;
  const raw =
    typeof fromContext === 'string'
      ? fromContext
      : event.tags.find((tag) => tag.key === 'replayId')?.value;
  if (!raw) return undefined;
  try {
    return checkReplayId(raw);
  } catch {
    return undefined;
  }
}

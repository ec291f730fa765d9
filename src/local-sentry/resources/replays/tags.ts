/**
 * The tag keys and values of a project's replays, in the seed's shapes: each replay's `tags`
 * plus the fields Sentry's replay dataset also offers as tags (browser, OS, device, release,
 * environment, platform).
 */
import type { SentryReplayTagKey, SentryReplayTagValue } from '../../../sentry/types.ts';
import { iso } from '../../data/time.ts';
import type { ReplayRecord } from './record.ts';

const BUILT_IN: Record<string, (r: ReplayRecord) => (string | null)[]> = {
  'browser.name': (r) => [r.wire.browser.name],
  'os.name': (r) => [r.wire.os.name],
  'device.family': (r) => [r.wire.device.family],
  environment: (r) => [r.wire.environment],
  platform: (r) => [r.wire.platform],
  release: (r) => r.wire.releases,
};

function tagValues(replay: ReplayRecord, key: string): string[] {
  const builtIn = BUILT_IN[key];
  const values = builtIn
    ? builtIn(replay)
    : Array.isArray(replay.wire.tags)
      ? []
      : (replay.wire.tags[key] ?? []);
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))];
}

/** `plan.total_members` → `Plan.Total Members`, as Sentry titles tag keys. */
function tagName(key: string): string {
  return key
    .split('.')
    .map((part) =>
      part
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' '),
    )
    .join('.');
}

function keysOf(replays: readonly ReplayRecord[]): string[] {
  const keys = new Set<string>(Object.keys(BUILT_IN));
  for (const replay of replays) {
    if (!Array.isArray(replay.wire.tags))
      for (const key of Object.keys(replay.wire.tags)) keys.add(key);
  }
  return [...keys].sort();
}

/** Every key with a value, with the number of replays carrying it. */
export function replayTagKeys(replays: readonly ReplayRecord[]): SentryReplayTagKey[] {
  return keysOf(replays)
    .map((key) => ({
      key,
      name: tagName(key),
      totalValues: replays.filter((replay) => tagValues(replay, key).length > 0).length,
    }))
    .filter((row) => row.totalValues > 0);
}

/** The values of `key`, most frequent first; undefined when no replay has the key. */
export function replayTagValues(
  replays: readonly ReplayRecord[],
  key: string,
): SentryReplayTagValue[] | undefined {
  const rows = new Map<string, { count: number; first: number; last: number }>();
  for (const replay of replays) {
    for (const value of tagValues(replay, key)) {
      const row = rows.get(value) ?? { count: 0, first: replay.startedAt, last: replay.finishedAt };
      row.count += 1;
      row.first = Math.min(row.first, replay.startedAt);
      row.last = Math.max(row.last, replay.finishedAt);
      rows.set(value, row);
    }
  }
  if (rows.size === 0) return undefined;
  return [...rows.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b))
    .map(([value, row]) => ({
      key,
      name: value,
      value,
      count: row.count,
      lastSeen: iso(row.last),
      firstSeen: iso(row.first),
    }));
}

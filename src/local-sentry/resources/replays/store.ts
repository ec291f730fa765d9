/** Replays in the store: finding one by id, deleting one. */
import { storeChanged } from '../../data/generation.ts';
import type { OrgData } from '../../data/model.ts';
import type { ReplayRecord } from './record.ts';

/** A replay by id; Sentry reads the id as a UUID, so dashes and upper case are fine. */
export function findReplay(org: OrgData, raw: string): ReplayRecord | undefined {
  const id = raw.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(id) || !/^[0-9a-fA-F-]+$/.test(raw)) return undefined;
  return org.replays.find((replay) => replay.wire.id === id);
}

/**
 * Deletes the replay with its segments. Sentry archives it (and later purges it); either way
 * no list or detail shows it again, which is what the local store keeps.
 */
export function deleteReplay(org: OrgData, replay: ReplayRecord): void {
  storeChanged();
  org.replays = org.replays.filter((candidate) => candidate !== replay);
}

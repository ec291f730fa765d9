/**
 * Sessions SDKs sent (`session` and `sessions` envelope items), kept per organization beside the
 * synthetic series: one record per session id (its latest update wins, as Sentry's session
 * status is the final one), and one per aggregate bucket of server-mode SDKs.
 */
import { storeChanged } from '../../data/generation.ts';
import type { OrgData } from '../../data/model.ts';
import type { Status } from './series.ts';

export interface IngestedSessions {
  projectId: string;
  release: string;
  environment: string;
  /** ms since epoch: when the session (or the aggregate's bucket) started. */
  started: number;
  /** Sessions per final status. */
  counts: Record<Status, number>;
  /** The distinct id (end user) of a single session; aggregates count one user per `did`. */
  did: string | null;
  /** Seconds, for finished single sessions. */
  duration: number | null;
}

const byOrg = new WeakMap<OrgData, Map<string, IngestedSessions>>();

function sessionsOf(org: OrgData): Map<string, IngestedSessions> {
  let map = byOrg.get(org);
  if (!map) {
    map = new Map();
    byOrg.set(org, map);
  }
  return map;
}

/** Every ingested session record of the organization. */
export const ingestedSessions = (org: OrgData): IngestedSessions[] => [
  ...(byOrg.get(org)?.values() ?? []),
];

/** The newest start among them (0 when none): the sessions route's "now" reaches that far. */
export const latestIngestedSession = (org: OrgData): number =>
  Math.max(0, ...ingestedSessions(org).map((s) => s.started));

const zero = (): Record<Status, number> => ({ healthy: 0, abnormal: 0, crashed: 0, errored: 0 });

/**
 * Sentry's status of a session update: `crashed`/`abnormal` as sent, `errored` when it says so or
 * counted errors, else healthy (`ok` and `exited`).
 */
export function finalStatus(status: string, errors: number): Status {
  if (status === 'crashed') return 'crashed';
  if (status === 'abnormal') return 'abnormal';
  if (status === 'errored' || errors > 0) return 'errored';
  return 'healthy';
}

/** A `session` item's update: the record of its `sid` is created or replaced. */
export function recordSession(
  org: OrgData,
  input: Omit<IngestedSessions, 'counts'> & { sid: string; status: Status },
): void {
  storeChanged();
  const { sid, status, ...rest } = input;
  const counts = zero();
  counts[status] = 1;
  sessionsOf(org).set(`${input.projectId}:${sid}`, { ...rest, counts });
}

/** One bucket of a `sessions` item (`aggregates`): counts add to those already stored. */
export function recordAggregate(org: OrgData, input: Omit<IngestedSessions, 'duration'>): void {
  storeChanged();
  const key = `${input.projectId}:agg:${input.release}:${input.environment}:${input.started}:${input.did ?? ''}`;
  const map = sessionsOf(org);
  const existing = map.get(key);
  if (!existing) {
    map.set(key, { ...input, duration: null });
    return;
  }
  for (const status of Object.keys(existing.counts) as Status[]) {
    existing.counts[status] += input.counts[status];
  }
}

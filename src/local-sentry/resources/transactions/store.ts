/**
 * Transaction events SDKs sent (`transaction` envelope items, or `store` with `type:
 * "transaction"`). As in Sentry they belong to no issue and are not error events: they are kept
 * apart from `project.events` (the error lists), per organization by id (the project event
 * route finds them) and per project newest first (Discover's `transactions` dataset reads them).
 * This folder owns them; `ingest/transaction.ts` normalises what arrives.
 */
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { EventRecord } from '../events/record.ts';
import { newestFirst, normalizeEventId } from '../events/store.ts';
import type { ProjectRecord } from '../projects/record.ts';

const byOrg = new WeakMap<OrgData, Map<string, EventRecord>>();
const byProject = new WeakMap<ProjectRecord, EventRecord[]>();

/** Stores a transaction; the first of an id wins (Sentry drops duplicates). False when dropped. */
export function addTransaction(org: OrgData, project: ProjectRecord, event: EventRecord): boolean {
  let ids = byOrg.get(org);
  if (!ids) {
    ids = new Map();
    byOrg.set(org, ids);
  }
  if (ids.has(event.id)) return false;
  storeChanged();
  ids.set(event.id, event);
  const list = byProject.get(project) ?? [];
  const at = list.findIndex((other) => newestFirst(event, other) < 0);
  if (at < 0) list.push(event);
  else list.splice(at, 0, event);
  byProject.set(project, list);
  // Sentry's `first_transaction_received` signal.
  project.wire.firstTransactionEvent = true;
  return true;
}

/** A transaction of the organization by its 32-hex id (dashes and case ignored). */
export const findTransaction = (org: OrgData, id: string): EventRecord | undefined =>
  byOrg.get(org)?.get(normalizeEventId(id));

/** The project's transactions, newest first. */
export const projectTransactions = (project: ProjectRecord): readonly EventRecord[] =>
  byProject.get(project) ?? [];

/** The organization's transactions, newest first. */
export function orgTransactions(data: LocalData, org: OrgData): EventRecord[] {
  const all = [...(byOrg.get(org)?.values() ?? [])].filter((event) =>
    data.projectsById.has(event.projectId),
  );
  return all.sort(newestFirst);
}

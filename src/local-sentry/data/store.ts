/** The store's core: ids for new records, the random stream of mutations, a record's owners. */
import type { ProjectRecord } from '../resources/projects/record.ts';
import type { LocalData, OrgData, SequenceKind } from './model.ts';
import { hash32, Random } from './random.ts';
import { iso } from './time.ts';

export function nextId(data: LocalData, kind: SequenceKind): string {
  return String(data.sequences[kind]++);
}

/** A deterministic stream for values a mutation invents (key secrets, event ids). */
export function mutationRandom(data: LocalData, kind: SequenceKind): Random {
  return new Random(hash32(data.seed, 'mutation', kind, data.sequences[kind]));
}

/**
 * The write clock: the wall clock, never behind the data's "now". Seeded records stay dated from
 * `data.now` (so the generated world is the same every day); records that writes create get the
 * real time they were made, and a later write is never dated before an earlier one.
 */
export const writeTime = (data: LocalData): number => Math.max(Date.now(), data.now);

/** ISO timestamp for records created by mutations (see `writeTime`). */
export const nowIso = (data: LocalData): string => iso(writeTime(data));

export function projectOfRecord(data: LocalData, record: { projectId: string }): ProjectRecord {
  const project = data.projectsById.get(record.projectId);
  if (!project) throw new Error(`dangling project ${record.projectId}`);
  return project;
}

export function orgOfRecord(data: LocalData, record: { org: string }): OrgData {
  const org = data.organizations.get(record.org);
  if (!org) throw new Error(`dangling organization ${record.org}`);
  return org;
}

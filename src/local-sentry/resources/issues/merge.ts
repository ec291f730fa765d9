/** Merging issues, as Sentry's `handle_merge` does. */
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData } from '../../data/model.ts';
import { orgOfRecord, projectOfRecord } from '../../data/store.ts';
import { iso } from '../../data/time.ts';
import { latestEvent, newestFirst, oldestEvent } from '../events/store.ts';
import type { IssueRecord } from './record.ts';
import { statsSeries } from './stats.ts';

/** What a merge did, as the bulk change set's `merge` reports it. */
export interface MergeResult {
  parent: string;
  children: string[];
}

/**
 * Merges issues of one project as Sentry's `handle_merge` does: the issue seen most often (then
 * the highest id) stays as the parent; the others' events, hashes, environments and feedback
 * move to it, they leave every list and index, and their ids redirect to the parent. The moved
 * events read as the parent's (their bodies are built from the issue's template). Throws
 * `StoreError` for fewer than two issues or issues of several projects.
 */
export function mergeIssues(data: LocalData, issues: readonly IssueRecord[]): MergeResult {
  storeChanged();
  const [parent, ...children] = [...issues].sort(
    (a, b) => b.events.length - a.events.length || Number(b.wire.id) - Number(a.wire.id),
  );
  if (!parent || children.length === 0) throw new StoreError('Merging needs two issues or more');
  if (children.some((child) => child.projectId !== parent.projectId)) {
    throw new StoreError('Merging across multiple projects is not supported');
  }
  const org = orgOfRecord(data, parent);
  const project = projectOfRecord(data, parent);
  const all = [parent, ...children];
  const earliest = (issue: IssueRecord) => oldestEvent(issue)?.timestamp ?? Infinity;
  const latest = (issue: IssueRecord) => latestEvent(issue)?.timestamp ?? -Infinity;
  parent.firstRelease = all.reduce((a, b) => (earliest(b) < earliest(a) ? b : a)).firstRelease;
  parent.lastRelease = all.reduce((a, b) => (latest(b) > latest(a) ? b : a)).lastRelease;

  const childIds = new Set(children.map((child) => child.wire.id));
  for (const child of children) {
    for (const event of child.events) event.issueId = parent.wire.id;
    parent.events.push(...child.events);
    parent.hashes.push(...child.hashes);
    parent.environments = [...new Set([...parent.environments, ...child.environments])].sort();
    parent.seenBy = [...new Set([...parent.seenBy, ...child.seenBy])];
    parent.wire.numComments += child.wire.numComments;
    data.issuesById.delete(child.wire.id);
    org.issuesByShortId.delete(child.wire.shortId);
    data.issueRedirects.set(child.wire.id, parent.wire.id);
  }
  // Earlier merges into a child now lead to the parent.
  for (const [from, to] of data.issueRedirects) {
    if (childIds.has(to)) data.issueRedirects.set(from, parent.wire.id);
  }
  for (const feedback of project.feedback) {
    if (feedback.issueId !== null && childIds.has(feedback.issueId)) {
      feedback.issueId = parent.wire.id;
    }
  }
  parent.events.sort(newestFirst);
  syncIssueCounts(data, parent);
  const kept = (issue: IssueRecord) => !childIds.has(issue.wire.id) && issue !== parent;
  org.issues = placeByFirstSeen(org.issues.filter(kept), parent);
  project.issues = placeByFirstSeen(project.issues.filter(kept), parent);
  return { parent: parent.wire.id, children: children.map((child) => child.wire.id) };
}

/** Recounts what an issue's row derives from its events (count, users, first/last seen, stats). */
function syncIssueCounts(data: LocalData, issue: IssueRecord): void {
  const newest = latestEvent(issue);
  const oldest = oldestEvent(issue);
  const counts = {
    count: String(issue.events.length),
    userCount: new Set(issue.events.map((event) => event.user)).size,
    firstSeen: oldest ? iso(oldest.timestamp) : null,
    lastSeen: newest ? iso(newest.timestamp) : null,
  };
  Object.assign(issue.wire, counts);
  issue.wire.lifetime = { ...issue.wire.lifetime, ...counts };
  issue.wire.stats = { '24h': statsSeries(issue.events, data.now, '24h') };
}

/** `issues` (newest `firstSeen` first, without `issue`) with `issue` put back in its place. */
function placeByFirstSeen(issues: IssueRecord[], issue: IssueRecord): IssueRecord[] {
  const firstSeen = (i: IssueRecord) => Date.parse(i.wire.firstSeen ?? '') || 0;
  const at = issues.findIndex((other) => firstSeen(other) < firstSeen(issue));
  return at === -1 ? [...issues, issue] : [...issues.slice(0, at), issue, ...issues.slice(at)];
}

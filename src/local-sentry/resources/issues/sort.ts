/** The issue stream's `sort=` orders, and the cached sorted list each search filters. */
import { QueryError } from '../../data/errors.ts';
import type { OrgData } from '../../data/model.ts';
import type { IssueRecord } from './record.ts';

export type IssueSort =
  | 'date'
  | 'new'
  | 'freq'
  | 'user'
  | 'priority'
  | 'trends'
  | 'recommended'
  | 'inbox';

export const ISSUE_SORTS: readonly IssueSort[] = [
  'date',
  'new',
  'freq',
  'user',
  'priority',
  'trends',
  'recommended',
  'inbox',
];

const PRIORITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

/** The numeric key an issue sorts by (descending; ties by id, descending). */
function issueSortKey(issue: IssueRecord, sort: IssueSort | string): number {
  const wire = issue.wire;
  switch (sort) {
    case 'date':
    case 'recommended':
    case 'trends':
      return Date.parse(wire.lastSeen ?? '');
    case 'new':
      return Date.parse(wire.firstSeen ?? '');
    case 'freq':
      return Number(wire.count);
    case 'user':
      return wire.userCount;
    case 'priority':
      return (
        (PRIORITY_RANK[wire.priority ?? ''] ?? 0) * 1e13 + Date.parse(wire.lastSeen ?? '') / 1000
      );
    case 'inbox':
      return Date.parse(wire.inbox?.date_added ?? '') || 0;
    default:
      throw new QueryError(`Invalid sort: ${sort}`);
  }
}

/** Sorts issues like the issue stream's `sort=`; throws `QueryError` for an unknown sort. */
export function sortIssues(
  issues: readonly IssueRecord[],
  sort: IssueSort | string = 'date',
): IssueRecord[] {
  const keyed = issues.map((issue) => ({
    issue,
    k: issueSortKey(issue, sort),
    id: Number(issue.wire.id),
  }));
  keyed.sort((a, b) => b.k - a.k || b.id - a.id);
  return keyed.map(({ issue }) => issue);
}

/**
 * The wire fields a sort key is computed from, as one value to compare (`===`) with the value
 * seen when the order was cached.
 */
const SORT_INPUTS: Record<IssueSort, (issue: IssueRecord) => unknown> = {
  date: (issue) => issue.wire.lastSeen,
  recommended: (issue) => issue.wire.lastSeen,
  trends: (issue) => issue.wire.lastSeen,
  new: (issue) => issue.wire.firstSeen,
  freq: (issue) => issue.wire.count,
  user: (issue) => issue.wire.userCount,
  priority: (issue) => issue.wire.lastSeen,
  inbox: (issue) => issue.wire.inbox?.date_added,
};

/** An organization's issues in one sort order, with what the order was computed from. */
interface SortedIssues {
  /** `org.issues` as it was (same records, same order). */
  members: IssueRecord[];
  /** `SORT_INPUTS[sort]` of each member, and its `priority` (for `sort=priority`). */
  inputs: unknown[];
  priorities: unknown[];
  /** Undefined when some key is not a number (no total order: sort each filtered list). */
  sorted: IssueRecord[] | undefined;
}

const sortedIssuesCache = new WeakMap<OrgData, Map<string, SortedIssues>>();

/**
 * All of the organization's issues in `sort` order, cached while no issue joins, leaves or changes
 * a field its key reads (checked on each call: the store's helpers need not report changes).
 * The order is total (ties broken by the unique id), so filtering it gives exactly
 * `sortIssues(filterIssues(...))`. Undefined when some key is NaN (an issue without events).
 */
export function sortedIssuesOf(org: OrgData, sort: IssueSort): IssueRecord[] | undefined {
  let bySort = sortedIssuesCache.get(org);
  if (!bySort) {
    bySort = new Map();
    sortedIssuesCache.set(org, bySort);
  }
  const issues = org.issues;
  const input = SORT_INPUTS[sort];
  const withPriority = sort === 'priority';
  const cached = bySort.get(sort);
  if (cached && cached.members.length === issues.length) {
    const { members, inputs, priorities } = cached;
    let fresh = true;
    for (let i = 0; i < issues.length; i++) {
      const issue = issues[i] as IssueRecord;
      if (
        issue !== members[i] ||
        input(issue) !== inputs[i] ||
        (withPriority && issue.wire.priority !== priorities[i])
      ) {
        fresh = false;
        break;
      }
    }
    if (fresh) return cached.sorted;
  }
  const members = [...issues];
  const keyed = members.map((issue) => ({
    issue,
    k: issueSortKey(issue, sort),
    id: Number(issue.wire.id),
  }));
  const total = keyed.every(({ k, id }) => !Number.isNaN(k) && !Number.isNaN(id));
  keyed.sort((a, b) => b.k - a.k || b.id - a.id);
  const sorted = total ? keyed.map(({ issue }) => issue) : undefined;
  bySort.set(sort, {
    members,
    inputs: members.map(input),
    priorities: withPriority ? members.map((issue) => issue.wire.priority) : [],
    sorted,
  });
  return sorted;
}

/**
 * An issue row's `filtered` counts: Sentry counts them over the events matching the search's
 * event-level conditions (tags, message, …, with the environments and time range), and sends
 * `null` when the search has none (issue-level terms like `is:unresolved` are not conditions).
 */
import type { SentryIssueCounts } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { parseSearch } from '../../data/search.ts';
import { iso } from '../../data/time.ts';
import { type EventPredicate, eventTermPredicate } from '../events/search.ts';
import { ISSUE_LEVEL_KEYS, type IssueSearchOptions } from './predicates.ts';
import type { IssueRecord } from './record.ts';
import type { SeriesChoice } from './stats.ts';

/** The `filtered` of each row of this search, or `null` for every row when it has no conditions. */
export function filteredCounter(
  data: LocalData,
  org: OrgData,
  options: IssueSearchOptions,
): (issue: IssueRecord, choice: SeriesChoice | null) => SentryIssueCounts | null {
  const predicates: EventPredicate[] = [];
  for (const term of parseSearch(options.query ?? '')) {
    if (term.kind === 'text' || ISSUE_LEVEL_KEYS.has(term.key)) continue;
    const test = eventTermPredicate(data, org, term, options);
    predicates.push(term.negated ? (event) => !test(event) : test);
  }
  if (predicates.length === 0) return () => null;
  const environments = options.environments?.filter((env) => env !== '') ?? [];
  if (environments.length > 0) predicates.push((event) => environments.includes(event.environment));
  const lo = options.start ?? Number.NEGATIVE_INFINITY;
  const hi = options.end ?? Number.POSITIVE_INFINITY;
  predicates.push((event) => event.timestamp >= lo && event.timestamp <= hi);
  return (issue, choice) => {
    // Newest first, as the issue keeps them.
    const events = issue.events.filter((event) => predicates.every((test) => test(event)));
    const newest = events[0];
    const oldest = events[events.length - 1];
    return {
      count: String(events.length),
      userCount: new Set(events.map((event) => event.user)).size,
      firstSeen: oldest ? iso(oldest.timestamp) : null,
      lastSeen: newest ? iso(newest.timestamp) : null,
      stats: choice ? { [choice.key]: choice.series(events) } : {},
    };
  };
}

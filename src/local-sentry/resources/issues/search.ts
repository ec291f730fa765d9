/**
 * The issue stream's search: filters an organization's issues by Sentry's search rules, then
 * sorts them (`sort.ts`), with the caches that keep repeated searches cheap; and the direct hits
 * (a short id, an event id) the issue list answers with one issue.
 */
import { QueryError } from '../../data/errors.ts';
import { storeGeneration } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { parseSearch } from '../../data/search.ts';
import type { EventRecord } from '../events/record.ts';
import { type EventPredicate, eventTermPredicate } from '../events/search.ts';
import { isEventId, normalizeEventId } from '../events/store.ts';
import {
  ISSUE_LEVEL_KEYS,
  type IssuePredicate,
  type IssueSearchOptions,
  issueTermPredicate,
  textPredicate,
} from './predicates.ts';
import type { IssueRecord } from './record.ts';
import { ISSUE_SORTS, type IssueSort, sortedIssuesOf, sortIssues } from './sort.ts';

/** What the issue stream searches when the request has no `query` parameter at all. */
export const DEFAULT_ISSUE_QUERY = 'is:unresolved issue.priority:[high, medium]';

/** Filters an organization's issues by Sentry's search rules. */
export function filterIssues(
  data: LocalData,
  org: OrgData,
  options: IssueSearchOptions = {},
): IssueRecord[] {
  return filterIssueList(data, org, org.issues, options);
}

/** {@link filterIssues} over `issues` (some order of the organization's), keeping their order. */
function filterIssueList(
  data: LocalData,
  org: OrgData,
  issues: readonly IssueRecord[],
  options: IssueSearchOptions,
): IssueRecord[] {
  const terms = parseSearch(options.query ?? '');
  const issuePredicates: IssuePredicate[] = [];
  const eventPredicates: EventPredicate[] = [];
  for (const term of terms) {
    if (term.kind === 'text') {
      const test = textPredicate(term.value);
      issuePredicates.push(term.negated ? (issue) => !test(issue) : test);
      continue;
    }
    if (ISSUE_LEVEL_KEYS.has(term.key)) {
      const test = issueTermPredicate(data, org, term, options);
      issuePredicates.push(term.negated ? (issue) => !test(issue) : test);
    } else {
      const test = eventTermPredicate(data, org, term, options);
      eventPredicates.push(term.negated ? (event) => !test(event) : test);
    }
  }
  const environments = options.environments?.filter((env) => env !== '') ?? [];
  // Without event-level search terms, `environment=` and the time window are answered from each
  // issue's cached event facts; otherwise those facts only rule issues out before the scan.
  const onlyWindow = eventPredicates.length === 0;
  if (environments.length > 0)
    eventPredicates.push((event) => environments.includes(event.environment));
  const { start, end } = options;
  const ranged = start !== undefined || end !== undefined;
  const lo = start ?? Number.NEGATIVE_INFINITY;
  const hi = end ?? Number.POSITIVE_INFINITY;
  if (ranged) eventPredicates.push((event) => event.timestamp >= lo && event.timestamp <= hi);
  const inWindow = (issue: IssueRecord): boolean => {
    const facts = eventFactsOf(issue);
    if (environments.length === 0) return hasTimeIn(facts.timestamps, lo, hi);
    return environments.some((env) => {
      const timestamps = facts.byEnvironment.get(env);
      return timestamps !== undefined && (!ranged || hasTimeIn(timestamps, lo, hi));
    });
  };
  const projects =
    options.projectIds && options.projectIds.length > 0 ? new Set(options.projectIds) : null;
  return issues.filter(
    (issue) =>
      (projects === null || projects.has(issue.projectId)) &&
      issuePredicates.every((test) => test(issue)) &&
      (eventPredicates.length === 0 ||
        (inWindow(issue) &&
          (onlyWindow ||
            issue.events.some((event) => eventPredicates.every((test) => test(event)))))),
  );
}

/** True when some of the ascending `timestamps` lies in `[lo, hi]`. */
function hasTimeIn(timestamps: Float64Array, lo: number, hi: number): boolean {
  let low = 0;
  let high = timestamps.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((timestamps[mid] as number) < lo) low = mid + 1;
    else high = mid;
  }
  return low < timestamps.length && (timestamps[low] as number) <= hi;
}

/** An issue's event times (ascending), overall and per environment. */
interface EventFacts {
  /** The `events` array they were read from, and its length then. */
  events: readonly EventRecord[];
  length: number;
  timestamps: Float64Array;
  byEnvironment: Map<string, Float64Array>;
}

const eventFactsCache = new WeakMap<IssueRecord, EventFacts>();

/**
 * {@link EventFacts} of an issue, recomputed when its `events` array is replaced or changes length
 * (the store only adds or removes events; an event's time and environment never change).
 */
function eventFactsOf(issue: IssueRecord): EventFacts {
  const events = issue.events;
  const cached = eventFactsCache.get(issue);
  if (cached !== undefined && cached.events === events && cached.length === events.length) {
    return cached;
  }
  const grouped = new Map<string, number[]>();
  for (const event of events) {
    const list = grouped.get(event.environment);
    if (list) list.push(event.timestamp);
    else grouped.set(event.environment, [event.timestamp]);
  }
  const ascending = (times: number[]) => Float64Array.from(times).sort();
  const facts: EventFacts = {
    events,
    length: events.length,
    timestamps: ascending(events.map((event) => event.timestamp)),
    byEnvironment: new Map([...grouped].map(([env, times]) => [env, ascending(times)])),
  };
  eventFactsCache.set(issue, facts);
  return facts;
}

/** `filterIssues` then `sortIssues`: the issue stream. */
export function searchIssues(
  data: LocalData,
  org: OrgData,
  options: IssueSearchOptions = {},
): IssueRecord[] {
  if (options.sort !== undefined && !(ISSUE_SORTS as readonly string[]).includes(options.sort)) {
    throw new QueryError(`Invalid sort: ${options.sort}`);
  }
  const sort = (options.sort ?? 'date') as IssueSort;
  const key = JSON.stringify([
    data.now,
    sort,
    options.query ?? '',
    options.projectIds ?? [],
    options.environments ?? [],
    options.start ?? null,
    options.end ?? null,
    options.viewerUserId ?? null,
  ]);
  const generation = storeGeneration();
  let cache = searchCache.get(org);
  if (cache === undefined || cache.generation !== generation) {
    cache = { generation, results: new Map() };
    searchCache.set(org, cache);
  }
  const hit = cache.results.get(key);
  if (hit !== undefined) return [...hit];
  const sorted = sortedIssuesOf(org, sort);
  const found = sorted
    ? filterIssueList(data, org, sorted, options)
    : sortIssues(filterIssues(data, org, options), sort);
  if (cache.results.size >= SEARCH_CACHE_SIZE) cache.results.clear();
  cache.results.set(key, found);
  return [...found];
}

/** Search results kept per organization (the issue stream's usual few queries). */
const SEARCH_CACHE_SIZE = 64;

/**
 * Issue stream results per organization and search, for the store generation they were computed
 * in: repeated searches (the stream's pages, the gateway's identical lists) skip the scan of every
 * issue, which at `large` scale costs a millisecond once the processor caches are cold.
 */
const searchCache = new WeakMap<
  OrgData,
  { generation: number; results: Map<string, IssueRecord[]> }
>();

/**
 * A query that names exactly one issue (a short id with `shortIdLookup=1`, or a 32-hex event id),
 * as the issue list answers with `X-Sentry-Direct-Hit: 1`.
 */
export function directHit(
  data: LocalData,
  org: OrgData,
  query: string,
  shortIdLookup: boolean,
): { issue: IssueRecord; eventId?: string } | undefined {
  const text = query.trim();
  if (isEventId(text)) {
    const event = data.eventsById.get(normalizeEventId(text));
    const issue = event && event.org === org.slug ? data.issuesById.get(event.issueId) : undefined;
    return issue && event ? { issue, eventId: event.id } : undefined;
  }
  if (shortIdLookup && /^[A-Za-z0-9_-]+-[A-Za-z0-9]+$/.test(text)) {
    const issue = org.issuesByShortId.get(text.toUpperCase());
    return issue ? { issue } : undefined;
  }
  return undefined;
}

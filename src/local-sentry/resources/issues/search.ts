/**
 * Sentry's search and filter semantics over the store, as pure functions returning plain
 * arrays (the routes paginate): the issue search language, issue sorts, release search, the
 * `tokenize_query` filters of the project/team/member lists, Discover event queries and event
 * search within an issue or project. A malformed query throws `QueryError` (a 400 in Sentry).
 */
import type { SentryJson, SentryJsonObject } from '../../../sentry/types.ts';
import { storeGeneration } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { EventRecord } from '../events/record.ts';
import { eventTags } from '../events/wire.ts';
import type { MemberRecord } from '../members/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { ReleaseRecord } from '../releases/record.ts';
import type { TeamRecord } from '../teams/record.ts';
import type { IssueRecord } from './record.ts';

/** A search Sentry refuses; the message is the 400's `detail`. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** What the issue stream searches when the request has no `query` parameter at all. */
export const DEFAULT_ISSUE_QUERY = 'is:unresolved issue.priority:[high, medium]';

const HOUR = 3_600_000;
const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: HOUR,
  d: 24 * HOUR,
  w: 7 * 24 * HOUR,
};

// ---------------------------------------------------------------------------------------------
// The search grammar
// ---------------------------------------------------------------------------------------------

export type SearchOperator = '=' | '>' | '<' | '>=' | '<=';

/** One term of a search query. */
export type SearchTerm =
  | {
      kind: 'filter';
      key: string;
      values: string[];
      negated: boolean;
      operator: SearchOperator;
      isList: boolean;
    }
  | { kind: 'text'; value: string; negated: boolean };

/**
 * Splits a search query into `key:value` filters (with `!` negation, `"quoted values"`,
 * `[a, b]` lists and `>`/`<` comparisons) and free-text words or quoted phrases.
 */
export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  let i = 0;
  const text = query;
  const readValue = (): string => {
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (text[i] !== '"')
        throw new QueryError(
          `Error parsing search query: unterminated quote in ${JSON.stringify(query)}`,
        );
      i++;
      return value;
    }
    let value = '';
    while (i < text.length && !/\s/.test(text[i] as string)) {
      value += text[i];
      i++;
    }
    return value;
  };
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let negated = false;
    if (text[i] === '!') {
      negated = true;
      i++;
    }
    const keyMatch = /^([A-Za-z_][\w.\-()]*):/.exec(text.slice(i));
    if (keyMatch && text[i] !== '"') {
      const key = keyMatch[1] as string;
      i += keyMatch[0].length;
      let operator: SearchOperator = '=';
      const op = /^(>=|<=|>|<)/.exec(text.slice(i));
      if (op) {
        operator = op[1] as SearchOperator;
        i += op[1]?.length ?? 0;
      }
      if (text[i] === '[') {
        const close = text.indexOf(']', i);
        if (close < 0)
          throw new QueryError(
            `Error parsing search query: unterminated list in ${JSON.stringify(query)}`,
          );
        const values = splitList(text.slice(i + 1, close));
        i = close + 1;
        if (values.length === 0)
          throw new QueryError(`Error parsing search query: empty list for ${key}`);
        terms.push({ kind: 'filter', key, values, negated, operator, isList: true });
      } else {
        const value = readValue();
        if (value === '') {
          terms.push({ kind: 'text', value: text.slice(start, i), negated: false });
        } else {
          terms.push({ kind: 'filter', key, values: [value], negated, operator, isList: false });
        }
      }
      continue;
    }
    i = start;
    if (negated) i++;
    const value = readValue();
    if (value !== '') terms.push({ kind: 'text', value, negated });
  }
  return terms;
}

function splitList(inner: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      values.push(current.trim());
      current = '';
    } else current += ch;
  }
  values.push(current.trim());
  return values.filter((value) => value !== '');
}

/** `*` wildcards, case-insensitive; otherwise exact (case-insensitive). */
function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern.toLowerCase() === value.toLowerCase();
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i').test(value);
}

function compare(operator: SearchOperator, actual: number, expected: number): boolean {
  switch (operator) {
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return actual === expected;
  }
}

/**
 * A date filter value: `-24h` (within the last 24h), `+7d` (older than 7 days), or an ISO date
 * with the term's operator. Returns a predicate on ms timestamps.
 */
function datePredicate(
  now: number,
  operator: SearchOperator,
  raw: string,
  key: string,
): (ms: number) => boolean {
  const relative = /^([+-])(\d+)([smhdw])$/.exec(raw);
  if (relative) {
    const cutoff = now - Number(relative[2]) * (UNITS[relative[3] as string] ?? 0);
    return relative[1] === '-' ? (ms) => ms >= cutoff : (ms) => ms <= cutoff;
  }
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw new QueryError(`Invalid date value for ${key}: ${raw}`);
  if (operator === '=') {
    const dayEnd = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? at + 24 * HOUR : at + 1000;
    return (ms) => ms >= at && ms < dayEnd;
  }
  return (ms) => compare(operator, ms, at);
}

function numberValue(raw: string, key: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw);
  if (!match) throw new QueryError(`Invalid number for ${key}: ${raw}`);
  const scale =
    match[2]?.toLowerCase() === 'k' ? 1000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Number(match[1]) * scale;
}

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

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

export interface IssueSearchOptions {
  /** The search query; pass `DEFAULT_ISSUE_QUERY` when the request had none. */
  query?: string;
  /** Restrict to these project ids (undefined or empty: all of the organization's). */
  projectIds?: readonly string[];
  /** `environment=` values: the issue needs events in one of them. */
  environments?: readonly string[];
  /** Time window (ms, inclusive): the issue needs events inside it. */
  start?: number;
  end?: number;
  /** Default `date`. */
  sort?: IssueSort | string;
  /** The Sentry user id behind the token, for `assigned:me`, `bookmarks:me`, `my_teams`. */
  viewerUserId?: string | null;
}

type IssuePredicate = (issue: IssueRecord) => boolean;
type EventPredicate = (event: EventRecord) => boolean;

const STATUS_KEYWORDS = new Set([
  'unresolved',
  'resolved',
  'ignored',
  'archived',
  'muted',
  'assigned',
  'unassigned',
  'for_review',
  'linked',
  'unlinked',
  'new',
  'ongoing',
  'regressed',
  'escalating',
  'archived_until_escalating',
  'archived_forever',
  'archived_until_condition_met',
  'bookmarked',
]);

function isPredicate(value: string): IssuePredicate {
  switch (value) {
    case 'unresolved':
      return (issue) => issue.wire.status === 'unresolved';
    case 'resolved':
      return (issue) => issue.wire.status === 'resolved';
    case 'ignored':
    case 'archived':
    case 'muted':
      return (issue) => issue.wire.status === 'ignored';
    case 'assigned':
      return (issue) => issue.wire.assignedTo !== null;
    case 'unassigned':
      return (issue) => issue.wire.assignedTo === null;
    case 'for_review':
      return (issue) =>
        issue.wire.status === 'unresolved' &&
        (issue.wire.substatus === 'new' ||
          issue.wire.substatus === 'regressed' ||
          issue.wire.substatus === 'escalating');
    case 'linked':
      return (issue) => issue.wire.annotations.length > 0;
    case 'unlinked':
      return (issue) => issue.wire.annotations.length === 0;
    case 'bookmarked':
      return (issue) => issue.wire.isBookmarked;
    default:
      return (issue) => issue.wire.substatus === value;
  }
}

function viewerTeamIds(org: OrgData, viewerUserId: string | null | undefined): Set<string> {
  const member = org.members.find((m) => m.userId !== null && m.userId === viewerUserId);
  const ids = new Set<string>();
  for (const slug of member?.teamSlugs ?? []) {
    const team = org.teamsBySlug.get(slug);
    if (team) ids.add(team.wire.id);
  }
  return ids;
}

function assignedPredicate(
  org: OrgData,
  value: string,
  viewerUserId: string | null | undefined,
): IssuePredicate {
  const lower = value.toLowerCase();
  if (lower === 'none') return (issue) => issue.wire.assignedTo === null;
  if (lower === 'me') {
    return (issue) =>
      issue.wire.assignedTo?.type === 'user' && issue.wire.assignedTo.id === viewerUserId;
  }
  if (lower === 'my_teams') {
    const teams = viewerTeamIds(org, viewerUserId);
    return (issue) => issue.wire.assignedTo?.type === 'team' && teams.has(issue.wire.assignedTo.id);
  }
  if (value.startsWith('#')) {
    const team = org.teamsBySlug.get(value.slice(1));
    return (issue) =>
      team !== undefined &&
      issue.wire.assignedTo?.type === 'team' &&
      issue.wire.assignedTo.id === team.wire.id;
  }
  const member = org.members.find(
    (m) =>
      m.userId !== null &&
      (m.wire.email.toLowerCase() === lower ||
        m.userId === value ||
        m.wire.user?.username.toLowerCase() === lower),
  );
  const userId = member?.userId ?? null;
  return (issue) =>
    userId !== null &&
    issue.wire.assignedTo?.type === 'user' &&
    issue.wire.assignedTo.id === userId;
}

/** Versions for `release:latest` / `firstRelease:latest`: the newest release of each project. */
function latestVersions(org: OrgData, projectIds: readonly string[] | undefined): Set<string> {
  const versions = new Set<string>();
  const wanted =
    projectIds && projectIds.length > 0 ? projectIds : org.projects.map((p) => p.wire.id);
  for (const projectId of wanted) {
    const release = org.releases.find((r) => r.projectIds.includes(projectId));
    if (release) versions.add(release.wire.version);
  }
  return versions;
}

function releaseMatcher(
  org: OrgData,
  values: string[],
  projectIds: readonly string[] | undefined,
): (version: string | null) => boolean {
  const latest = values.includes('latest') ? latestVersions(org, projectIds) : new Set<string>();
  const patterns = values.filter((value) => value !== 'latest');
  return (version) =>
    version !== null &&
    (latest.has(version) || patterns.some((pattern) => globMatch(pattern, version)));
}

/** Event-level filter keys: evaluated on each event, jointly with environment and time. */
function eventTermPredicate(
  data: LocalData,
  org: OrgData,
  term: Extract<SearchTerm, { kind: 'filter' }>,
  options: IssueSearchOptions,
): EventPredicate {
  const { key, values } = term;
  switch (key) {
    case 'release': {
      const match = releaseMatcher(org, values, options.projectIds);
      return (event) => match(event.release);
    }
    case 'environment':
      return (event) => values.includes(event.environment);
    case 'user.email':
    case 'user.id':
    case 'user.username': {
      const field = key === 'user.email' ? 'email' : key === 'user.id' ? 'id' : 'username';
      return (event) => {
        const user = org.eventUsers[event.user];
        return user !== undefined && values.some((value) => globMatch(value, user[field]));
      };
    }
    case 'event.timestamp':
    case 'timestamp': {
      const tests = values.map((value) => datePredicate(data.now, term.operator, value, key));
      return (event) => tests.some((test) => test(event.timestamp));
    }
    default: {
      const tagKey = key.startsWith('tags[') && key.endsWith(']') ? key.slice(5, -1) : key;
      return (event) => {
        const tag = eventTags(data, event).find((t) => t.key === tagKey);
        return tag !== undefined && values.some((value) => globMatch(value, tag.value));
      };
    }
  }
}

const ISSUE_LEVEL_KEYS = new Set([
  'is',
  'assigned',
  'assigned_or_suggested',
  'bookmarks',
  'firstRelease',
  'first_release',
  'level',
  'issue.id',
  'id',
  'issue.priority',
  'priority',
  'issue.category',
  'issue.type',
  'issue',
  'timesSeen',
  'times_seen',
  'firstSeen',
  'first_seen',
  'lastSeen',
  'last_seen',
  'age',
  'has',
  'project',
  'status',
  'substatus',
]);

function issueTermPredicate(
  data: LocalData,
  org: OrgData,
  term: Extract<SearchTerm, { kind: 'filter' }>,
  options: IssueSearchOptions,
): IssuePredicate {
  const { key, values, operator } = term;
  const any = (test: (value: string) => IssuePredicate): IssuePredicate => {
    const tests = values.map(test);
    return (issue) => tests.some((t) => t(issue));
  };
  switch (key) {
    case 'is':
      if (term.isList)
        throw new QueryError(
          'Error parsing search query: lists are not supported with the is: key',
        );
      for (const value of values) {
        if (!STATUS_KEYWORDS.has(value))
          throw new QueryError(
            `Invalid value for "is" search, valid values are ${[...STATUS_KEYWORDS].join(', ')}`,
          );
      }
      return any(isPredicate);
    case 'status':
      return (issue) => values.includes(issue.wire.status);
    case 'substatus':
      return (issue) => issue.wire.substatus !== null && values.includes(issue.wire.substatus);
    case 'assigned':
    case 'assigned_or_suggested':
      return any((value) => assignedPredicate(org, value, options.viewerUserId));
    case 'bookmarks':
      return (issue) => issue.wire.isBookmarked;
    case 'firstRelease':
    case 'first_release': {
      const match = releaseMatcher(org, values, options.projectIds);
      return (issue) => match(issue.firstRelease);
    }
    case 'level':
      return (issue) => values.includes(issue.wire.level);
    case 'issue.id':
    case 'id':
      for (const value of values)
        if (!/^\d+$/.test(value)) throw new QueryError(`Invalid value for ${key}: ${value}`);
      return (issue) => values.includes(issue.wire.id);
    case 'issue':
      return (issue) => values.some((value) => value.toUpperCase() === issue.wire.shortId);
    case 'issue.priority':
    case 'priority':
      return (issue) => issue.wire.priority !== null && values.includes(issue.wire.priority);
    case 'issue.category':
      return (issue) => values.includes(issue.wire.issueCategory);
    case 'issue.type':
      return (issue) =>
        values.includes(issue.wire.issueType) ||
        values.includes(`${issue.wire.issueCategory}_${issue.wire.issueType}`);
    case 'project':
      return (issue) =>
        values.some(
          (value) => value === issue.wire.project.slug || value === issue.wire.project.id,
        );
    case 'timesSeen':
    case 'times_seen': {
      const expected = numberValue(values[0] ?? '', key);
      return (issue) => compare(operator, Number(issue.wire.count), expected);
    }
    case 'firstSeen':
    case 'first_seen':
    case 'age': {
      const test = datePredicate(data.now, operator, values[0] ?? '', key);
      return (issue) => test(Date.parse(issue.wire.firstSeen ?? ''));
    }
    case 'lastSeen':
    case 'last_seen': {
      const test = datePredicate(data.now, operator, values[0] ?? '', key);
      return (issue) => test(Date.parse(issue.wire.lastSeen ?? ''));
    }
    case 'has':
      return (issue) =>
        values.every((value) => {
          if (value === 'assignee') return issue.wire.assignedTo !== null;
          if (value === 'release') return issue.events.some((event) => event.release !== null);
          return issue.events.some((event) =>
            eventTags(data, event).some((tag) => tag.key === value),
          );
        });
    default:
      return () => true;
  }
}

function textPredicate(value: string): IssuePredicate {
  const needle = value.toLowerCase();
  return (issue) =>
    issue.wire.title.toLowerCase().includes(needle) ||
    (issue.wire.culprit ?? '').toLowerCase().includes(needle) ||
    issue.wire.shortId.toLowerCase() === needle;
}

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
function sortedIssuesOf(org: OrgData, sort: IssueSort): IssueRecord[] | undefined {
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
  if (/^[0-9a-f]{32}$/i.test(text.replaceAll('-', ''))) {
    const event = data.eventsById.get(text.replaceAll('-', '').toLowerCase());
    const issue = event && event.org === org.slug ? data.issuesById.get(event.issueId) : undefined;
    return issue && event ? { issue, eventId: event.id } : undefined;
  }
  if (shortIdLookup && /^[A-Za-z0-9_-]+-[A-Za-z0-9]+$/.test(text)) {
    const issue = org.issuesByShortId.get(text.toUpperCase());
    return issue ? { issue } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Releases
// ---------------------------------------------------------------------------------------------

export interface ReleaseSearchOptions {
  /** `release:[a,b]`, `release:a*`, or bare text (substring of the version). */
  query?: string;
  projectIds?: readonly string[];
  /** Default `open`; `archived` lists archived releases only. */
  status?: string;
  /** `date` (default), `semver`, `build`; Sentry's session sorts fall back to `date`. */
  sort?: string;
  environments?: readonly string[];
}

function semverKey(release: ReleaseRecord): number[] {
  const version = release.wire.versionInfo?.version ?? {};
  const number = (key: string) =>
    typeof version[key] === 'number' ? (version[key] as number) : -1;
  return [number('major'), number('minor'), number('patch')];
}

/** The release list: filters then sorts (newest first). */
export function searchReleases(org: OrgData, options: ReleaseSearchOptions = {}): ReleaseRecord[] {
  const status = options.status || 'open';
  if (status !== 'open' && status !== 'archived') throw new QueryError('invalid status');
  const predicates: ((release: ReleaseRecord) => boolean)[] = [
    (release) => (release.wire.status === 'archived') === (status === 'archived'),
  ];
  for (const term of parseSearch(options.query ?? '')) {
    if (term.kind === 'text') {
      const needle = term.value.toLowerCase();
      predicates.push(
        (release) => release.wire.version.toLowerCase().includes(needle) !== term.negated,
      );
      continue;
    }
    if (term.key !== 'release' && term.key !== 'release.version') {
      throw new QueryError(`Invalid search filter: ${term.key}`);
    }
    const values = term.values;
    predicates.push(
      (release) => values.some((value) => globMatch(value, release.wire.version)) !== term.negated,
    );
  }
  const projects =
    options.projectIds && options.projectIds.length > 0 ? new Set(options.projectIds) : null;
  if (projects) predicates.push((release) => release.projectIds.some((id) => projects.has(id)));
  const environments = options.environments?.filter((env) => env !== '') ?? [];
  if (environments.length > 0) {
    predicates.push(
      (release) =>
        release.deploys.some((deploy) => environments.includes(deploy.environment)) ||
        org.events.some(
          (event) =>
            event.release === release.wire.version && environments.includes(event.environment),
        ),
    );
  }
  const found = org.releases.filter((release) => predicates.every((test) => test(release)));
  if (options.sort === 'semver' || options.sort === 'build') {
    return [...found].sort((a, b) => {
      const ka = semverKey(a);
      const kb = semverKey(b);
      for (let i = 0; i < 3; i++)
        if ((ka[i] ?? 0) !== (kb[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0);
      return b.wire.id - a.wire.id;
    });
  }
  return [...found].sort(
    (a, b) =>
      (b.wire.dateCreated ?? '').localeCompare(a.wire.dateCreated ?? '') || b.wire.id - a.wire.id,
  );
}

// ---------------------------------------------------------------------------------------------
// Projects, teams, members: Sentry's tokenize_query filters
// ---------------------------------------------------------------------------------------------

/**
 * Sentry's `tokenize_query`: `key:value` tokens collect per key (repeated keys accumulate),
 * everything else goes to `query`. `is:resolved foo tag:a tag:b` →
 * `{ is: ['resolved'], query: ['foo'], tag: ['a', 'b'] }`.
 */
export function tokenizeQuery(query: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const add = (key: string, value: string) => {
    const list = result[key] ?? [];
    list.push(value);
    result[key] = list;
  };
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  for (const token of tokens) {
    const colon = token.indexOf(':');
    if (colon > 0) {
      const value = token.slice(colon + 1).replace(/^"|"$/g, '');
      add(token.slice(0, colon), value);
    } else {
      add('query', token.replace(/^"|"$/g, ''));
    }
  }
  return result;
}

function idValues(values: string[]): string[] {
  for (const value of values) if (!/^\d+$/.test(value)) throw new QueryError('Invalid id value');
  return values;
}

/**
 * `GET /organizations/{org}/projects/?query=`: `id:1 id:2`, `slug:a slug:b`, `team:slug`,
 * `!team:slug`, `is_member:1`, `platform:`, free text on name and slug; any other key → none.
 */
export function filterProjects(org: OrgData, query: string | null | undefined): ProjectRecord[] {
  if (!query) return [...org.projects];
  let projects = [...org.projects];
  for (const [key, values] of Object.entries(tokenizeQuery(query))) {
    switch (key) {
      case 'query': {
        const needles = values.map((value) => value.toLowerCase());
        projects = projects.filter((project) =>
          needles.every(
            (needle) =>
              project.wire.name.toLowerCase().includes(needle) ||
              project.wire.slug.includes(needle),
          ),
        );
        break;
      }
      case 'id': {
        const ids = new Set(idValues(values));
        projects = projects.filter((project) => ids.has(project.wire.id));
        break;
      }
      case 'slug':
        projects = projects.filter((project) => values.includes(project.wire.slug));
        break;
      case 'team':
        projects = projects.filter((project) =>
          project.teamSlugs.some((slug) => values.includes(slug)),
        );
        break;
      case '!team':
        projects = projects.filter(
          (project) => !project.teamSlugs.some((slug) => values.includes(slug)),
        );
        break;
      case 'is_member':
        // Tokens act as members of every team.
        break;
      case 'platform':
        projects = projects.filter(
          (project) => project.wire.platform !== null && values.includes(project.wire.platform),
        );
        break;
      default:
        return [];
    }
  }
  return projects;
}

/** `GET /organizations/{org}/teams/?query=`: `id:`, `slug:`, free text on name and slug. */
export function filterTeams(org: OrgData, query: string | null | undefined): TeamRecord[] {
  if (!query) return [...org.teams];
  let teams = [...org.teams];
  for (const [key, values] of Object.entries(tokenizeQuery(query))) {
    switch (key) {
      case 'query': {
        const needles = values.map((value) => value.toLowerCase());
        teams = teams.filter((team) =>
          needles.every(
            (needle) =>
              team.wire.name.toLowerCase().includes(needle) || team.wire.slug.includes(needle),
          ),
        );
        break;
      }
      case 'id': {
        const ids = new Set(idValues(values));
        teams = teams.filter((team) => ids.has(team.wire.id));
        break;
      }
      case 'slug':
        teams = teams.filter((team) => values.includes(team.wire.slug));
        break;
      default:
        return [];
    }
  }
  return teams;
}

/**
 * `GET /organizations/{org}/members/?query=`: `id:`, `user.id:`, `email:`, `role:`,
 * `isInvited:true|false`, free text on name and email; any other key → none.
 */
export function filterMembers(org: OrgData, query: string | null | undefined): MemberRecord[] {
  if (!query) return [...org.members];
  let members = [...org.members];
  for (const [key, values] of Object.entries(tokenizeQuery(query))) {
    switch (key) {
      case 'query': {
        const needles = values.map((value) => value.toLowerCase());
        members = members.filter((member) =>
          needles.every(
            (needle) =>
              member.wire.email.toLowerCase().includes(needle) ||
              member.wire.name.toLowerCase().includes(needle),
          ),
        );
        break;
      }
      case 'id': {
        const ids = new Set(idValues(values));
        members = members.filter((member) => ids.has(member.wire.id));
        break;
      }
      case 'user.id': {
        const ids = new Set(idValues(values));
        members = members.filter((member) => member.userId !== null && ids.has(member.userId));
        break;
      }
      case 'email': {
        const emails = new Set(values.map((value) => value.toLowerCase()));
        members = members.filter((member) => emails.has(member.wire.email.toLowerCase()));
        break;
      }
      case 'role':
        members = members.filter((member) => values.includes(member.wire.orgRole));
        break;
      case 'isInvited': {
        const invited = values.includes('true');
        members = members.filter((member) => member.wire.pending === invited);
        break;
      }
      default:
        return [];
    }
  }
  return members;
}

// ---------------------------------------------------------------------------------------------
// Events: Discover and event search
// ---------------------------------------------------------------------------------------------

export interface EventSearchOptions {
  query?: string;
  projectIds?: readonly string[];
  environments?: readonly string[];
  start?: number;
  end?: number;
}

function eventPredicates(
  data: LocalData,
  org: OrgData,
  options: EventSearchOptions,
): EventPredicate[] {
  const predicates: EventPredicate[] = [];
  for (const term of parseSearch(options.query ?? '')) {
    if (term.kind === 'text') {
      const needle = term.value.toLowerCase();
      const test: EventPredicate = (event) =>
        (data.issuesById.get(event.issueId)?.wire.title.toLowerCase().includes(needle) ?? false) ||
        event.id === needle;
      predicates.push(term.negated ? (event) => !test(event) : test);
      continue;
    }
    const values = term.values;
    let test: EventPredicate;
    switch (term.key) {
      case 'id':
      case 'event_id': {
        const ids = new Set(values.map((value) => value.replaceAll('-', '').toLowerCase()));
        test = (event) => ids.has(event.id);
        break;
      }
      case 'issue.id':
      case 'group_id':
        test = (event) => values.includes(event.issueId);
        break;
      case 'issue': {
        const ids = new Set(
          values.map((value) => org.issuesByShortId.get(value.toUpperCase())?.wire.id),
        );
        test = (event) => ids.has(event.issueId);
        break;
      }
      case 'project':
      case 'project.name': {
        const ids = new Set(
          org.projects
            .filter((project) => values.includes(project.wire.slug))
            .map((project) => project.wire.id),
        );
        test = (event) => ids.has(event.projectId);
        break;
      }
      case 'project.id':
        test = (event) => values.includes(event.projectId);
        break;
      case 'event.type':
        test = () => values.includes('error') || values.includes('default');
        break;
      case 'level':
        test = (event) => values.includes(event.level);
        break;
      default:
        test = eventTermPredicate(data, org, term, { projectIds: options.projectIds ?? [] });
    }
    predicates.push(term.negated ? (event) => !test(event) : test);
  }
  const environments = options.environments?.filter((env) => env !== '') ?? [];
  if (environments.length > 0) predicates.push((event) => environments.includes(event.environment));
  if (options.start !== undefined || options.end !== undefined) {
    const lo = options.start ?? Number.NEGATIVE_INFINITY;
    const hi = options.end ?? Number.POSITIVE_INFINITY;
    predicates.push((event) => event.timestamp >= lo && event.timestamp <= hi);
  }
  const projects =
    options.projectIds && options.projectIds.length > 0 ? new Set(options.projectIds) : null;
  if (projects) predicates.push((event) => projects.has(event.projectId));
  return predicates;
}

/** Filters events (newest first) by an event search: `id:`, `issue.id:`, `project:`, tags... */
export function filterEvents(
  data: LocalData,
  org: OrgData,
  events: readonly EventRecord[],
  options: EventSearchOptions = {},
): EventRecord[] {
  const predicates = eventPredicates(data, org, options);
  if (predicates.length === 0) return [...events];
  const issueIds = requiredIssueIds(options.query ?? '');
  if (issueIds !== undefined) {
    // Only these issues' events can match: test those, in the order they have in `events`.
    let positions = positionsOf(events);
    const candidates: { event: EventRecord; at: number }[] = [];
    for (const id of new Set(issueIds)) {
      for (const event of data.issuesById.get(id)?.events ?? []) {
        let at = positions.get(event);
        if (at !== undefined && events[at] !== event) {
          positions = positionsOf(events, true);
          at = positions.get(event);
        }
        if (at !== undefined && predicates.every((test) => test(event))) {
          candidates.push({ event, at });
        }
      }
    }
    return candidates.sort((a, b) => a.at - b.at).map(({ event }) => event);
  }
  return events.filter((event) => predicates.every((test) => test(event)));
}

/**
 * The issue ids every match must have, from the query's positive `issue.id:`/`group_id:` terms
 * (an event lives in its issue's `events`), or undefined when the query names none.
 */
function requiredIssueIds(query: string): string[] | undefined {
  let ids: string[] | undefined;
  for (const term of parseSearch(query)) {
    if (term.kind !== 'filter' || term.negated) continue;
    if (term.key !== 'issue.id' && term.key !== 'group_id') continue;
    ids = ids === undefined ? term.values : ids.filter((id) => term.values.includes(id));
  }
  return ids;
}

const positionsCache = new WeakMap<
  readonly EventRecord[],
  { length: number; positions: Map<EventRecord, number> }
>();

/**
 * Event → index in `events`, cached per array while its length stays (`rebuild` when a lookup
 * found the array reordered).
 */
function positionsOf(events: readonly EventRecord[], rebuild = false): Map<EventRecord, number> {
  const cached = positionsCache.get(events);
  if (!rebuild && cached !== undefined && cached.length === events.length) return cached.positions;
  const positions = new Map<EventRecord, number>();
  events.forEach((event, at) => {
    if (!positions.has(event)) positions.set(event, at);
  });
  positionsCache.set(events, { length: events.length, positions });
  return positions;
}

/** The events of an issue matching `query` (e.g. `id:<hex>`), `environment` and time. */
export function searchIssueEvents(
  data: LocalData,
  issue: IssueRecord,
  options: EventSearchOptions = {},
): EventRecord[] {
  const org = data.organizations.get(issue.org) as OrgData;
  return filterEvents(data, org, issue.events, options);
}

/** The events of a project (newest first) matching an event search. */
export function searchProjectEvents(
  data: LocalData,
  project: ProjectRecord,
  options: EventSearchOptions = {},
): EventRecord[] {
  const org = data.organizations.get(project.org) as OrgData;
  return filterEvents(data, org, project.events, options);
}

const DISCOVER_TYPES: Record<string, string> = {
  id: 'string',
  title: 'string',
  message: 'string',
  project: 'string',
  'project.name': 'string',
  'project.id': 'integer',
  issue: 'string',
  'issue.id': 'integer',
  timestamp: 'date',
  release: 'string',
  environment: 'string',
  level: 'string',
  culprit: 'string',
  'event.type': 'string',
  platform: 'string',
  transaction: 'string',
  'user.email': 'string',
  'user.id': 'string',
  'user.display': 'string',
  'error.type': 'array',
  'error.value': 'array',
  'error.handled': 'array',
  location: 'string',
};

const AGGREGATE = /^(count|count_unique|last_seen|first_seen|max|min)\(([^)]*)\)$/;

/** Fields Discover accepts here; anything else is a 400 like Sentry's unknown-field error. */
export function validateDiscoverFields(fields: readonly string[]): void {
  if (fields.length === 0) throw new QueryError('No columns selected');
  if (fields.length > 20)
    throw new QueryError(
      'You can view up to 20 fields at a time. Please delete some and try again.',
    );
  for (const field of fields) {
    if (
      DISCOVER_TYPES[field] === undefined &&
      !AGGREGATE.test(field) &&
      !field.startsWith('tags[')
    ) {
      throw new QueryError(`Invalid column: ${field}`);
    }
  }
}

function discoverValue(
  data: LocalData,
  org: OrgData,
  event: EventRecord,
  field: string,
): SentryJson {
  const issue = data.issuesById.get(event.issueId);
  const project = data.projectsById.get(event.projectId);
  const user = org.eventUsers[event.user];
  switch (field) {
    case 'id':
      return event.id;
    case 'title':
    case 'message':
      return issue?.wire.title ?? '';
    case 'project':
    case 'project.name':
      return project?.wire.slug ?? '';
    case 'project.id':
      return Number(event.projectId);
    case 'issue':
      return issue?.wire.shortId ?? null;
    case 'issue.id':
      return Number(event.issueId);
    case 'timestamp':
      return new Date(event.timestamp).toISOString().replace('.000Z', '+00:00');
    case 'release':
      return event.release;
    case 'environment':
      return event.environment;
    case 'level':
      return event.level;
    case 'culprit':
      return issue?.template.culprit ?? null;
    case 'event.type':
      return 'error';
    case 'platform':
      return issue?.template.platform ?? null;
    case 'transaction':
      return issue?.template.transaction ?? null;
    case 'location':
      return issue?.template.frames[issue.template.frames.length - 1]?.filename ?? null;
    case 'user.email':
      return user?.email ?? null;
    case 'user.id':
      return user?.id ?? null;
    case 'user.display':
      return user?.email ?? user?.username ?? null;
    case 'error.type':
      return issue ? [issue.template.type] : [];
    case 'error.value':
      return issue ? [issue.template.value] : [];
    case 'error.handled':
      return issue ? [issue.template.handled ? 1 : 0] : [];
    default: {
      const key = field.startsWith('tags[') ? field.slice(5, -1) : field;
      return eventTags(data, event).find((tag) => tag.key === key)?.value ?? null;
    }
  }
}

/**
 * Discover table rows for `field=` over the given (already filtered) events: plain rows, or
 * rows grouped by the plain fields when any field is an aggregate (`count()`,
 * `count_unique(user)`, `last_seen()`...). `sort` is a field name with an optional `-`.
 */
export function discoverTable(
  data: LocalData,
  org: OrgData,
  events: readonly EventRecord[],
  fields: readonly string[],
  sort?: string | null,
): {
  data: SentryJsonObject[];
  meta: { fields: Record<string, string>; units: Record<string, string | null>; dataset: string };
} {
  validateDiscoverFields(fields);
  const aggregates = fields.filter((field) => AGGREGATE.test(field));
  const plain = fields.filter((field) => !AGGREGATE.test(field));
  let rows: SentryJsonObject[];
  if (aggregates.length === 0) {
    rows = events.map((event) =>
      Object.fromEntries(fields.map((field) => [field, discoverValue(data, org, event, field)])),
    );
  } else {
    const groups = new Map<string, { row: SentryJsonObject; events: EventRecord[] }>();
    for (const event of events) {
      const row = Object.fromEntries(
        plain.map((field) => [field, discoverValue(data, org, event, field)]),
      );
      const key = JSON.stringify(row);
      const group = groups.get(key);
      if (group) group.events.push(event);
      else groups.set(key, { row, events: [event] });
    }
    rows = [...groups.values()].map(({ row, events: grouped }) => {
      const out: SentryJsonObject = { ...row };
      for (const field of aggregates) {
        const [, fn, arg = ''] = AGGREGATE.exec(field) ?? [];
        if (fn === 'count') out[field] = grouped.length;
        else if (fn === 'count_unique') {
          out[field] = new Set(
            grouped.map((event) =>
              JSON.stringify(discoverValue(data, org, event, arg === 'user' ? 'user.id' : arg)),
            ),
          ).size;
        } else if (fn === 'last_seen' || fn === 'max') {
          out[field] = new Date(Math.max(...grouped.map((event) => event.timestamp)))
            .toISOString()
            .replace('.000Z', '+00:00');
        } else {
          out[field] = new Date(Math.min(...grouped.map((event) => event.timestamp)))
            .toISOString()
            .replace('.000Z', '+00:00');
        }
      }
      return out;
    });
  }
  if (sort) {
    const desc = sort.startsWith('-');
    const field = desc ? sort.slice(1) : sort;
    if (!fields.includes(field))
      throw new QueryError(`Cannot sort by a field that is not selected: ${field}`);
    rows = rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => {
        const x = a.row[field] ?? null;
        const y = b.row[field] ?? null;
        const order = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return (desc ? -order : order) || a.index - b.index;
      })
      .map(({ row }) => row);
  }
  const metaFields: Record<string, string> = {};
  const units: Record<string, string | null> = {};
  for (const field of fields) {
    const match = AGGREGATE.exec(field);
    metaFields[field] = match
      ? match[1] === 'last_seen' ||
        match[1] === 'first_seen' ||
        match[1] === 'max' ||
        match[1] === 'min'
        ? 'date'
        : 'integer'
      : (DISCOVER_TYPES[field] ?? 'string');
    units[field] = null;
  }
  return { data: rows, meta: { fields: metaFields, units, dataset: 'errors' } };
}

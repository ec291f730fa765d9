/**
 * Event search: the event-level terms of a search, over an issue's, a project's or an
 * organization's events.
 */
import type { LocalData, OrgData } from '../../data/model.ts';
import { datePredicate, globMatch, parseSearch, type SearchTerm } from '../../data/search.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { releaseMatcher } from '../releases/search.ts';
import type { EventRecord } from './record.ts';
import { normalizeEventId } from './store.ts';
import { eventTags } from './tags.ts';

export type EventPredicate = (event: EventRecord) => boolean;

/** Event-level filter keys: evaluated on each event, jointly with environment and time. */
export function eventTermPredicate(
  data: LocalData,
  org: OrgData,
  term: Extract<SearchTerm, { kind: 'filter' }>,
  options: { projectIds?: readonly string[] | undefined },
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

export interface EventSearchOptions {
  /** The search query. */
  query?: string;
  /** Restrict to these project ids (undefined or empty: all of the organization's). */
  projectIds?: readonly string[];
  /** `environment=` values. */
  environments?: readonly string[];
  /** Time window (ms, inclusive). */
  start?: number;
  end?: number;
}

export function eventPredicates(
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
        const ids = new Set(values.map(normalizeEventId));
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

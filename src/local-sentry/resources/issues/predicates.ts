/**
 * The issue-level terms of the issue search language (`is:`, `assigned:`, `level:`, `firstSeen:`,
 * ...) as predicates.
 */
import { QueryError } from '../../data/errors.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { compare, datePredicate, numberValue, type SearchTerm } from '../../data/search.ts';
import type { EventSearchOptions } from '../events/search.ts';
import { eventTags } from '../events/tags.ts';
import { releaseMatcher } from '../releases/search.ts';
import type { IssueRecord } from './record.ts';
import type { IssueSort } from './sort.ts';

/**
 * An event search's options, read for issues: the issue needs events in one of the environments
 * and inside the time window.
 */
export interface IssueSearchOptions extends EventSearchOptions {
  /** The search query; pass `DEFAULT_ISSUE_QUERY` when the request had none. */
  query?: string;
  /** Default `date`. */
  sort?: IssueSort | string;
  /** The Sentry user id behind the token, for `assigned:me`, `bookmarks:me`, `my_teams`. */
  viewerUserId?: string | null;
}

export type IssuePredicate = (issue: IssueRecord) => boolean;

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

export const ISSUE_LEVEL_KEYS = new Set([
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

export function issueTermPredicate(
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

export function textPredicate(value: string): IssuePredicate {
  const needle = value.toLowerCase();
  return (issue) =>
    issue.wire.title.toLowerCase().includes(needle) ||
    (issue.wire.culprit ?? '').toLowerCase().includes(needle) ||
    issue.wire.shortId.toLowerCase() === needle;
}

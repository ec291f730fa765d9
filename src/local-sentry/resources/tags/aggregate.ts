/** Tag aggregates over events: every tag of an issue with its top values, one tag's values. */
import type { SentryTag, SentryTagValue } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { iso } from '../../data/time.ts';
import { findEventUser } from '../event-users/wire.ts';
import type { EventRecord } from '../events/record.ts';
import { tagPairs } from '../events/tags.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { ProjectRecord } from '../projects/record.ts';

const TAG_NAMES: Record<string, string> = {
  browser: 'Browser',
  'browser.name': 'Browser.Name',
  device: 'Device',
  'device.family': 'Device.Family',
  environment: 'Environment',
  handled: 'Handled',
  level: 'Level',
  mechanism: 'Mechanism',
  os: 'OS',
  'os.name': 'OS.Name',
  release: 'Release',
  runtime: 'Runtime',
  'runtime.name': 'Runtime.Name',
  server_name: 'Server',
  transaction: 'Transaction',
  url: 'URL',
  user: 'User',
};

export const tagName = (key: string): string => TAG_NAMES[key] ?? key;

interface ValueStats {
  count: number;
  first: number;
  last: number;
}

function aggregateTags(
  data: LocalData,
  events: readonly EventRecord[],
  onlyKey?: string,
): Map<string, Map<string, ValueStats>> {
  const byKey = new Map<string, Map<string, ValueStats>>();
  const org = events[0] ? data.organizations.get(events[0].org) : undefined;
  if (!org) return byKey;
  for (const event of events) {
    const issue = data.issuesById.get(event.issueId);
    if (!issue) continue;
    for (const [key, value] of tagPairs(org, event, issue.template)) {
      if (onlyKey !== undefined && key !== onlyKey) continue;
      let values = byKey.get(key);
      if (!values) {
        values = new Map();
        byKey.set(key, values);
      }
      const stats = values.get(value);
      if (stats) {
        stats.count++;
        stats.first = Math.min(stats.first, event.timestamp);
        stats.last = Math.max(stats.last, event.timestamp);
      } else {
        values.set(value, { count: 1, first: event.timestamp, last: event.timestamp });
      }
    }
  }
  return byKey;
}

function tagValueRows(
  org: OrgData | undefined,
  key: string,
  values: Map<string, ValueStats>,
): SentryTagValue[] {
  return [...values.entries()]
    .sort(([va, a], [vb, b]) => b.count - a.count || (va < vb ? -1 : va > vb ? 1 : 0))
    .map(([value, stats]) => ({
      key,
      name: key === 'user' ? userDisplay(org, value) : value,
      value,
      count: stats.count,
      lastSeen: iso(stats.last),
      firstSeen: iso(stats.first),
      query: `${key}:"${value}"`,
    }));
}

function userDisplay(org: OrgData | undefined, value: string): string {
  const id = value.startsWith('id:') ? value.slice(3) : value;
  return (org ? findEventUser(org.eventUsers, id) : undefined)?.email ?? value;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/`: every tag with its top values. */
export function issueTags(data: LocalData, issue: IssueRecord): SentryTag[] {
  const org = data.organizations.get(issue.org);
  const byKey = aggregateTags(data, issue.events);
  return [...byKey.keys()]
    .sort()
    .map((key) => tagSummary(org, key, byKey.get(key) as Map<string, ValueStats>));
}

function tagSummary(
  org: OrgData | undefined,
  key: string,
  values: Map<string, ValueStats>,
): SentryTag {
  const rows = tagValueRows(org, key, values);
  return {
    key,
    name: tagName(key),
    uniqueValues: values.size,
    totalValues: rows.reduce((sum, row) => sum + (row.count ?? 0), 0),
    topValues: rows.slice(0, 9),
  };
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/`; undefined when no event has it. */
export function issueTag(data: LocalData, issue: IssueRecord, key: string): SentryTag | undefined {
  const values = aggregateTags(data, issue.events, key).get(key);
  return values ? tagSummary(data.organizations.get(issue.org), key, values) : undefined;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/values/`, most frequent first. */
export function issueTagValues(data: LocalData, issue: IssueRecord, key: string): SentryTagValue[] {
  const values = aggregateTags(data, issue.events, key).get(key);
  return values ? tagValueRows(data.organizations.get(issue.org), key, values) : [];
}

/** `GET /projects/{org}/{project}/tags/{key}/values/`, most frequent first. */
export function projectTagValues(
  data: LocalData,
  project: ProjectRecord,
  key: string,
): SentryTagValue[] {
  const values = aggregateTags(data, project.events, key).get(key);
  return values ? tagValueRows(data.organizations.get(project.org), key, values) : [];
}

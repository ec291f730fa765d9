/**
 * Issues. By numeric id many per call (`group=1&group=2&project=-1`, one call per organization);
 * the detail body (first/last release) and short ids need one call each.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { IssueDetailPart, IssueListParams, IssueRowPart } from '../sentry/issues.ts';
import type { SentryIssue, SentryIssueDetail, SentryTag } from '../sentry/types.ts';
import { type IssueKey, type ShortIdKey, splitKey } from './keys.ts';
import { loadScopedInBulk, settleEach } from './settle-each.ts';

/**
 * Loads issue list rows by `org/issueId`; `keep` names the parts of the row (stats, lifetime,
 * filtered) the operation reads, which are otherwise collapsed.
 */
export function loadIssues(
  sentry: SentryClient,
  keys: readonly IssueKey[],
  keep: readonly IssueRowPart[] = [],
  series: { groupStatsPeriod?: IssueListParams['groupStatsPeriod'] } = {},
): Promise<(OrgScoped<SentryIssue> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Issue',
    idOf: (issue) => issue.id,
    fetch: async (org, ids) =>
      (await sentry.issues.list(org, { groups: ids, keep, ...series })).items,
  });
}

/**
 * Loads full issue bodies by `org/issueId` or `org/SHORT-ID` (one call each), with the optional
 * parts in `expand`.
 */
export function loadIssueDetails(
  sentry: SentryClient,
  keys: readonly (IssueKey | ShortIdKey)[],
  expand: readonly IssueDetailPart[] = [],
): Promise<(OrgScoped<SentryIssueDetail> | Error)[]> {
  return settleEach(keys, (key) => sentry.issues.get(...splitKey(key), { expand }));
}

/** Loads the tag summaries of issues by `org/issueId` (one call each). */
export function loadIssueTags(
  sentry: SentryClient,
  keys: readonly IssueKey[],
): Promise<(OrgScoped<SentryTag>[] | Error)[]> {
  return settleEach(keys, (key) => sentry.issues.tags(...splitKey(key)));
}

/**
 * Issues (Sentry's groups): `sentry.issues.list(org, …)`, `.get(org, id)`, `.update(org, id, body)`,
 * the bulk writes, an issue's tags and hashes, and the wire types those endpoints send and
 * answer. The issue body itself (list row, detail) is in `issue.ts`.
 */
import type { SentryEvent, SentryEventSummary } from './events.ts';
import { apiPath } from './http/api-path.ts';
import { localBadRequest } from './http/errors.ts';
import type { Page, PageParams } from './http/pagination.ts';
import {
  asObject,
  type OrgScoped,
  type ProjectFilter,
  Resource,
  unique,
} from './http/requester.ts';
import type { HttpMethod, QueryParams } from './http/upstream.ts';
import type { SentryDateTime, SentryJsonObject } from './http/wire.ts';
import type {
  SentryActor,
  SentryIssue,
  SentryIssueBase,
  SentryIssueDetail,
  SentryIssuePriority,
  SentryIssueSubstatus,
} from './issue.ts';

export interface IssueListParams extends PageParams {
  /** Sentry search; sent as `query=` (empty) when absent so Sentry's default filter never applies. */
  query?: string;
  project?: ProjectFilter;
  environment?: readonly string[];
  statsPeriod?: string;
  start?: string;
  end?: string;
  sort?: string;
  /**
   * Batch lookup by issue id (`group=` repeated): ignores every other filter, sends
   * `project=-1`, disables stats, unpaginated. An empty list returns an empty page locally.
   */
  groups?: readonly (string | number)[];
  /** `query` is a short id: answer with that one issue (`shortIdLookup=1`). */
  shortIdLookup?: boolean;
  /** `groupStatsPeriod`: `''` (no stats), `24h`, `14d` or `auto`. */
  groupStatsPeriod?: '' | '24h' | '14d' | 'auto';
  /**
   * The parts of the row to keep, which Sentry otherwise computes (and sends) for nothing: every
   * part left out is sent as `collapse=`. With `groups`, `stats` keeps the `groupStatsPeriod`
   * series (24h unless given).
   * @default with `groups`: none (stats, lifetime and filtered collapsed); without: every part
   */
  keep?: readonly IssueRowPart[];
}

/** Parts of an issue list row that `collapse=` can drop. */
export type IssueRowPart = 'stats' | 'lifetime' | 'filtered';

/** Parts of an issue's detail body Sentry adds only when `expand=` names them. */
export type IssueDetailPart =
  | 'inbox'
  | 'owners'
  | 'integrationIssues'
  | 'sentryAppIssues'
  | 'latestEventHasAttachments';

const ROW_PARTS: readonly IssueRowPart[] = ['stats', 'lifetime', 'filtered'];

/** Largest id list a bulk write accepts (Sentry's `BULK_MUTATION_LIMIT`). */
const MAX_BULK_IDS = 1000;

export class Issues extends Resource {
  /**
   * `GET /organizations/{org}/issues/`. Page size is `limit` on this endpoint. Without
   * `project`, Sentry lists the caller's member projects; pass `project: [-1]` for all.
   */
  async list(org: string, p: IssueListParams = {}): Promise<Page<OrgScoped<SentryIssue>>> {
    const path = apiPath`/api/0/organizations/${org}/issues/`;
    if (p.groups) {
      if (p.groups.length === 0) return { items: [] };
      // Sentry ignores the query when group ids are given; a non-empty one would first be
      // checked for a short-id/event-id direct hit, so none is sent. `unhandled` is not
      // collapsed: `Issue.isUnhandled` (non-null) reads it.
      const keep = new Set(p.keep ?? []);
      const collapse = ROW_PARTS.filter((part) => !keep.has(part));
      return this.http.page(org, path, {
        group: unique(p.groups),
        project: -1,
        groupStatsPeriod: keep.has('stats') ? (p.groupStatsPeriod ?? '24h') : '',
        ...(collapse.length > 0 ? { collapse } : {}),
      });
    }
    // Fewer bytes to send, parse and collect: a page of 25 rows is about a fifth smaller with
    // stats, lifetime and filtered collapsed (the throughput issue's measurement).
    const collapse = p.keep ? ROW_PARTS.filter((part) => !p.keep?.includes(part)) : [];
    return this.http.page(org, path, {
      limit: p.perPage,
      cursor: p.cursor,
      query: p.query ?? '',
      project: p.project,
      ...(collapse.length > 0 ? { collapse } : {}),
      environment: p.environment,
      statsPeriod: p.statsPeriod,
      start: p.start,
      end: p.end,
      sort: p.sort,
      groupStatsPeriod: p.groupStatsPeriod,
      shortIdLookup: p.shortIdLookup ? '1' : undefined,
    });
  }

  /**
   * `GET /organizations/{org}/issues/{id}/`: numeric id or short id; follows merges. The parts
   * in `expand` (inbox, owners, linked issues, attachments flag) are left out unless asked for.
   */
  async get(
    org: string,
    issueIdOrShortId: string,
    p: { expand?: readonly IssueDetailPart[] } = {},
  ): Promise<OrgScoped<SentryIssueDetail>> {
    const expand = p.expand && p.expand.length > 0 ? unique(p.expand) : undefined;
    return this.http.one(
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueIdOrShortId}/`,
      expand ? { expand } : undefined,
    );
  }

  readonly resolveShortId = this.http.getter<SentryShortIdLookup, [shortId: string]>(
    (org, shortId) => apiPath`/api/0/organizations/${org}/shortids/${shortId}/`,
  );

  /** `GET /projects/{org}/{project}/issues/` (Sentry's older project stream; page size `limit`). */
  async listForProject(
    org: string,
    project: string,
    p: PageParams & { query?: string; statsPeriod?: string; shortIdLookup?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryIssue>>> {
    return this.http.page(org, apiPath`/api/0/projects/${org}/${project}/issues/`, {
      limit: p.perPage,
      cursor: p.cursor,
      query: p.query ?? '',
      statsPeriod: p.statsPeriod,
      shortIdLookup: p.shortIdLookup ? '1' : undefined,
    });
  }

  /** `GET /projects/{org}/{project}/releases/{version}/resolved/` (not paginated). */
  async listResolvedInRelease(
    org: string,
    project: string,
    version: string,
  ): Promise<OrgScoped<SentryIssue>[]> {
    return this.http.all(
      org,
      apiPath`/api/0/projects/${org}/${project}/releases/${version}/resolved/`,
      'resolved issues',
    );
  }

  /** `GET /organizations/{org}/issues/{id}/tags/` (not paginated). */
  async tags(
    org: string,
    issueId: string,
    p: { environment?: readonly string[] } = {},
  ): Promise<OrgScoped<SentryTag>[]> {
    return this.http.all(
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/tags/`,
      'issue tags',
      { environment: p.environment },
    );
  }

  readonly tagValues = this.http.lister<
    SentryTagValue,
    [issueId: string, key: string],
    PageParams & { environment?: readonly string[]; sort?: string }
  >(
    (org, issueId, key) =>
      apiPath`/api/0/organizations/${org}/issues/${issueId}/tags/${key}/values/`,
    (p) => ({ environment: p.environment, sort: p.sort }),
  );

  readonly hashes = this.http.lister<
    SentryIssueHash,
    [issueId: string],
    PageParams & { full?: boolean }
  >(
    (org, issueId) => apiPath`/api/0/organizations/${org}/issues/${issueId}/hashes/`,
    (p) => ({ full: p.full === undefined ? undefined : String(p.full) }),
  );

  /** `PUT /organizations/{org}/issues/{id}/`: returns the full updated issue. */
  readonly update = this.http.writer<SentryIssueDetail, [issueId: string], SentryIssueUpdate>(
    'PUT',
    (org, issueId) => apiPath`/api/0/organizations/${org}/issues/${issueId}/`,
  );

  /**
   * `PUT /organizations/{org}/issues/?id=..&project=-1&query=issue.id:[..]`. Returns Sentry's
   * change set (not the issues), or `null` when Sentry answers 204 (no issue matched).
   *
   * An empty id list is refused locally: without ids Sentry updates every issue matching the
   * default query. Newer Sentry also falls back to that query when none of the ids is in scope,
   * so the caller must first check that the ids exist (`list({groups})`); this method does not,
   * to keep one call per method. The `query` naming the same ids is the second guard: Sentry
   * ignores it while ids match, and a fallback to the query can only reach these ids.
   */
  async bulkUpdate(
    org: string,
    ids: readonly string[],
    body: SentryIssueUpdate,
  ): Promise<SentryIssueBulkUpdateResult | null> {
    const response = await this.http.send(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/issues/`,
      bulkQuery(ids, 'PUT'),
      body,
    );
    if (response.body === undefined || response.status === 204) return null;
    return asObject<SentryIssueBulkUpdateResult>(response, 'bulk update');
  }

  readonly delete = this.http.deleter<[issueId: string]>(
    (org, issueId) => apiPath`/api/0/organizations/${org}/issues/${issueId}/`,
  );

  /**
   * `DELETE /organizations/{org}/issues/?id=..&project=-1&query=issue.id:[..]`. Refuses an empty
   * id list locally (Sentry would delete the first 1000 issues); the caller checks the ids exist
   * first, and the `query` keeps a fallback to a query-based delete to these ids.
   */
  async bulkDelete(org: string, ids: readonly string[]): Promise<void> {
    await this.http.delete(
      org,
      apiPath`/api/0/organizations/${org}/issues/`,
      bulkQuery(ids, 'DELETE'),
    );
  }
}

/**
 * The query of a bulk issue write: the ids, `project=-1` (ids are filtered to the selected
 * projects), and a `query` naming the same issues. Sentry ignores the query while ids match;
 * versions that fall back to a query-based change when none does (SENTRY-API.md §2.6) then
 * reach only these issues instead of the first 1000 of the default query.
 */
function bulkQuery(ids: readonly string[], method: HttpMethod): QueryParams {
  const request = `${method} /api/0/organizations/{org}/issues/`;
  const list = unique(ids.map((id) => String(id).trim()));
  if (list.length === 0 || list.some((id) => id === '')) {
    throw localBadRequest(
      'Bulk issue changes need a non-empty list of issue ids (Sentry would otherwise change every issue matching its default query)',
      request,
    );
  }
  if (list.length > MAX_BULK_IDS) {
    throw localBadRequest(`Bulk issue changes accept at most ${MAX_BULK_IDS} ids`, request);
  }
  // Numeric ids are `issue.id`, short ids (`BACKEND-1A`) `issue`. Search terms are ANDed, so a
  // mix cannot be narrowed by one query: refused rather than sent without the guard.
  const numeric = list.every((id) => /^\d+$/.test(id));
  if (!numeric && list.some((id) => /^\d+$/.test(id) || /[\s,[\]"]/.test(id))) {
    throw localBadRequest(
      'Bulk issue changes take either numeric issue ids or short ids, not a mix',
      request,
    );
  }
  return {
    id: list,
    project: -1,
    query: `${numeric ? 'issue.id' : 'issue'}:[${list.join(',')}]`,
  };
}

/** Body of `PUT /organizations/{org}/issues/{issue_id}/` and of the bulk PUT. */
export interface SentryIssueUpdate {
  status?: 'resolved' | 'unresolved' | 'ignored' | 'resolvedInNextRelease' | 'muted';
  statusDetails?: {
    inNextRelease?: boolean;
    inRelease?: string;
    inCommit?: { commit: string; repository: string };
    ignoreDuration?: number;
    ignoreCount?: number;
    ignoreWindow?: number;
    ignoreUserCount?: number;
    ignoreUserWindow?: number;
  };
  substatus?: SentryIssueSubstatus | null;
  priority?: SentryIssuePriority;
  /** `user:<id>`, `team:<id>`, a username or email; empty string or null unassigns. */
  assignedTo?: string | null;
  hasSeen?: boolean;
  isBookmarked?: boolean;
  isPublic?: boolean;
  isSubscribed?: boolean;
  inbox?: boolean;
  merge?: boolean;
  discard?: boolean;
}

/** Body of the bulk `PUT /organizations/{org}/issues/?id=..`: the validated change set. */
export interface SentryIssueBulkUpdateResult {
  status?: string;
  statusDetails?: SentryJsonObject;
  substatus?: string;
  priority?: string;
  assignedTo?: SentryActor;
  hasSeen?: boolean;
  isBookmarked?: boolean;
  isPublic?: boolean;
  isSubscribed?: boolean;
  inbox?: boolean;
  discard?: boolean;
  shareId?: string;
  /**
   * What a `merge` did: the issue that stays and the ids merged into it. Echoed as sent (`true`)
   * when fewer than two issues matched, so nothing was merged.
   */
  merge?: { parent: string; children: string[] } | boolean;
  subscriptionDetails?: { disabled?: boolean; reason?: string };
}

/** `GET /organizations/{org}/shortids/{short_id}/`. */
export interface SentryShortIdLookup {
  organizationSlug: string;
  projectSlug: string;
  groupId: string;
  group: SentryIssueBase;
  shortId: string;
}

/** `GET /organizations/{org}/issues/{issue_id}/hashes/` rows. */
export interface SentryIssueHash {
  id: string;
  latestEvent: SentryEvent | SentryEventSummary | Record<string, never> | null;
  mergedBySeer: boolean;
  seerMatchDistance: number | null;
}

/** One value of a tag with its counts (issue tag values, `topValues`, project tag values). */
export interface SentryTagValue {
  key: string;
  name: string;
  value: string | null;
  count: number | null;
  lastSeen: SentryDateTime | null;
  firstSeen: SentryDateTime | null;
  query?: string | null;
}

/** `GET /organizations/{org}/issues/{issue_id}/tags/{key}/` (and the issue's tag list rows). */
export interface SentryTag {
  key: string;
  name: string;
  uniqueValues?: number | null;
  totalValues?: number | null;
  topValues?: SentryTagValue[] | null;
}

import { setMaxListeners } from 'node:events';
import { type ApiPath, apiPath } from './api-path.ts';
import {
  localBadRequest,
  SentryCallBudgetError,
  SentryUnauthenticatedError,
  SentryUpstreamError,
} from './errors.ts';
import { type Page, type PageParams, pageInfo } from './pagination.ts';
import type {
  SentryCommit,
  SentryDeploy,
  SentryDeployCreate,
  SentryDiscoverResponse,
  SentryEvent,
  SentryEventIdLookup,
  SentryEventSummary,
  SentryIssue,
  SentryIssueBulkUpdateResult,
  SentryIssueDetail,
  SentryIssueHash,
  SentryIssueUpdate,
  SentryJson,
  SentryMember,
  SentryMemberDetail,
  SentryOrganization,
  SentryOrganizationDetail,
  SentryOrganizationUpdate,
  SentryOrganizationUser,
  SentryProject,
  SentryProjectCreate,
  SentryProjectDetail,
  SentryProjectKey,
  SentryProjectKeyCreate,
  SentryProjectKeyUpdate,
  SentryProjectUpdate,
  SentryProjectUser,
  SentryRateLimit,
  SentryRelease,
  SentryReleaseCreate,
  SentryReleaseFile,
  SentryReleaseUpdate,
  SentryRepository,
  SentryServiceHook,
  SentryServiceHookInput,
  SentrySessionsResponse,
  SentryShortIdLookup,
  SentryTag,
  SentryTagValue,
  SentryTeam,
  SentryTeamCreate,
  SentryTeamMember,
  SentryTeamUpdate,
  SentryUserFeedback,
  SentryUserFeedbackCreate,
} from './types.ts';
import type { HttpMethod, QueryParams, Upstream, UpstreamResponse } from './upstream.ts';

/** A payload that belongs to an organization, stamped with the organization it was read from. */
export type OrgScoped<T> = T & { organizationSlug: string };

/** Project filter: numeric ids; `-1` means every project the token can access. */
export type ProjectFilter = readonly (string | number)[];

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
}

export interface EventListParams extends PageParams {
  /** Full event bodies instead of summaries (`full=true`). */
  full?: boolean;
  query?: string;
  environment?: readonly string[];
  statsPeriod?: string;
  start?: string;
  end?: string;
}

export interface ReleaseListParams extends PageParams {
  query?: string;
  /** Defaults to `-1` (all accessible projects; without it Sentry shows member projects only). */
  project?: ProjectFilter;
  environment?: readonly string[];
  /** `open` (Sentry's default) or `archived`. */
  status?: string;
  sort?: string;
}

export interface DiscoverParams {
  field: readonly string[];
  query?: string;
  dataset?: string;
  project?: ProjectFilter;
  environment?: readonly string[];
  statsPeriod?: string;
  start?: string;
  end?: string;
  perPage?: number;
  cursor?: string;
  sort?: string | readonly string[];
}

export type DiscoverPage = Page<OrgScoped<Record<string, SentryJson>>> & {
  meta: SentryDiscoverResponse['meta'];
};

export interface SentryClientOptions {
  upstream: Upstream;
  /** The caller's token; without one every call fails with `SentryUnauthenticatedError`. */
  token?: string | undefined;
  /** Cancels in-flight and queued calls (the GraphQL request's signal). */
  signal?: AbortSignal | undefined;
  /**
   * Most calls this client may start; past it a call is refused locally with
   * `SentryCallBudgetError`, so no operation can run away whatever its shape.
   * @default Infinity
   */
  maxCalls?: number | undefined;
}

/** Largest id list a bulk write accepts (Sentry's `BULK_MUTATION_LIMIT`). */
const MAX_BULK_IDS = 1000;

/**
 * The Sentry REST API for one caller: one method per endpoint, every path segment encoded by
 * `apiPath`, typed wire data, typed errors (`errors.ts`). Create one per GraphQL request; the
 * `Upstream` it uses holds the connection pools and is shared by the process.
 *
 * Reads are GETs (retried on transient failures); writes are sent exactly once.
 */
export class SentryClient {
  readonly #upstream: Upstream;
  readonly #token: string | undefined;
  readonly #signal: AbortSignal | undefined;
  #requestCount = 0;
  readonly #maxCalls: number;
  #callsStarted = 0;
  /** Answers of GETs started by `prefetch`, by `GET path?query`, each kept for one later call. */
  readonly #prefetched = new Map<string, Promise<UpstreamResponse>>();
  #prefetching = false;

  constructor(options: SentryClientOptions) {
    this.#upstream = options.upstream;
    this.#token = options.token || undefined;
    this.#signal = options.signal && fanOut(options.signal);
    this.#maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** HTTP requests this client sent (attempts, retries included). */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** The last `X-Sentry-Rate-Limit-*` headers seen for this token on this upstream. */
  rateLimit(organization?: string): SentryRateLimit | undefined {
    return this.#token === undefined
      ? undefined
      : this.#upstream.rateLimit(this.#token, organization);
  }

  /**
   * Starts reads now whose answers a resolver will ask for later in this request, so that they
   * run in the same wave as the call they would otherwise wait for (a child field that needs
   * only its parent's key and its own arguments, started when the parent's key is known).
   *
   * Each `read` calls GET methods of this client exactly as the later caller will; every GET it
   * sends (synchronously, before its first `await`) is kept, by method, path and query, for the
   * first identical GET of this client, which gets that answer instead of a new call, and then
   * forgotten. So a prefetch whose answer is used costs no extra call, an answer serves one
   * caller only (a second identical read calls Sentry as it would have), and the kept answers
   * live no longer than this client, i.e. one GraphQL request of one token. Failures are the
   * later caller's to see: an answer nobody takes, failed or not, is dropped silently. Any write
   * forgets every kept answer.
   */
  prefetch(...reads: ((client: SentryClient) => Promise<unknown>)[]): void {
    for (const read of reads) {
      this.#prefetching = true;
      try {
        read(this).catch(ignore);
      } catch {
        // A read refused before sending (bad input) prefetches nothing; its caller sees why.
      } finally {
        this.#prefetching = false;
      }
    }
  }

  // --- organizations ---------------------------------------------------------------------

  /** `GET /organizations/`. Also learns each organization's region (`links.regionUrl`). */
  async listOrganizations(page?: PageParams): Promise<Page<SentryOrganization>> {
    const response = await this.#send('GET', undefined, apiPath`/api/0/organizations/`, {
      ...pageQuery(page),
    });
    const items = asArray<SentryOrganization>(response, 'organizations');
    for (const organization of items) this.#learnRegion(organization);
    return { ...pageInfo(response.headers), items };
  }

  async getOrganization(org: string): Promise<OrgScoped<SentryOrganizationDetail>> {
    const organization = await this.#one<SentryOrganizationDetail>(
      org,
      apiPath`/api/0/organizations/${org}/`,
    );
    this.#learnRegion(organization);
    return organization;
  }

  // --- projects --------------------------------------------------------------------------

  /** `GET /organizations/{org}/projects/`; `allProjects` returns every project unpaginated. */
  async listProjects(
    org: string,
    p: PageParams & { query?: string; allProjects?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryProject>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/projects/`, {
      ...pageQuery(p),
      query: p.query,
      all_projects: p.allProjects ? '1' : undefined,
    });
  }

  async getProject(org: string, project: string): Promise<OrgScoped<SentryProjectDetail>> {
    return this.#one(org, apiPath`/api/0/projects/${org}/${project}/`);
  }

  // --- teams and members -----------------------------------------------------------------

  async listTeams(
    org: string,
    p: PageParams & { query?: string; detailed?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryTeam>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/teams/`, {
      ...pageQuery(p),
      query: p.query,
      detailed: p.detailed === undefined ? undefined : p.detailed ? '1' : '0',
    });
  }

  async getTeam(org: string, team: string): Promise<OrgScoped<SentryTeam>> {
    return this.#one(org, apiPath`/api/0/teams/${org}/${team}/`);
  }

  async listTeamProjects(
    org: string,
    team: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryProject>>> {
    return this.#page(org, apiPath`/api/0/teams/${org}/${team}/projects/`, pageQuery(p));
  }

  async listTeamMembers(
    org: string,
    team: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryTeamMember>>> {
    return this.#page(org, apiPath`/api/0/teams/${org}/${team}/members/`, pageQuery(p));
  }

  async listMembers(
    org: string,
    p: PageParams & { query?: string } = {},
  ): Promise<Page<OrgScoped<SentryMember>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/members/`, {
      ...pageQuery(p),
      query: p.query,
    });
  }

  async getMember(org: string, memberId: string): Promise<OrgScoped<SentryMemberDetail>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/members/${memberId}/`);
  }

  async listOrganizationUsers(
    org: string,
    p: PageParams & { project?: ProjectFilter } = {},
  ): Promise<Page<OrgScoped<SentryOrganizationUser>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/users/`, {
      ...pageQuery(p),
      project: p.project,
    });
  }

  // --- issues ----------------------------------------------------------------------------

  /**
   * `GET /organizations/{org}/issues/`. Page size is `limit` on this endpoint. Without
   * `project`, Sentry lists the caller's member projects; pass `project: [-1]` for all.
   */
  async listIssues(org: string, p: IssueListParams = {}): Promise<Page<OrgScoped<SentryIssue>>> {
    const path = apiPath`/api/0/organizations/${org}/issues/`;
    if (p.groups) {
      if (p.groups.length === 0) return { items: [] };
      // Sentry ignores the query when group ids are given; a non-empty one would first be
      // checked for a short-id/event-id direct hit, so none is sent. `unhandled` is not
      // collapsed: `Issue.isUnhandled` (non-null) reads it.
      return this.#page(org, path, {
        group: unique(p.groups),
        project: -1,
        groupStatsPeriod: '',
        collapse: ['stats', 'lifetime', 'filtered'],
      });
    }
    return this.#page(org, path, {
      limit: p.perPage,
      cursor: p.cursor,
      query: p.query ?? '',
      project: p.project,
      environment: p.environment,
      statsPeriod: p.statsPeriod,
      start: p.start,
      end: p.end,
      sort: p.sort,
      groupStatsPeriod: p.groupStatsPeriod,
      shortIdLookup: p.shortIdLookup ? '1' : undefined,
    });
  }

  /** `GET /organizations/{org}/issues/{id}/`: numeric id or short id; follows merges. */
  async getIssue(org: string, issueIdOrShortId: string): Promise<OrgScoped<SentryIssueDetail>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/issues/${issueIdOrShortId}/`);
  }

  async resolveShortId(org: string, shortId: string): Promise<OrgScoped<SentryShortIdLookup>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/shortids/${shortId}/`);
  }

  /** `GET /organizations/{org}/eventids/{id}/`. Sentry allows 1 request/s: never fan out. */
  async resolveEventId(org: string, eventId: string): Promise<OrgScoped<SentryEventIdLookup>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/eventids/${eventId}/`);
  }

  listIssueEvents(
    org: string,
    issueId: string,
    p: EventListParams & { full: true },
  ): Promise<Page<OrgScoped<SentryEvent>>>;
  listIssueEvents(
    org: string,
    issueId: string,
    p?: EventListParams,
  ): Promise<Page<OrgScoped<SentryEventSummary>>>;
  async listIssueEvents(
    org: string,
    issueId: string,
    p: EventListParams = {},
  ): Promise<Page<OrgScoped<SentryEventSummary | SentryEvent>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/events/`,
      eventQuery(p),
    );
  }

  /** `which`: `latest`, `oldest`, `recommended` or a 32-hex event id. */
  async getIssueEvent(
    org: string,
    issueId: string,
    which: string,
  ): Promise<OrgScoped<SentryEvent>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/issues/${issueId}/events/${which}/`);
  }

  /** `GET /organizations/{org}/issues/{id}/tags/` (not paginated). */
  async listIssueTags(
    org: string,
    issueId: string,
    p: { environment?: readonly string[] } = {},
  ): Promise<OrgScoped<SentryTag>[]> {
    const response = await this.#send(
      'GET',
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/tags/`,
      { environment: p.environment },
    );
    return stamp(asArray<SentryTag>(response, 'issue tags'), org);
  }

  async listIssueTagValues(
    org: string,
    issueId: string,
    key: string,
    p: PageParams & { environment?: readonly string[]; sort?: string } = {},
  ): Promise<Page<OrgScoped<SentryTagValue>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/tags/${key}/values/`,
      { ...pageQuery(p), environment: p.environment, sort: p.sort },
    );
  }

  async listIssueHashes(
    org: string,
    issueId: string,
    p: PageParams & { full?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryIssueHash>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/issues/${issueId}/hashes/`, {
      ...pageQuery(p),
      full: p.full === undefined ? undefined : String(p.full),
    });
  }

  // --- project-scoped reads --------------------------------------------------------------

  listProjectEvents(
    org: string,
    project: string,
    p: EventListParams & { full: true },
  ): Promise<Page<OrgScoped<SentryEvent>>>;
  listProjectEvents(
    org: string,
    project: string,
    p?: EventListParams,
  ): Promise<Page<OrgScoped<SentryEventSummary>>>;
  async listProjectEvents(
    org: string,
    project: string,
    p: EventListParams = {},
  ): Promise<Page<OrgScoped<SentryEventSummary | SentryEvent>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/events/`, eventQuery(p));
  }

  async getProjectEvent(
    org: string,
    project: string,
    eventId: string,
  ): Promise<OrgScoped<SentryEvent>> {
    return this.#one(org, apiPath`/api/0/projects/${org}/${project}/events/${eventId}/`);
  }

  /** `GET /projects/{org}/{project}/issues/` (Sentry's older project stream; page size `limit`). */
  async listProjectIssues(
    org: string,
    project: string,
    p: PageParams & { query?: string; statsPeriod?: string; shortIdLookup?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryIssue>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/issues/`, {
      limit: p.perPage,
      cursor: p.cursor,
      query: p.query ?? '',
      statsPeriod: p.statsPeriod,
      shortIdLookup: p.shortIdLookup ? '1' : undefined,
    });
  }

  async listProjectUsers(
    org: string,
    project: string,
    p: PageParams & { query?: string } = {},
  ): Promise<Page<OrgScoped<SentryProjectUser>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/users/`, {
      ...pageQuery(p),
      query: p.query,
    });
  }

  async listProjectTagValues(
    org: string,
    project: string,
    key: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryTagValue>>> {
    return this.#page(
      org,
      apiPath`/api/0/projects/${org}/${project}/tags/${key}/values/`,
      pageQuery(p),
    );
  }

  async listProjectKeys(
    org: string,
    project: string,
    p: PageParams & { status?: 'active' | 'inactive' } = {},
  ): Promise<Page<OrgScoped<SentryProjectKey>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/keys/`, {
      ...pageQuery(p),
      status: p.status,
    });
  }

  async listServiceHooks(
    org: string,
    project: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryServiceHook>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/hooks/`, pageQuery(p));
  }

  async getServiceHook(
    org: string,
    project: string,
    hookId: string,
  ): Promise<OrgScoped<SentryServiceHook>> {
    return this.#one(org, apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`);
  }

  async listUserFeedback(
    org: string,
    project: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryUserFeedback>>> {
    return this.#page(org, apiPath`/api/0/projects/${org}/${project}/user-feedback/`, pageQuery(p));
  }

  // --- releases, deploys, commits --------------------------------------------------------

  /** `GET /organizations/{org}/releases/`; sends `project=-1` unless projects are given. */
  async listReleases(
    org: string,
    p: ReleaseListParams = {},
  ): Promise<Page<OrgScoped<SentryRelease>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/releases/`, {
      ...pageQuery(p),
      query: p.query,
      project: p.project && p.project.length > 0 ? p.project : -1,
      environment: p.environment,
      status: p.status,
      sort: p.sort,
    });
  }

  async getRelease(org: string, version: string): Promise<OrgScoped<SentryRelease>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/releases/${version}/`);
  }

  async listReleaseDeploys(
    org: string,
    version: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryDeploy>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/deploys/`,
      pageQuery(p),
    );
  }

  async listReleaseCommits(
    org: string,
    version: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryCommit>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/commits/`,
      pageQuery(p),
    );
  }

  async listReleaseFiles(
    org: string,
    version: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryReleaseFile>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/files/`,
      pageQuery(p),
    );
  }

  /** `GET /projects/{org}/{project}/releases/{version}/resolved/` (not paginated). */
  async listIssuesResolvedInRelease(
    org: string,
    project: string,
    version: string,
  ): Promise<OrgScoped<SentryIssue>[]> {
    const response = await this.#send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/releases/${version}/resolved/`,
    );
    return stamp(asArray<SentryIssue>(response, 'resolved issues'), org);
  }

  async listRepositories(
    org: string,
    p: PageParams & { query?: string; status?: string } = {},
  ): Promise<Page<OrgScoped<SentryRepository>>> {
    return this.#page(org, apiPath`/api/0/organizations/${org}/repos/`, {
      ...pageQuery(p),
      query: p.query,
      status: p.status,
    });
  }

  async listRepositoryCommits(
    org: string,
    repoId: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryCommit>>> {
    return this.#page(
      org,
      apiPath`/api/0/organizations/${org}/repos/${repoId}/commits/`,
      pageQuery(p),
    );
  }

  // --- discover, sessions ----------------------------------------------------------------

  /** `GET /organizations/{org}/events/`: Discover/Explore table rows (`{data, meta}`). */
  async discoverEvents(org: string, p: DiscoverParams): Promise<DiscoverPage> {
    if (p.field.length === 0) throw localBadRequest('Discover needs at least one field');
    const response = await this.#send('GET', org, apiPath`/api/0/organizations/${org}/events/`, {
      field: p.field,
      query: p.query,
      dataset: p.dataset,
      project: p.project,
      environment: p.environment,
      statsPeriod: p.statsPeriod,
      start: p.start,
      end: p.end,
      per_page: p.perPage,
      cursor: p.cursor,
      sort: typeof p.sort === 'string' ? [p.sort] : p.sort,
    });
    const body = asObject<SentryDiscoverResponse>(response, 'discover');
    if (!Array.isArray(body.data)) throw unexpectedShape('discover');
    return {
      ...pageInfo(response.headers),
      items: stamp(body.data, org),
      meta: body.meta ?? {},
    };
  }

  /** `GET /organizations/{org}/sessions/`: release-health series; parameters passed through. */
  async getSessions(
    org: string,
    p: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<OrgScoped<SentrySessionsResponse>> {
    return this.#one(org, apiPath`/api/0/organizations/${org}/sessions/`, { ...p });
  }

  // --- writes (sent once, never retried) -------------------------------------------------

  async updateOrganization(
    org: string,
    body: SentryOrganizationUpdate,
  ): Promise<OrgScoped<SentryOrganizationDetail>> {
    const organization = await this.#writeOne<SentryOrganizationDetail>(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/`,
      body,
    );
    // A slug change moves the organization: stamp the slug it now has.
    return { ...organization, organizationSlug: organization.slug || org };
  }

  /** `PUT /organizations/{org}/issues/{id}/`: returns the full updated issue. */
  async updateIssue(
    org: string,
    issueId: string,
    body: SentryIssueUpdate,
  ): Promise<OrgScoped<SentryIssueDetail>> {
    return this.#writeOne(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/issues/${issueId}/`,
      body,
    );
  }

  /**
   * `PUT /organizations/{org}/issues/?id=..&project=-1&query=issue.id:[..]`. Returns Sentry's
   * change set (not the issues), or `null` when Sentry answers 204 (no issue matched).
   *
   * An empty id list is refused locally: without ids Sentry updates every issue matching the
   * default query. Newer Sentry also falls back to that query when none of the ids is in scope,
   * so the caller must first check that the ids exist (`listIssues({groups})`); this method
   * does not, to keep one call per method. The `query` naming the same ids is the second guard:
   * Sentry ignores it while ids match, and a fallback to the query can only reach these ids.
   */
  async bulkUpdateIssues(
    org: string,
    ids: readonly string[],
    body: SentryIssueUpdate,
  ): Promise<SentryIssueBulkUpdateResult | null> {
    const response = await this.#send(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/issues/`,
      bulkQuery(ids, 'PUT'),
      body,
    );
    if (response.body === undefined || response.status === 204) return null;
    return asObject<SentryIssueBulkUpdateResult>(response, 'bulk update');
  }

  async deleteIssue(org: string, issueId: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/organizations/${org}/issues/${issueId}/`);
  }

  /**
   * `DELETE /organizations/{org}/issues/?id=..&project=-1&query=issue.id:[..]`. Refuses an empty
   * id list locally (Sentry would delete the first 1000 issues); the caller checks the ids exist
   * first, and the `query` keeps a fallback to a query-based delete to these ids.
   */
  async bulkDeleteIssues(org: string, ids: readonly string[]): Promise<void> {
    await this.#send(
      'DELETE',
      org,
      apiPath`/api/0/organizations/${org}/issues/`,
      bulkQuery(ids, 'DELETE'),
    );
  }

  async createRelease(org: string, body: SentryReleaseCreate): Promise<OrgScoped<SentryRelease>> {
    return this.#writeOne('POST', org, apiPath`/api/0/organizations/${org}/releases/`, body);
  }

  async updateRelease(
    org: string,
    version: string,
    body: SentryReleaseUpdate,
  ): Promise<OrgScoped<SentryRelease>> {
    return this.#writeOne(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/`,
      body,
    );
  }

  async deleteRelease(org: string, version: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/organizations/${org}/releases/${version}/`);
  }

  async createDeploy(
    org: string,
    version: string,
    body: SentryDeployCreate,
  ): Promise<OrgScoped<SentryDeploy>> {
    return this.#writeOne(
      'POST',
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/deploys/`,
      body,
    );
  }

  /** `POST /teams/{org}/{team}/projects/`: Sentry creates projects under a team. */
  async createProject(
    org: string,
    team: string,
    body: SentryProjectCreate,
  ): Promise<OrgScoped<SentryProject>> {
    return this.#writeOne('POST', org, apiPath`/api/0/teams/${org}/${team}/projects/`, body);
  }

  async updateProject(
    org: string,
    project: string,
    body: SentryProjectUpdate,
  ): Promise<OrgScoped<SentryProjectDetail>> {
    return this.#writeOne('PUT', org, apiPath`/api/0/projects/${org}/${project}/`, body);
  }

  async deleteProject(org: string, project: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/projects/${org}/${project}/`);
  }

  async addProjectTeam(
    org: string,
    project: string,
    team: string,
  ): Promise<OrgScoped<SentryProject>> {
    return this.#writeOne('POST', org, apiPath`/api/0/projects/${org}/${project}/teams/${team}/`);
  }

  async createProjectKey(
    org: string,
    project: string,
    body: SentryProjectKeyCreate,
  ): Promise<OrgScoped<SentryProjectKey>> {
    return this.#writeOne('POST', org, apiPath`/api/0/projects/${org}/${project}/keys/`, body);
  }

  async updateProjectKey(
    org: string,
    project: string,
    keyId: string,
    body: SentryProjectKeyUpdate,
  ): Promise<OrgScoped<SentryProjectKey>> {
    return this.#writeOne(
      'PUT',
      org,
      apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`,
      body,
    );
  }

  async deleteProjectKey(org: string, project: string, keyId: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`);
  }

  async createServiceHook(
    org: string,
    project: string,
    body: SentryServiceHookInput,
  ): Promise<OrgScoped<SentryServiceHook>> {
    return this.#writeOne('POST', org, apiPath`/api/0/projects/${org}/${project}/hooks/`, body);
  }

  async updateServiceHook(
    org: string,
    project: string,
    hookId: string,
    body: SentryServiceHookInput,
  ): Promise<OrgScoped<SentryServiceHook>> {
    return this.#writeOne(
      'PUT',
      org,
      apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`,
      body,
    );
  }

  async deleteServiceHook(org: string, project: string, hookId: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/projects/${org}/${project}/hooks/${hookId}/`);
  }

  async submitUserFeedback(
    org: string,
    project: string,
    body: SentryUserFeedbackCreate,
  ): Promise<OrgScoped<SentryUserFeedback>> {
    return this.#writeOne(
      'POST',
      org,
      apiPath`/api/0/projects/${org}/${project}/user-feedback/`,
      body,
    );
  }

  async createTeam(org: string, body: SentryTeamCreate): Promise<OrgScoped<SentryTeam>> {
    return this.#writeOne('POST', org, apiPath`/api/0/organizations/${org}/teams/`, body);
  }

  async updateTeam(
    org: string,
    team: string,
    body: SentryTeamUpdate,
  ): Promise<OrgScoped<SentryTeam>> {
    return this.#writeOne('PUT', org, apiPath`/api/0/teams/${org}/${team}/`, body);
  }

  async deleteTeam(org: string, team: string): Promise<void> {
    await this.#send('DELETE', org, apiPath`/api/0/teams/${org}/${team}/`);
  }

  // --- plumbing --------------------------------------------------------------------------

  #send(
    method: HttpMethod,
    org: string | undefined,
    path: ApiPath,
    query?: QueryParams,
    body?: unknown,
  ): Promise<UpstreamResponse> {
    if (this.#token === undefined) {
      return Promise.reject(
        new SentryUnauthenticatedError({
          status: 401,
          message: 'No Sentry token: send `Authorization: Bearer <token>`',
          request: `${method} ${path}`,
        }),
      );
    }
    const token = this.#token;
    if (method !== 'GET') {
      this.#prefetched.clear();
      return this.#call(token, method, org, path, query, body);
    }
    const key = `${path}?${JSON.stringify(query ?? {})}`;
    const kept = this.#prefetched.get(key);
    if (this.#prefetching) {
      if (kept) return kept;
      const response = this.#call(token, method, org, path, query);
      response.catch(ignore);
      this.#prefetched.set(key, response);
      return response;
    }
    if (kept) {
      this.#prefetched.delete(key);
      return kept;
    }
    return this.#call(token, method, org, path, query);
  }

  /** One logical request through the upstream (limits, retries), counted per attempt. */
  #call(
    token: string,
    method: HttpMethod,
    org: string | undefined,
    path: ApiPath,
    query?: QueryParams,
    body?: unknown,
  ): Promise<UpstreamResponse> {
    if (this.#callsStarted >= this.#maxCalls) {
      return Promise.reject(new SentryCallBudgetError(this.#maxCalls, `${method} ${path}`));
    }
    this.#callsStarted++;
    return this.#upstream.call({
      method,
      path,
      token,
      ...(query ? { query } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(this.#signal ? { signal: this.#signal } : {}),
      ...(org !== undefined ? { organization: org } : {}),
      onAttempt: () => {
        this.#requestCount++;
      },
    });
  }

  async #page<T>(org: string, path: ApiPath, query?: QueryParams): Promise<Page<OrgScoped<T>>> {
    const response = await this.#send('GET', org, path, query);
    return { ...pageInfo(response.headers), items: stamp(asArray<T>(response, path), org) };
  }

  async #one<T>(org: string, path: ApiPath, query?: QueryParams): Promise<OrgScoped<T>> {
    const response = await this.#send('GET', org, path, query);
    return { ...asObject<T>(response, path), organizationSlug: org };
  }

  /** A write that answers with an entity; an empty answer is an upstream error. */
  async #writeOne<T>(
    method: HttpMethod,
    org: string,
    path: ApiPath,
    body?: unknown,
  ): Promise<OrgScoped<T>> {
    const response = await this.#send(method, org, path, undefined, body ?? {});
    return { ...asObject<T>(response, path), organizationSlug: org };
  }

  #learnRegion(organization: SentryOrganization): void {
    const regionUrl = organization.links?.regionUrl;
    if (!regionUrl) return;
    this.#upstream.rememberRegion(organization.slug, regionUrl);
    if (organization.id) this.#upstream.rememberRegion(organization.id, regionUrl);
  }
}

/**
 * A signal that follows `signal` and may carry any number of listeners: every queued or
 * in-flight call of a GraphQL request listens for its abort, more than Node's default of 10,
 * and the caller's own signal gets a single listener.
 */
function fanOut(signal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

function ignore(): void {}

function pageQuery(p: PageParams | undefined): QueryParams {
  return { per_page: p?.perPage, cursor: p?.cursor };
}

function eventQuery(p: EventListParams): QueryParams {
  return {
    ...pageQuery(p),
    full: p.full ? 'true' : undefined,
    query: p.query,
    environment: p.environment,
    statsPeriod: p.statsPeriod,
    start: p.start,
    end: p.end,
  };
}

function stamp<T>(items: T[], org: string): OrgScoped<T>[] {
  return items.map((item) => ({ ...item, organizationSlug: org }));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
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

function asArray<T>(response: UpstreamResponse, what: string): T[] {
  if (!Array.isArray(response.body)) throw unexpectedShape(what);
  return response.body as T[];
}

function asObject<T>(response: UpstreamResponse, what: string): T {
  const { body } = response;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unexpectedShape(what);
  }
  return body as T;
}

function unexpectedShape(what: string): SentryUpstreamError {
  return new SentryUpstreamError({
    status: 502,
    failure: 'malformed',
    message: `Sentry answered ${what} with an unexpected JSON shape`,
  });
}

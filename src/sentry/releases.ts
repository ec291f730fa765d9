/**
 * Releases: `sentry.releases.list(org)`, `.get(org, version)`, their writes, a release's deploys
 * (`.deploys(org, version)`, `.createDeploy`), commits and files, and the release wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { type OrgScoped, type ProjectFilter, Resource } from './http/requester.ts';
import type { SentryDateTime, SentryJsonObject } from './http/wire.ts';
import type { SentryCommit } from './repositories.ts';
import type { SentryUnmappedAuthor, SentryUser } from './users.ts';

export interface ReleaseListParams extends PageParams {
  query?: string;
  /** Defaults to `-1` (all accessible projects; without it Sentry shows member projects only). */
  project?: ProjectFilter;
  environment?: readonly string[];
  /** `open` (Sentry's default) or `archived`. */
  status?: string;
  sort?: string;
}

export class Releases extends Resource {
  /** `GET /organizations/{org}/releases/`; sends `project=-1` unless projects are given. */
  readonly list = this.http.lister<SentryRelease, [], ReleaseListParams>(
    (org) => apiPath`/api/0/organizations/${org}/releases/`,
    (p) => ({
      query: p.query,
      project: p.project && p.project.length > 0 ? p.project : -1,
      environment: p.environment,
      status: p.status,
      sort: p.sort,
    }),
  );

  readonly get = this.http.getter<SentryRelease, [version: string]>(
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/`,
  );

  /**
   * `GET /organizations/{org}/releases/{version}/?project={id}`: the detail with
   * `currentProjectMeta` (the release's neighbours in that project).
   */
  async getInProject(
    org: string,
    version: string,
    projectId: string,
  ): Promise<OrgScoped<SentryRelease>> {
    return this.http.one(org, apiPath`/api/0/organizations/${org}/releases/${version}/`, {
      project: projectId,
    });
  }

  /** `GET /organizations/{org}/releases/{version}/?adoptionStages=1`: with `adoptionStages`. */
  async getWithAdoptionStages(org: string, version: string): Promise<OrgScoped<SentryRelease>> {
    return this.http.one(org, apiPath`/api/0/organizations/${org}/releases/${version}/`, {
      adoptionStages: '1',
    });
  }

  readonly create = this.http.writer<SentryRelease, [], SentryReleaseCreate>(
    'POST',
    (org) => apiPath`/api/0/organizations/${org}/releases/`,
  );

  readonly update = this.http.writer<SentryRelease, [version: string], SentryReleaseUpdate>(
    'PUT',
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/`,
  );

  readonly delete = this.http.deleter<[version: string]>(
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/`,
  );

  readonly deploys = this.http.lister<SentryDeploy, [version: string]>(
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/deploys/`,
  );

  readonly createDeploy = this.http.writer<SentryDeploy, [version: string], SentryDeployCreate>(
    'POST',
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/deploys/`,
  );

  readonly commits = this.http.lister<SentryCommit, [version: string]>(
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/commits/`,
  );

  readonly files = this.http.lister<SentryReleaseFile, [version: string]>(
    (org, version) => apiPath`/api/0/organizations/${org}/releases/${version}/files/`,
  );
}

/** The release embedded in an event, an issue's `firstRelease`/`lastRelease`. */
export interface SentryReleaseSummary {
  id?: number;
  version?: string | null;
  shortVersion?: string;
  status?: string;
  ref?: string | null;
  url?: string | null;
  dateCreated?: SentryDateTime;
  dateReleased?: SentryDateTime | null;
  data?: SentryJsonObject;
  commitCount?: number;
  deployCount?: number;
  lastCommit?: SentryCommit | null;
  lastDeploy?: SentryDeploy | null;
  userAgent?: string | null;
  versionInfo?: SentryVersionInfo | null;
  firstEvent?: SentryDateTime | null;
  lastEvent?: SentryDateTime | null;
  newGroups?: number;
  authors?: (SentryUser | SentryUnmappedAuthor)[];
  owner?: SentryJsonObject | null;
  projects?: { id?: number; name: string; slug: string }[];
}

export interface SentryVersionInfo {
  package: string | null;
  version: SentryJsonObject;
  buildHash: string | null;
  description?: string;
}

export interface SentryReleaseHealth {
  durationP50?: number | null;
  durationP90?: number | null;
  crashFreeUsers?: number | null;
  crashFreeSessions?: number | null;
  totalUsers?: number | null;
  totalUsers24h?: number | null;
  totalProjectUsers24h?: number | null;
  totalSessions?: number | null;
  totalSessions24h?: number | null;
  totalProjectSessions24h?: number | null;
  adoption?: number | null;
  sessionsAdoption?: number | null;
  sessionsCrashed: number;
  sessionsErrored: number;
  hasHealthData: boolean;
  stats: SentryJsonObject;
}

export interface SentryReleaseProject {
  id: number;
  slug: string;
  name: string;
  platform: string | null;
  platforms: string[] | null;
  hasHealthData: boolean;
  newGroups: number;
  healthData?: SentryReleaseHealth | null;
}

/** `GET /organizations/{org}/releases/` rows and `GET .../releases/{version}/`. */
export interface SentryRelease {
  id: number;
  /** e.g. `backend@1.4.0`. */
  version: string;
  shortVersion: string;
  status: string;
  ref?: string | null;
  url?: string | null;
  dateCreated?: SentryDateTime | null;
  dateReleased?: SentryDateTime | null;
  dateStarted?: SentryDateTime | null;
  newGroups: number;
  versionInfo: SentryVersionInfo | null;
  data: SentryJsonObject;
  commitCount: number;
  deployCount: number;
  authors: (SentryUser | SentryUnmappedAuthor)[];
  projects: SentryReleaseProject[];
  owner?: SentryJsonObject | null;
  lastCommit?: SentryCommit | null;
  lastDeploy?: SentryDeploy | null;
  firstEvent?: SentryDateTime | null;
  lastEvent?: SentryDateTime | null;
  /** Only on the detail asked with one `project=`; `{}` otherwise. */
  currentProjectMeta?: SentryReleaseProjectMeta | Record<string, never> | null;
  userAgent?: string | null;
  /** By project slug; only with `adoptionStages=1`. */
  adoptionStages?: Record<string, SentryReleaseAdoptionStage> | null;
}

/** A release's place among its project's releases (`currentProjectMeta`). */
export interface SentryReleaseProjectMeta {
  prevReleaseVersion: string | null;
  nextReleaseVersion: string | null;
  firstReleaseVersion: string | null;
  lastReleaseVersion: string | null;
  sessionsLowerBound: SentryDateTime | null;
  sessionsUpperBound: SentryDateTime | null;
}

/** A commit in a release-create or release-update body. */
export interface SentryCommitInput {
  id: string;
  repository?: string | null;
  message?: string | null;
  author_name?: string | null;
  author_email?: string | null;
  timestamp?: SentryDateTime | null;
  patch_set?: { path: string; type: string }[] | null;
}

export interface SentryRefInput {
  commit: string;
  repository: string;
  previousCommit?: string | null;
}

/** `POST /organizations/{org}/releases/`. */
export interface SentryReleaseCreate {
  version: string;
  /** Project slugs. */
  projects: string[];
  ref?: string | null;
  url?: string | null;
  dateReleased?: SentryDateTime | null;
  commits?: SentryCommitInput[];
  refs?: SentryRefInput[];
  status?: string;
  owner?: string;
}

/** `PUT /organizations/{org}/releases/{version}/`. */
export interface SentryReleaseUpdate {
  ref?: string | null;
  url?: string | null;
  dateReleased?: SentryDateTime | null;
  commits?: SentryCommitInput[];
  refs?: SentryRefInput[];
  /** `open` or `archived` (accepted by Sentry though the spec omits it). */
  status?: string;
}

/** `GET /organizations/{org}/releases/{version}/deploys/` rows. */
export interface SentryDeploy {
  id: string;
  environment: string;
  dateStarted: SentryDateTime | null;
  dateFinished: SentryDateTime;
  name: string | null;
  url: string | null;
}

/** `POST /organizations/{org}/releases/{version}/deploys/`. */
export interface SentryDeployCreate {
  environment: string;
  name?: string | null;
  url?: string | null;
  dateStarted?: SentryDateTime | null;
  dateFinished?: SentryDateTime | null;
  projects?: string[];
}

/** `GET /organizations/{org}/releases/{version}/files/` rows. */
export interface SentryReleaseFile {
  id: string;
  name: string;
  dist: string | null;
  headers: Record<string, string>;
  size: number;
  sha1: string;
  dateCreated: SentryDateTime;
}

/** A release's adoption in one project (`adoptionStages=1`). */
export interface SentryReleaseAdoptionStage {
  /** `adopted`, `low_adoption` or `replaced`. */
  stage: string;
  adopted: SentryDateTime | null;
  unadopted: SentryDateTime | null;
}

/**
 * Projects: `sentry.projects.list(org)`, `.get(org, project)`, their writes, a team's projects,
 * a project's event users and tag values, and the project wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { type OrgScoped, Resource } from './http/requester.ts';
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';
import type { SentryTagValue } from './issues.ts';
import type { SentryOrganization } from './organizations.ts';
import type { SentryTeamRef } from './teams.ts';
import type { SentryAvatar } from './users.ts';

export class Projects extends Resource {
  /** `GET /organizations/{org}/projects/`; `allProjects` returns every project unpaginated. */
  readonly list = this.http.lister<
    SentryProject,
    [],
    PageParams & { query?: string; allProjects?: boolean }
  >(
    (org) => apiPath`/api/0/organizations/${org}/projects/`,
    (p) => ({ query: p.query, all_projects: p.allProjects ? '1' : undefined }),
  );

  readonly get = this.http.getter<SentryProjectDetail, [project: string]>(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/`,
  );

  /** `POST /teams/{org}/{team}/projects/`: Sentry creates projects under a team. */
  readonly create = this.http.writer<SentryProject, [team: string], SentryProjectCreate>(
    'POST',
    (org, team) => apiPath`/api/0/teams/${org}/${team}/projects/`,
  );

  readonly update = this.http.writer<SentryProjectDetail, [project: string], SentryProjectUpdate>(
    'PUT',
    (org, project) => apiPath`/api/0/projects/${org}/${project}/`,
  );

  readonly delete = this.http.deleter<[project: string]>(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/`,
  );

  async addTeam(org: string, project: string, team: string): Promise<OrgScoped<SentryProject>> {
    return this.http.write('POST', org, apiPath`/api/0/projects/${org}/${project}/teams/${team}/`);
  }

  readonly listForTeam = this.http.lister<SentryProject, [team: string]>(
    (org, team) => apiPath`/api/0/teams/${org}/${team}/projects/`,
  );

  /** `GET /projects/{org}/{project}/users/`: the event users seen in the project. */
  readonly users = this.http.lister<
    SentryProjectUser,
    [project: string],
    PageParams & { query?: string }
  >(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/users/`,
    (p) => ({ query: p.query }),
  );

  readonly tagValues = this.http.lister<SentryTagValue, [project: string, key: string]>(
    (org, project, key) => apiPath`/api/0/projects/${org}/${project}/tags/${key}/values/`,
  );
}

/** Fields of Sentry's base project serializer, shared by every project form. */
export interface SentryProjectBase {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: SentryDateTime;
  isBookmarked: boolean;
  isMember: boolean;
  features: string[];
  firstEvent: SentryDateTime | null;
  firstTransactionEvent: boolean;
  access: string[];
  hasAccess: boolean;
  hasFeedbacks: boolean;
  hasFlags: boolean;
  hasMinifiedStackTrace: boolean;
  hasMonitors: boolean;
  hasNewFeedbacks: boolean;
  hasProfiles: boolean;
  hasReplays: boolean;
  hasSessions: boolean;
  hasInsightsHttp: boolean;
  hasInsightsDb: boolean;
  hasInsightsAssets: boolean;
  hasInsightsAppStart: boolean;
  hasInsightsScreenLoad: boolean;
  hasInsightsVitals: boolean;
  hasInsightsCaches: boolean;
  hasInsightsQueues: boolean;
  hasInsightsAgentMonitoring: boolean;
  hasInsightsMCP: boolean;
  hasLogs: boolean;
  hasTraceMetrics: boolean;
  stats?: SentryJson;
  transactionStats?: SentryJson;
  sessionStats?: SentryJson;
}

/** `GET /organizations/{org}/projects/` rows (and team project lists). */
export interface SentryProject extends SentryProjectBase {
  /** The first team, or null for a project without one. */
  team: SentryTeamRef | null;
  teams: SentryTeamRef[];
  platforms: string[];
  hasUserReports: boolean;
  environments: string[];
  latestRelease: { version: string } | null;
  /** Environment → `{ version, dateFinished }` of its latest deploy. */
  latestDeploys?: Record<string, Record<string, string>> | null;
  options?: SentryJsonObject;
}

/** Fields of the base serializer that only the project's detail body has (its lists leave them out, per Sentry's spec). */
export interface SentryProjectDetailBase {
  isInternal: boolean;
  isPublic: boolean;
  avatar: SentryAvatar;
  color: string;
  status: string;
}

/** `GET /projects/{org}/{project}/`: a superset of the list row. */
export interface SentryProjectDetail extends SentryProject, SentryProjectDetailBase {
  options: SentryJsonObject;
  organization: SentryOrganization;
  digestsMinDelay: number;
  digestsMaxDelay: number;
  subjectPrefix: string;
  allowedDomains: string[];
  resolveAge: number;
  dataScrubber: boolean;
  dataScrubberDefaults: boolean;
  safeFields: string[];
  storeCrashReports: number | null;
  sensitiveFields: string[];
  subjectTemplate: string;
  securityToken: string;
  securityTokenHeader: string | null;
  verifySSL: boolean;
  scrubIPAddresses: boolean;
  scrapeJavaScript: boolean;
  enableAutoReleaseCreation: boolean;
  highlightTags: string[];
  highlightContext: SentryJsonObject;
  highlightPreset: { tags: string[]; context: Record<string, string[]> };
  groupingConfig: string;
  derivedGroupingEnhancements: string;
  groupingEnhancements: string;
  secondaryGroupingExpiry: number;
  secondaryGroupingConfig: string | null;
  fingerprintingRules: string;
  processingIssues: number;
  defaultEnvironment: string | null;
  relayPiiConfig: string | null;
  builtinSymbolSources: string[];
  dynamicSamplingBiases: Record<string, string | boolean>[] | null;
  symbolSources: string;
  isDynamicallySampled: boolean;
  tempestFetchScreenshots: boolean;
  autofixAutomationTuning: string;
  seerScannerAutomation: boolean;
  seerNightshiftTweaks: SentryJson;
  scmSourceContextEnabled: boolean;
  debugFilesRole: string | null;
}

/** `POST /teams/{org}/{team}/projects/`. */
export interface SentryProjectCreate {
  name: string;
  slug?: string | null;
  platform?: string | null;
  default_rules?: boolean;
}

/** `PUT /projects/{org}/{project}/`. */
export interface SentryProjectUpdate {
  name?: string;
  slug?: string;
  platform?: string | null;
  isBookmarked?: boolean;
  subjectPrefix?: string;
  subjectTemplate?: string;
  resolveAge?: number | null;
  highlightTags?: string[];
  highlightContext?: SentryJsonObject;
  enableAutoReleaseCreation?: boolean;
  scmSourceContextEnabled?: boolean;
}

/** `GET /projects/{org}/{project}/users/` rows (event users seen in the project). */
export interface SentryProjectUser {
  id: string | null;
  tagValue: string;
  identifier: string;
  username: string;
  email: string;
  name: string;
  ipAddress: string;
  avatarUrl: string;
  hash: string;
  dateCreated: SentryDateTime | null;
}

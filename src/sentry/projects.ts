/**
 * Projects: `sentry.projects.list(org)`, `.get(org, project)`, their writes, a team's projects,
 * a project's event users and tag values, and the project wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';
import type { SentryTagValue } from './issues.ts';
import type { SentryOrganization } from './organizations.ts';
import type { SentryTeamRef } from './teams.ts';
import type { SentryAvatar } from './users.ts';

export class Projects extends Resource {
  /** `GET /organizations/{org}/projects/`; `allProjects` returns every project unpaginated. */
  async list(
    org: string,
    p: PageParams & { query?: string; allProjects?: boolean } = {},
  ): Promise<Page<OrgScoped<SentryProject>>> {
    return this.http.page(
      org,
      apiPath`/api/0/organizations/${org}/projects/`,
      pageQuery(p, { query: p.query, all_projects: p.allProjects ? '1' : undefined }),
    );
  }

  async get(org: string, project: string): Promise<OrgScoped<SentryProjectDetail>> {
    return this.http.one(org, apiPath`/api/0/projects/${org}/${project}/`);
  }

  /** `POST /teams/{org}/{team}/projects/`: Sentry creates projects under a team. */
  async create(
    org: string,
    team: string,
    body: SentryProjectCreate,
  ): Promise<OrgScoped<SentryProject>> {
    return this.http.write('POST', org, apiPath`/api/0/teams/${org}/${team}/projects/`, body);
  }

  async update(
    org: string,
    project: string,
    body: SentryProjectUpdate,
  ): Promise<OrgScoped<SentryProjectDetail>> {
    return this.http.write('PUT', org, apiPath`/api/0/projects/${org}/${project}/`, body);
  }

  async delete(org: string, project: string): Promise<void> {
    await this.http.delete(org, apiPath`/api/0/projects/${org}/${project}/`);
  }

  async addTeam(org: string, project: string, team: string): Promise<OrgScoped<SentryProject>> {
    return this.http.write('POST', org, apiPath`/api/0/projects/${org}/${project}/teams/${team}/`);
  }

  async listForTeam(
    org: string,
    team: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryProject>>> {
    return this.http.page(org, apiPath`/api/0/teams/${org}/${team}/projects/`, pageQuery(p));
  }

  /** `GET /projects/{org}/{project}/users/`: the event users seen in the project. */
  async users(
    org: string,
    project: string,
    p: PageParams & { query?: string } = {},
  ): Promise<Page<OrgScoped<SentryProjectUser>>> {
    return this.http.page(
      org,
      apiPath`/api/0/projects/${org}/${project}/users/`,
      pageQuery(p, { query: p.query }),
    );
  }

  async tagValues(
    org: string,
    project: string,
    key: string,
    p: PageParams = {},
  ): Promise<Page<OrgScoped<SentryTagValue>>> {
    return this.http.page(
      org,
      apiPath`/api/0/projects/${org}/${project}/tags/${key}/values/`,
      pageQuery(p),
    );
  }
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
  isInternal: boolean;
  isPublic: boolean;
  avatar: SentryAvatar;
  color: string;
  status: string;
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

/** `GET /projects/{org}/{project}/`: a superset of the list row. */
export interface SentryProjectDetail extends SentryProject {
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

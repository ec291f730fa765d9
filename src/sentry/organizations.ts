/**
 * Organizations: `sentry.organizations.list()`, `.get(org)`, `.update(org, body)`, `.users(org)`,
 * and their wire types. Reading an organization also teaches the upstream its region.
 */
import { apiPath } from './http/api-path.ts';
import { type Page, type PageParams, pageInfo } from './http/pagination.ts';
import {
  asArray,
  type OrgScoped,
  type ProjectFilter,
  pageQuery,
  Resource,
} from './http/requester.ts';
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';
import type { SentryMember, SentryRole } from './members.ts';
import type { SentryProject } from './projects.ts';
import type { SentryTeam } from './teams.ts';
import type { SentryAvatar } from './users.ts';

export class Organizations extends Resource {
  /** `GET /organizations/`. Also learns each organization's region (`links.regionUrl`). */
  async list(page?: PageParams): Promise<Page<SentryOrganization>> {
    const response = await this.http.send(
      'GET',
      undefined,
      apiPath`/api/0/organizations/`,
      pageQuery(page),
    );
    const items = asArray<SentryOrganization>(response, 'organizations');
    for (const organization of items) this.#learnRegion(organization);
    return { ...pageInfo(response.headers), items };
  }

  async get(org: string): Promise<OrgScoped<SentryOrganizationDetail>> {
    const organization = await this.http.one<SentryOrganizationDetail>(
      org,
      apiPath`/api/0/organizations/${org}/`,
    );
    this.#learnRegion(organization);
    return organization;
  }

  async update(
    org: string,
    body: SentryOrganizationUpdate,
  ): Promise<OrgScoped<SentryOrganizationDetail>> {
    const organization = await this.http.write<SentryOrganizationDetail>(
      'PUT',
      org,
      apiPath`/api/0/organizations/${org}/`,
      body,
    );
    // A slug change moves the organization: stamp the slug it now has.
    return { ...organization, organizationSlug: organization.slug || org };
  }

  /** `GET /organizations/{org}/users/`: members with the projects they belong to. */
  readonly users = this.http.lister<
    SentryOrganizationUser,
    [],
    PageParams & { project?: ProjectFilter }
  >(
    (org) => apiPath`/api/0/organizations/${org}/users/`,
    (p) => ({ project: p.project }),
  );

  #learnRegion(organization: SentryOrganization): void {
    const regionUrl = organization.links?.regionUrl;
    if (!regionUrl) return;
    this.http.rememberRegion(organization.slug, regionUrl);
    if (organization.id) this.http.rememberRegion(organization.id, regionUrl);
  }
}

export interface SentryOrganizationLinks {
  /** Customer domain, e.g. `https://acme.sentry.io`. */
  organizationUrl: string;
  /** Region host to send this organization's API calls to, e.g. `https://us.sentry.io`. */
  regionUrl: string;
}

export interface SentryOnboardingTask {
  task: string | null;
  status: string;
  completionSeen: SentryDateTime | null;
  dateCompleted: SentryDateTime;
  data: SentryJson;
}

/** `GET /organizations/` rows and `GET /organizations/{org}/`. */
export interface SentryOrganization {
  id: string;
  slug: string;
  name: string;
  status: { id: string; name: string };
  dateCreated: SentryDateTime;
  isEarlyAdopter: boolean;
  require2FA: boolean;
  avatar: SentryAvatar;
  links: SentryOrganizationLinks;
  hasAuthProvider: boolean;
  allowMemberInvite: boolean;
  allowMemberProjectCreation: boolean;
  allowSuperuserAccess: boolean;
  features?: string[];
  extraOptions?: Record<string, Record<string, SentryJson>>;
  access?: string[];
  onboardingTasks?: SentryOnboardingTask[];
}

/** The detailed organization body (`PUT /organizations/{org}/` and the detail GET in practice). */
export interface SentryOrganizationDetail extends SentryOrganization {
  role?: string | null;
  orgRole?: string;
  defaultRole?: string;
  experiments?: Record<string, string>;
  sensitiveFields?: string[];
  safeFields?: string[];
  attachmentsRole?: string;
  debugFilesRole?: string;
  relayPiiConfig?: string | null;
  relayDsnEndpoint?: string | null;
  trustedRelays?: SentryJsonObject[];
  orgRoleList?: SentryRole[];
  teamRoleList?: SentryRole[];
  openMembership?: boolean;
  allowJoinRequests?: boolean;
  allowSharedIssues?: boolean;
  enhancedPrivacy?: boolean;
  dataScrubber?: boolean;
  dataScrubberDefaults?: boolean;
  scrubIPAddresses?: boolean;
  scrapeJavaScript?: boolean;
  storeCrashReports?: number;
  isDefault?: boolean;
  isDynamicallySampled?: boolean;
  requiresSso?: boolean;
  pendingAccessRequests?: number;
  eventsMemberAdmin?: boolean;
  alertsMemberWrite?: boolean;
  aggregatedDataConsent?: boolean;
  hideAiFeatures?: boolean;
  issueAlertsThreadFlag?: boolean;
  metricAlertsThreadFlag?: boolean;
  autoEnableCodeReview?: boolean;
  autoOpenPrs?: boolean;
  enableSeerCoding?: boolean;
  defaultSeerScannerAutomation?: boolean;
  defaultAutofixAutomationTuning?: string;
  defaultAutomatedRunStoppingPoint?: string;
  defaultCodeReviewTriggers?: string[];
  defaultCodingAgent?: string;
  defaultCodingAgentIntegrationId?: string | null;
  teams?: SentryTeam[];
  projects?: SentryProject[];
}

export interface SentryOrganizationUpdate {
  slug?: string;
  name?: string;
  defaultRole?: 'member' | 'admin' | 'manager' | 'owner';
  attachmentsRole?: 'member' | 'admin' | 'manager' | 'owner';
  debugFilesRole?: 'member' | 'admin' | 'manager' | 'owner';
  sensitiveFields?: string[];
  safeFields?: string[];
  relayPiiConfig?: string;
}

/** `GET /organizations/{org}/users/` rows (not in the spec; shape from Sentry's API docs). */
export interface SentryOrganizationUser extends SentryMember {
  /** Slugs of the projects the user is a member of. */
  projects: string[];
}

/** Organization bodies: the list row and the detailed form (with teams, projects and roles). */
import type { SentryOrganization, SentryOrganizationDetail } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { orgRoleList, teamRoleList } from '../members/roles.ts';
import { projectRow } from '../projects/wire.ts';
import { teamBody } from '../teams/wire.ts';

/** The organization body; `baseUrl` (the local server) replaces Sentry's region and org URLs. */
export function organizationBody(org: OrgData, baseUrl?: string): SentryOrganization {
  if (baseUrl === undefined) return org.wire;
  return { ...org.wire, links: { organizationUrl: baseUrl, regionUrl: baseUrl } };
}

/** The detailed organization body (with its teams and projects). */
export function organizationDetail(org: OrgData, baseUrl?: string): SentryOrganizationDetail {
  return {
    ...organizationBody(org, baseUrl),
    orgRole: 'owner',
    defaultRole: 'member',
    experiments: {},
    sensitiveFields: [],
    safeFields: [],
    attachmentsRole: 'member',
    debugFilesRole: 'admin',
    relayPiiConfig: null,
    relayDsnEndpoint: null,
    trustedRelays: [],
    orgRoleList: orgRoleList(),
    teamRoleList: teamRoleList(),
    openMembership: true,
    allowJoinRequests: true,
    allowSharedIssues: true,
    enhancedPrivacy: false,
    dataScrubber: false,
    dataScrubberDefaults: false,
    scrubIPAddresses: false,
    scrapeJavaScript: true,
    storeCrashReports: 0,
    isDefault: false,
    isDynamicallySampled: false,
    requiresSso: false,
    pendingAccessRequests: 0,
    eventsMemberAdmin: true,
    alertsMemberWrite: true,
    aggregatedDataConsent: false,
    hideAiFeatures: false,
    issueAlertsThreadFlag: true,
    metricAlertsThreadFlag: true,
    autoEnableCodeReview: false,
    autoOpenPrs: false,
    enableSeerCoding: false,
    defaultSeerScannerAutomation: false,
    defaultAutofixAutomationTuning: 'off',
    defaultAutomatedRunStoppingPoint: 'root_cause',
    defaultCodeReviewTriggers: [],
    defaultCodingAgent: 'seer',
    defaultCodingAgentIntegrationId: null,
    teams: org.teams.map((team) => teamBody(org, team, { detailed: false })),
    projects: org.projects.map((project) => projectRow(project.wire)),
  };
}

/** The stored project body (the list row), for seeded and created projects alike. */
import type { SentryTeamRef } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { ACCESS_SCOPES, letterAvatar } from '../../data/wire.ts';
import type { ProjectRecord, StoredProject } from './record.ts';

const PROJECT_FEATURES = [
  'alert-filters',
  'custom-inbound-filters',
  'data-forwarding',
  'discard-groups',
  'minidump',
  'rate-limits',
  'servicehooks',
  'similarity-indexing',
  'similarity-view',
];

/** A stable colour from the slug, as Sentry derives project colours. */
function colorOf(slug: string): string {
  let h = 0;
  for (const ch of slug) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `#${(h & 0xffffff).toString(16).padStart(6, '0')}`;
}

export function buildProject(input: {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: string;
  teams: SentryTeamRef[];
}): StoredProject {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    platform: input.platform,
    dateCreated: input.dateCreated,
    isBookmarked: false,
    isMember: true,
    features: [...PROJECT_FEATURES],
    firstEvent: null,
    firstTransactionEvent: false,
    access: [...ACCESS_SCOPES],
    hasAccess: true,
    hasFeedbacks: false,
    hasFlags: false,
    hasMinifiedStackTrace: false,
    hasMonitors: false,
    hasNewFeedbacks: false,
    hasProfiles: false,
    hasReplays: false,
    hasSessions: false,
    hasInsightsHttp: false,
    hasInsightsDb: false,
    hasInsightsAssets: false,
    hasInsightsAppStart: false,
    hasInsightsScreenLoad: false,
    hasInsightsVitals: false,
    hasInsightsCaches: false,
    hasInsightsQueues: false,
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    hasLogs: false,
    hasTraceMetrics: false,
    isInternal: false,
    isPublic: false,
    avatar: letterAvatar(),
    color: colorOf(input.slug),
    status: 'active',
    team: input.teams[0] ?? null,
    teams: input.teams,
    platforms: input.platform ? [input.platform] : [],
    hasUserReports: false,
    environments: [],
    latestRelease: null,
    latestDeploys: null,
  };
}

/** A project record with nothing under it yet. */
export function projectRecord(
  org: OrgData,
  wire: StoredProject,
  teamSlugs: string[],
): ProjectRecord {
  return {
    org: org.slug,
    wire,
    teamSlugs,
    issues: [],
    events: [],
    keys: [],
    hooks: [],
    feedback: [],
    nextShortId: 1,
  };
}

/** The project detail body: the list row plus settings, options and the organization. */
import type { SentryProject, SentryProjectDetail } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32 } from '../../data/random.ts';
import type { ProjectRecord, StoredProject } from './record.ts';

/** `GET /projects/{org}/{project}/`. */
export function projectDetail(data: LocalData, project: ProjectRecord): SentryProjectDetail {
  const org = data.organizations.get(project.org) as OrgData;
  const wire = project.wire;
  const options = wire.options ?? {};
  const option = <T>(key: string, fallback: T): T => (options[key] as T | undefined) ?? fallback;
  return {
    ...wire,
    team: wire.team,
    options: {
      'sentry:resolve_age': option('resolveAge', 0),
      'sentry:scrub_data': true,
      'sentry:scrub_defaults': true,
      'sentry:token': hash32(wire.id, 'token').toString(16),
      'sentry:token_header': null,
      'sentry:verify_ssl': false,
      'filters:blacklisted_ips': '',
      'filters:releases': '',
      'filters:error_messages': '',
      ...options,
    },
    organization: org.wire,
    digestsMinDelay: 300,
    digestsMaxDelay: 1800,
    subjectPrefix: option('subjectPrefix', ''),
    allowedDomains: ['*'],
    resolveAge: option('resolveAge', 0),
    dataScrubber: true,
    dataScrubberDefaults: true,
    safeFields: [],
    storeCrashReports: null,
    sensitiveFields: [],
    subjectTemplate: option('subjectTemplate', '$shortID - $title'),
    securityToken: hash32(wire.id, 'security').toString(16).padStart(8, '0').repeat(4),
    securityTokenHeader: null,
    verifySSL: false,
    scrubIPAddresses: false,
    scrapeJavaScript: true,
    enableAutoReleaseCreation: option('enableAutoReleaseCreation', false),
    highlightTags: option('highlightTags', ['handled', 'level', 'release', 'environment']),
    highlightContext: option('highlightContext', {}),
    highlightPreset: { tags: ['handled', 'level'], context: { trace: ['trace_id'] } },
    groupingConfig: 'newstyle:2023-01-11',
    derivedGroupingEnhancements: '',
    groupingEnhancements: '',
    secondaryGroupingExpiry: 0,
    secondaryGroupingConfig: null,
    fingerprintingRules: '',
    processingIssues: 0,
    defaultEnvironment: null,
    relayPiiConfig: null,
    builtinSymbolSources: ['ios', 'microsoft', 'android'],
    dynamicSamplingBiases: null,
    symbolSources: '[]',
    isDynamicallySampled: false,
    tempestFetchScreenshots: false,
    autofixAutomationTuning: 'off',
    seerScannerAutomation: false,
    seerNightshiftTweaks: null,
    scmSourceContextEnabled: option('scmSourceContextEnabled', false),
    debugFilesRole: null,
  };
}

/**
 * A project as Sentry's lists (and the bodies that embed projects) serialize it: the stored
 * body without the fields only the detail has (`isInternal`, `isPublic`, `avatar`, `color`,
 * `status`, per Sentry's spec).
 */
export function projectRow(wire: StoredProject): SentryProject {
  const { isInternal: _i, isPublic: _p, avatar: _a, color: _c, status: _s, ...row } = wire;
  return row;
}

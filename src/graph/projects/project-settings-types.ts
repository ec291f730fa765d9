/**
 * The objects of a project's settings: its avatar, latest deploys, data scrubbing, grouping and
 * the Insights modules it has data for.
 */
import type { SentryAvatar, SentryProject, SentryProjectDetail } from '../../sentry/types.ts';
import { Release, releaseStub } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';

export const ProjectAvatar = builder.objectRef<SentryAvatar>('ProjectAvatar').implement({
  description: "A project's avatar: an uploaded image, or Sentry's letter avatar.",
  fields: (t) => ({
    type: t.string({
      description: '"upload" or "letter_avatar".',
      resolve: (avatar) => avatar.avatarType ?? 'letter_avatar',
    }),
    uuid: t.string({ nullable: true, resolve: (avatar) => avatar.avatarUuid ?? null }),
    url: t.string({
      nullable: true,
      description: 'Image URL, for an uploaded avatar.',
      resolve: (avatar) => avatar.avatarUrl ?? null,
    }),
  }),
});

export interface ProjectDeployShape {
  organizationSlug: string;
  environment: string;
  version: string | null;
  finishedAt: string | null;
}

export const ProjectDeploy = builder.objectRef<ProjectDeployShape>('ProjectDeploy').implement({
  description: 'The latest deploy of the project to one environment.',
  fields: (t) => ({
    environment: t.exposeString('environment'),
    version: t.exposeString('version', { nullable: true, description: 'The release deployed.' }),
    release: t.field({
      type: Release,
      nullable: true,
      description: 'The release deployed; `version` costs no call.',
      resolve: (deploy) =>
        deploy.version ? releaseStub(deploy.organizationSlug, { version: deploy.version }) : null,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the deploy finished.',
      resolve: (deploy) => deploy.finishedAt,
    }),
  }),
});

/** `latestDeploys` of a list row as a list, by environment name. */
export function latestDeploys(project: SentryProject & { organizationSlug: string }) {
  return Object.entries(project.latestDeploys ?? {})
    .map(
      ([environment, deploy]): ProjectDeployShape => ({
        organizationSlug: project.organizationSlug,
        environment,
        version: deploy['version'] ?? null,
        finishedAt: deploy['dateFinished'] ?? null,
      }),
    )
    .sort((a, b) => (a.environment < b.environment ? -1 : 1));
}

export const ProjectDataScrubbing = builder
  .objectRef<SentryProjectDetail>('ProjectDataScrubbing')
  .implement({
    description: 'How Sentry scrubs sensitive data from the events of a project.',
    fields: (t) => ({
      enabled: t.boolean({
        description: 'Server-side data scrubbing is on (`dataScrubber`).',
        resolve: (p) => p.dataScrubber,
      }),
      useDefaults: t.boolean({
        description: "Sentry's default sensitive fields (password, secret…) are scrubbed too.",
        resolve: (p) => p.dataScrubberDefaults,
      }),
      sensitiveFields: t.stringList({
        description: 'Extra field names to scrub.',
        resolve: (p) => p.sensitiveFields ?? [],
      }),
      safeFields: t.stringList({
        description: 'Field names never scrubbed.',
        resolve: (p) => p.safeFields ?? [],
      }),
      scrubIpAddresses: t.boolean({
        description: 'IP addresses are removed from events.',
        resolve: (p) => p.scrubIPAddresses,
      }),
      storeCrashReports: t.int({
        nullable: true,
        description:
          'Native crash reports kept per issue: 0 none, -1 all; null inherits the organization setting.',
        resolve: (p) => p.storeCrashReports ?? null,
      }),
      relayPiiConfig: t.string({
        nullable: true,
        description: 'Advanced data scrubbing rules, as the JSON text Sentry stores.',
        resolve: (p) => p.relayPiiConfig ?? null,
      }),
    }),
  });

export const ProjectGrouping = builder.objectRef<SentryProjectDetail>('ProjectGrouping').implement({
  description: "How Sentry groups the project's events into issues.",
  fields: (t) => ({
    config: t.string({
      description: 'Grouping config, e.g. "newstyle:2023-01-11".',
      resolve: (p) => p.groupingConfig,
    }),
    enhancements: t.string({
      description: "Stack trace rules, one per line (Sentry's `groupingEnhancements`).",
      resolve: (p) => p.groupingEnhancements ?? '',
    }),
    derivedEnhancements: t.string({
      description: 'Stack trace rules Sentry derived itself.',
      resolve: (p) => p.derivedGroupingEnhancements ?? '',
    }),
    fingerprintingRules: t.string({
      description: 'Fingerprint rules, one per line, e.g. "error.type:DatabaseError -> db".',
      resolve: (p) => p.fingerprintingRules ?? '',
    }),
    secondaryConfig: t.string({
      nullable: true,
      description: 'The previous config, still applied while an upgrade settles.',
      resolve: (p) => p.secondaryGroupingConfig ?? null,
    }),
    secondaryConfigExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the previous config stops being applied.',
      resolve: (p) =>
        p.secondaryGroupingExpiry ? new Date(p.secondaryGroupingExpiry * 1000).toISOString() : null,
    }),
  }),
});

const INSIGHTS = {
  http: 'hasInsightsHttp',
  db: 'hasInsightsDb',
  assets: 'hasInsightsAssets',
  appStart: 'hasInsightsAppStart',
  screenLoad: 'hasInsightsScreenLoad',
  vitals: 'hasInsightsVitals',
  caches: 'hasInsightsCaches',
  queues: 'hasInsightsQueues',
  agentMonitoring: 'hasInsightsAgentMonitoring',
  mcp: 'hasInsightsMCP',
} as const satisfies Record<string, keyof SentryProject>;

export const ProjectInsights = builder.objectRef<SentryProject>('ProjectInsights').implement({
  description: 'The Insights modules the project has received data for.',
  fields: (t) =>
    Object.fromEntries(
      Object.entries(INSIGHTS).map(([name, key]) => [
        name,
        t.boolean({ resolve: (p) => p[key] === true }),
      ]),
    ) as Record<keyof typeof INSIGHTS, ReturnType<typeof t.boolean>>,
});

/**
 * What a project's settings page reads. Free on every project body (the list row): the `has*`
 * capability flags, `insights` and `latestDeploys`. Only on the detail body
 * (`GET /projects/{org}/{project}/`, one call per project, shared by all of them): avatar,
 * visibility, alert e-mail and digest settings, resolve age, allowed domains, JavaScript
 * scraping, data scrubbing, grouping and fingerprinting rules, processing issues.
 */
import type { Context } from '../../context.ts';
import { projectSlugKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryProject, SentryProjectDetail } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { fullProject, Project, type ProjectShape } from './project.ts';
import { projectDetails } from './project-detail.ts';
import {
  latestDeploys,
  ProjectAvatar,
  ProjectDataScrubbing,
  ProjectDeploy,
  ProjectGrouping,
  ProjectInsights,
} from './project-settings-types.ts';

/** The detail body: the parent itself when it is one (a write's answer), else the shared call. */
async function detailOf(
  project: ProjectShape,
  context: Context,
): Promise<OrgScoped<SentryProjectDetail>> {
  if ('digestsMinDelay' in project) return project as OrgScoped<SentryProjectDetail>;
  return projectDetails(context).load(projectSlugKey(project.organizationSlug, project.slug));
}

const DETAIL_ONLY =
  "Only the project's detail body has it: one call per project, shared by every such field.";

type Flag = Extract<keyof SentryProject, `has${string}`>;

const FLAGS: Record<string, [Flag, string]> = {
  hasSessions: ['hasSessions', 'It has received release-health sessions.'],
  hasReplays: ['hasReplays', 'It has received session replays.'],
  hasMonitors: ['hasMonitors', 'It has cron monitors.'],
  hasProfiles: ['hasProfiles', 'It has received profiles.'],
  hasFeedbacks: ['hasFeedbacks', 'It has received user feedback.'],
  hasNewFeedbacks: ['hasNewFeedbacks', 'It has received feedback through the new feedback widget.'],
  hasUserReports: ['hasUserReports', 'It has received user reports (the crash-report modal).'],
  hasMinifiedStackTrace: [
    'hasMinifiedStackTrace',
    'It has received minified JavaScript stack traces (so source maps matter).',
  ],
  hasLogs: ['hasLogs', 'It has received logs.'],
  hasFlags: ['hasFlags', 'It has received feature-flag evaluations.'],
  hasTraceMetrics: ['hasTraceMetrics', 'It has received trace metrics.'],
};

builder.objectFields(Project, (t) => ({
  ...Object.fromEntries(
    Object.entries(FLAGS).map(([name, [key, description]]) => [
      name,
      t.boolean({
        description: `${description} Free on every project body.`,
        resolve: async (project, _args, context) =>
          (await fullProject(project, context))[key] === true,
      }),
    ]),
  ),
  insights: t.field({
    type: ProjectInsights,
    description: 'The Insights modules it has data for. Free on every project body.',
    resolve: (project, _args, context) => fullProject(project, context),
  }),
  latestDeploys: t.field({
    type: [ProjectDeploy],
    description:
      'Its latest deploy to each environment, by environment name. Free on every project body.',
    resolve: async (project, _args, context) => latestDeploys(await fullProject(project, context)),
  }),
  avatar: t.field({
    type: ProjectAvatar,
    description: `Its avatar. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).avatar,
  }),
  isPublic: t.boolean({
    description: `Anyone with a link may view its issues. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).isPublic,
  }),
  isInternal: t.boolean({
    description: `One of Sentry's own internal projects. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).isInternal,
  }),
  color: t.string({
    description: `Display color, e.g. "#3f70bf". ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).color,
  }),
  status: t.string({
    description: `Lifecycle status, e.g. "active". ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).status,
  }),
  subjectPrefix: t.string({
    description: `Prefix of its alert e-mail subjects, e.g. "[Backend] ". ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).subjectPrefix,
  }),
  subjectTemplate: t.string({
    description: `Template of its alert e-mail subjects, e.g. "$shortID - $title". ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).subjectTemplate,
  }),
  digestsMinDelay: t.int({
    description: `Seconds Sentry waits at least before sending an alert digest. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).digestsMinDelay,
  }),
  digestsMaxDelay: t.int({
    description: `Seconds Sentry waits at most before sending an alert digest. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).digestsMaxDelay,
  }),
  resolveAge: t.int({
    description: `Hours without events after which its issues resolve themselves; 0 is never. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).resolveAge,
  }),
  allowedDomains: t.stringList({
    description: `Origins its client keys accept events from ("*" is any). ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) =>
      (await detailOf(project, context)).allowedDomains ?? [],
  }),
  scrapeJavaScript: t.boolean({
    description: `Sentry fetches JavaScript sources and source maps from the web. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).scrapeJavaScript,
  }),
  verifySsl: t.boolean({
    description: `Sentry verifies TLS certificates when it fetches sources. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) => (await detailOf(project, context)).verifySSL,
  }),
  securityTokenHeader: t.string({
    nullable: true,
    description: `Header that carries the security token when Sentry fetches sources. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) =>
      (await detailOf(project, context)).securityTokenHeader ?? null,
  }),
  defaultEnvironment: t.string({
    nullable: true,
    description: `Environment its pages open with. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) =>
      (await detailOf(project, context)).defaultEnvironment ?? null,
  }),
  highlightTags: t.stringList({
    description: `Tags shown first on its events. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) =>
      (await detailOf(project, context)).highlightTags ?? [],
  }),
  dataScrubbing: t.field({
    type: ProjectDataScrubbing,
    description: `Its data scrubbing settings. ${DETAIL_ONLY}`,
    resolve: (project, _args, context) => detailOf(project, context),
  }),
  grouping: t.field({
    type: ProjectGrouping,
    description: `Its grouping config, stack trace and fingerprinting rules. ${DETAIL_ONLY}`,
    resolve: (project, _args, context) => detailOf(project, context),
  }),
  processingIssueCount: t.int({
    description: `Events Sentry could not process fully (missing debug files, source maps), as counted on the detail body. ${DETAIL_ONLY}`,
    resolve: async (project, _args, context) =>
      (await detailOf(project, context)).processingIssues ?? 0,
  }),
}));

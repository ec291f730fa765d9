/** `Organization.monitors`, `Organization.monitor(slug:)` and `Project.monitors`. */
import type { Context } from '../../context.ts';
import { monitorKey } from '../../loaders/monitors.ts';
import type { MonitorListParams } from '../../sentry/types.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { Monitor, MonitorConnection, primeMonitors } from './monitor.ts';

async function listMonitors(
  context: Context,
  org: string,
  args: ConnectionArgs,
  filters: Pick<MonitorListParams, 'project' | 'environment'>,
) {
  const request = pageRequest(args);
  const page = await context.sentry.monitors.list(org, { ...request.params, ...filters });
  primeMonitors(context, page.items);
  return pageToConnection(page, request);
}

builder.objectFields(Organization, (t) => ({
  monitors: t.connection(
    {
      type: Monitor,
      nullable: true,
      description:
        'Cron monitors of the organization, by name. One call: `GET /organizations/{org}/monitors/`.',
      args: {
        projects: t.arg.stringList({
          required: false,
          description: 'Only monitors of these projects (slugs or ids).',
        }),
        environment: t.arg.stringList({
          required: false,
          description:
            'Only monitors that have checked in from these environments (and only those environments of each).',
        }),
      },
      resolve: (org, args, context) =>
        listMonitors(context, org.slug, args, {
          ...(args.projects ? { project: args.projects } : {}),
          ...(args.environment ? { environment: args.environment } : {}),
        }),
    },
    MonitorConnection,
  ),
  monitor: t.field({
    type: Monitor,
    nullable: true,
    description: 'A cron monitor by slug (or id); null with NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ description: 'e.g. "nightly-backup".' }) },
    resolve: (org, { slug }) => monitorKey(org.slug, slug),
  }),
}));

builder.objectFields(Project, (t) => ({
  monitors: t.connection(
    {
      type: Monitor,
      nullable: true,
      description:
        'Cron monitors of the project. One call: `GET /organizations/{org}/monitors/?project={id}`.',
      args: {
        environment: t.arg.stringList({
          required: false,
          description: 'Only monitors that have checked in from these environments.',
        }),
      },
      resolve: (project, args, context) =>
        listMonitors(context, project.organizationSlug, args, {
          project: [project.id],
          ...(args.environment ? { environment: args.environment } : {}),
        }),
    },
    MonitorConnection,
  ),
}));

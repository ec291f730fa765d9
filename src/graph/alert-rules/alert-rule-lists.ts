/** `Organization.alertRules`. */
import { splitKey } from '../../loaders/keys.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { AlertRule, AlertRuleConnection, primeAlertRules } from './alert-rule.ts';

builder.objectFields(Organization, (t) => ({
  alertRules: t.connection(
    {
      type: AlertRule,
      nullable: true,
      description:
        'Metric alert rules of the organization, newest first. One call: `GET /organizations/{org}/alert-rules/`.',
      args: {
        projects: t.arg.globalIDList({
          for: Project,
          required: false,
          description: 'Only rules that watch one of these projects (global ids).',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const project = (args.projects ?? []).map(({ id }) => {
          const [projectOrg, projectId] = splitKey(id);
          if (projectOrg !== org.slug) {
            throw badUserInput(`Project ${id} is not in organization ${org.slug}.`, {
              argument: 'projects',
            });
          }
          return projectId;
        });
        const page = await context.sentry.alertRules.list(org.slug, {
          ...request.params,
          ...(project.length > 0 ? { project } : {}),
        });
        primeAlertRules(context, page.items);
        return pageToConnection(page, request);
      },
    },
    AlertRuleConnection,
  ),
}));

/**
 * Environments of an organization and of a project (`production`, `staging`, ...): derived from
 * the organization's environment names and the environments a project's events carry. None is
 * hidden here. Unpaginated, as in Sentry.
 */
import type { OrgData } from '../../data/model.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { badRequest, ok } from '../../http/reply.ts';
import { ORG_READ, PROJECT_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';

const VISIBILITY = ['all', 'hidden', 'visible'];

/** `visibility=` as Sentry reads it; true when hidden environments are wanted only. */
function hiddenOnly(context: RequestContext): boolean {
  const visibility = context.query.get('visibility') ?? 'visible';
  if (!VISIBILITY.includes(visibility)) {
    throw badRequest({
      detail: `Invalid value for 'visibility', valid values are: ${JSON.stringify(VISIBILITY)}`,
    });
  }
  return visibility === 'hidden';
}

/** Stable ids: the position in the organization's environment list. */
const environmentId = (org: OrgData, name: string) => String(org.environments.indexOf(name) + 1);

export const environmentRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/environments/', ORG_READ, (context) => {
    const org = orgOf(context);
    if (hiddenOnly(context)) return ok([]);
    return ok(org.environments.map((name) => ({ id: environmentId(org, name), name })));
  }),

  route('GET /api/0/projects/{org}/{project}/environments/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    if (hiddenOnly(context)) return ok([]);
    const seen = new Set(project.events.map((event) => event.environment));
    return ok(
      org.environments
        .filter((name) => seen.has(name))
        .map((name) => ({ id: environmentId(org, name), name, isHidden: false })),
    );
  }),
];

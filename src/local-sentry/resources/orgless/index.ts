/**
 * The routes without an organization in their path: `GET /projects/` (the projects of every
 * organization the token may use) and the legacy `/issues/{issue_id}/...` spellings of the
 * organization's issue routes. A legacy route finds the issue by its numeric id, refuses an
 * organization the token may not use, then answers with the organization route's own handler,
 * so the two spellings cannot drift apart.
 */
import { canAccessOrganization } from '../../http/auth.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { PROJECT_READ } from '../../http/scopes.ts';
import { eventRoutes } from '../events/index.ts';
import { issueRoutes } from '../issues/index.ts';
import { legacyIssueOf } from '../issues/request.ts';
import { organizationBody } from '../organizations/wire.ts';
import { filterProjects } from '../projects/search.ts';
import { tagRoutes } from '../tags/index.ts';

/** The issue subroutes Sentry also serves at `/api/0/issues/{issue_id}/...`. */
const LEGACY_SUBROUTES = [
  'events/',
  'events/latest/',
  'events/oldest/',
  'hashes/',
  'tags/{key}/',
  'tags/{key}/values/',
];

function legacyIssueRoutes(): RouteDef[] {
  const organizationRoutes = [...issueRoutes(), ...eventRoutes(), ...tagRoutes()];
  return LEGACY_SUBROUTES.map((subroute) => {
    const template = `GET /api/0/organizations/{org}/issues/{issue_id}/${subroute}`;
    const target = organizationRoutes.find((def) => def.template === template);
    if (!target) throw new Error(`No organization route for the legacy ${subroute}`);
    return route(`GET /api/0/issues/{issue_id}/${subroute}`, target.scopes, (context) => {
      const issue = legacyIssueOf(context);
      return target.handle({
        ...context,
        params: { ...context.params, org: issue.org, issue_id: issue.wire.id },
      });
    });
  });
}

export const orglessRoutes = (): RouteDef[] => [
  // Sentry orders these by creation, newest first, and embeds each one's organization.
  route('GET /api/0/projects/', PROJECT_READ, (context) => {
    const rows = [...context.data.organizations.values()]
      .filter((org) => canAccessOrganization(context.token, org.slug))
      .flatMap((org) =>
        filterProjects(org, context.query.get('query')).map((project) => ({ org, project })),
      )
      .sort(
        (a, b) =>
          b.project.wire.dateCreated.localeCompare(a.project.wire.dateCreated) ||
          Number(b.project.wire.id) - Number(a.project.wire.id),
      );
    return paginateMapped(rows, context.page, ({ org, project }) => ({
      ...project.wire,
      organization: organizationBody(org),
    }));
  }),

  ...legacyIssueRoutes(),
];

/**
 * Sentry user accounts (members' users, release and commit authors): their body and the
 * organization's user list. This folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { ok } from '../../http/reply.ts';
import { ORG_READ } from '../../http/scopes.ts';
import { activeMembers } from '../members/store.ts';
import { orgOf } from '../organizations/request.ts';
import { organizationUser } from './wire.ts';

export const userRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/users/', ORG_READ, (context) => {
    const org = orgOf(context);
    const ids = context.query.getAll('project');
    const rows = activeMembers(org).map((m) => organizationUser(org, m));
    const projectSlugs = ids.length
      ? org.projects.filter((p) => ids.includes(p.wire.id)).map((p) => p.wire.slug)
      : undefined;
    // Unpaginated in Sentry: every user of the organization (optionally of some projects).
    return ok(
      projectSlugs
        ? rows.filter((row) => row.projects.some((s) => projectSlugs.includes(s)))
        : rows,
    );
  }),
];

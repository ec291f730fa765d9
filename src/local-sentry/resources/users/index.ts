/**
 * Sentry user accounts (members' users, release and commit authors): their body and the
 * organization's user list. This folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { HttpError, ok } from '../../http/reply.ts';
import { ORG_READ } from '../../http/scopes.ts';
import { activeMembers, viewerMember } from '../members/store.ts';
import { orgOf } from '../organizations/request.ts';
import { teamBody } from '../teams/wire.ts';
import { callerUser } from './caller.ts';
import { organizationUser } from './wire.ts';

export const userRoutes = (): RouteDef[] => [
  // Sentry's API index: who the caller is and what its token may do; `null`s without credentials.
  route(
    'GET /api/0/',
    [],
    (context) => {
      const anonymous = context.token.token === '';
      return ok({
        version: '0',
        auth: anonymous ? null : { scopes: context.token.scopes },
        user: callerUser(context.data, context.token) ?? null,
      });
    },
    { anonymous: true },
  ),

  route(
    'GET /api/0/auth/',
    [],
    (context) => {
      const user = callerUser(context.data, context.token);
      // Sentry answers an unauthenticated caller with an empty 400.
      if (!user) throw new HttpError(400, {});
      return ok(user);
    },
    { anonymous: true },
  ),

  // The caller's teams in the organization, with their projects; unpaginated as in Sentry.
  route('GET /api/0/organizations/{org}/user-teams/', ORG_READ, (context) => {
    const org = orgOf(context);
    const member = viewerMember(org);
    const teams = org.teams.filter((team) => member?.teamSlugs.includes(team.wire.slug));
    return ok(teams.map((team) => ({ ...teamBody(org, team), isMember: true })));
  }),

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

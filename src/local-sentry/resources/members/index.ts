/**
 * Organization members (and pending invites): records, generation, roles, search, wire bodies and
 * routes. This folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { forbidden, found, noContent, ok } from '../../http/reply.ts';
import { MEMBER_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { filterMembers } from './search.ts';
import { findMember, viewerMember } from './store.ts';
import { memberDetail } from './wire.ts';
import { isOnlyOwner, removeMember } from './write.ts';

export const memberRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/members/', MEMBER_READ, (context) => {
    const org = orgOf(context);
    return paginateMapped(
      filterMembers(org, context.query.get('query')),
      context.page,
      (m) => m.wire,
    );
  }),

  route('GET /api/0/organizations/{org}/members/{member_id}/', MEMBER_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['member_id'] ?? '';
    // Sentry accepts `me` for the caller; a token here acts as the first owner.
    const member = id === 'me' ? viewerMember(org) : findMember(org, id);
    return ok(memberDetail(org, found(member)));
  }),

  // The spec lists member:read for this route: with it (or member:write) a token may remove only
  // the member it acts as (leaving the organization); member:admin removes anyone.
  route('DELETE /api/0/organizations/{org}/members/{member_id}/', MEMBER_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['member_id'] ?? '';
    const self = viewerMember(org);
    const member = found(id === 'me' ? self : findMember(org, id));
    if (member !== self && !context.token.scopes.includes('member:admin')) throw forbidden();
    if (isOnlyOwner(org, member)) {
      throw forbidden('You cannot remove the only remaining owner of the organization.');
    }
    removeMember(org, member);
    return noContent();
  }),
];

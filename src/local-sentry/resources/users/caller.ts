/**
 * Who a token is, for the routes that answer "who am I" (`GET /api/0/`, `GET /api/0/auth/`,
 * `user-teams`). Tokens here carry no user of their own: a token acts as the owner of the first
 * organization it may use, as `me` does in issue search (`viewerMember`).
 */
import type { SentryUser } from '../../../sentry/types.ts';
import type { LocalData } from '../../data/model.ts';
import { canAccessOrganization, type LocalToken } from '../../http/auth.ts';
import { viewerMember } from '../members/store.ts';

export function callerUser(data: LocalData, token: LocalToken): SentryUser | undefined {
  if (token.token === '') return undefined;
  for (const org of data.organizations.values()) {
    if (!canAccessOrganization(token, org.slug)) continue;
    const userId = viewerMember(org)?.userId;
    const user = userId ? data.users.get(userId) : undefined;
    if (user) return user;
  }
  return undefined;
}

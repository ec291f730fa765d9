/**
 * Organization members and their user accounts, many per call: the member list filters on
 * repeated `id:` or `user.id:` terms.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryMember, SentryUser } from '../sentry/types.ts';
import type { MemberKey, UserKey } from './keys.ts';
import { loadScopedInBulk } from './settle-each.ts';

/** Loads members by `org/memberId`. */
export function loadMembers(
  sentry: SentryClient,
  keys: readonly MemberKey[],
): Promise<(OrgScoped<SentryMember> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Member',
    idOf: (member) => member.id,
    fetch: async (org, ids) =>
      (
        await sentry.members.list(org, {
          query: ids.map((id) => `id:${id}`).join(' '),
          perPage: 100,
        })
      ).items,
  });
}

/** Loads user accounts by `org/userId`, through the organization's members. */
export async function loadUsers(
  sentry: SentryClient,
  keys: readonly UserKey[],
): Promise<(OrgScoped<SentryUser> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'User',
    idOf: (user) => user.id,
    fetch: async (org, ids) => {
      const page = await sentry.members.list(org, {
        query: ids.map((id) => `user.id:${id}`).join(' '),
        perPage: 100,
      });
      return page.items.flatMap((member) =>
        member.user ? [{ ...member.user, organizationSlug: org }] : [],
      );
    },
  });
}

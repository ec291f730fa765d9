/** The member list's `query`. */
import type { OrgData } from '../../data/model.ts';
import { filterByTokens, idFilter, textFilter } from '../../data/search.ts';
import type { MemberRecord } from './record.ts';

/**
 * `GET /organizations/{org}/members/?query=`: `id:`, `user.id:`, `email:`, `role:`,
 * `isInvited:true|false`, free text on name and email; any other key → none.
 */
export function filterMembers(org: OrgData, query: string | null | undefined): MemberRecord[] {
  return filterByTokens<MemberRecord>(org.members, query, {
    query: textFilter((member) => [
      member.wire.email.toLowerCase(),
      member.wire.name.toLowerCase(),
    ]),
    id: idFilter((member) => member.wire.id),
    'user.id': idFilter((member) => member.userId),
    email: (values) => {
      const emails = new Set(values.map((value) => value.toLowerCase()));
      return (member) => emails.has(member.wire.email.toLowerCase());
    },
    role: (values) => (member) => values.includes(member.wire.orgRole),
    isInvited: (values) => {
      const invited = values.includes('true');
      return (member) => member.wire.pending === invited;
    },
  });
}

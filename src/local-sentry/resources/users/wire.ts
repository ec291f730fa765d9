/** The rows of `GET /organizations/{org}/users/`. */
import type { SentryOrganizationUser } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import type { MemberRecord } from '../members/record.ts';

/** `GET /organizations/{org}/users/` rows: members with a user, with their project slugs. */
export function organizationUser(org: OrgData, member: MemberRecord): SentryOrganizationUser {
  const projects = org.projects
    .filter((project) => project.teamSlugs.some((slug) => member.teamSlugs.includes(slug)))
    .map((project) => project.wire.slug);
  return { ...member.wire, projects };
}

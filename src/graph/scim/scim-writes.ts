/** What the SCIM mutations share: ids from the input, the payload's organization, cache drops. */
import type { Context } from '../../context.ts';
import { type MemberKey, memberKey, splitKey, type TeamKey, teamKey } from '../../loaders/keys.ts';
import { Organization, organizationStub } from '../organizations/organization.ts';
import type { PayloadFields } from '../schema-kit/mutations/payloads.ts';
import { type FieldPath, readIdOf, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Member } from '../teams/member.ts';
import { forgetTeam } from '../teams/team.ts';

export const readMemberKey = (
  errors: UserErrors,
  path: FieldPath,
  id: string,
): MemberKey | undefined =>
  readIdOf(errors, path, id, 'Member', (raw) => memberKey(...splitKey(raw)));

export const readScimTeamKey = (
  errors: UserErrors,
  path: FieldPath,
  id: string,
): TeamKey | undefined => readIdOf(errors, path, id, 'Team', (raw) => teamKey(...splitKey(raw)));

/**
 * After a member write: this request's loaders must not serve the old member, nor an old
 * organization body. `Organization.members` lists afresh on every read, so a removed member is
 * gone from it in the same operation.
 */
export function forgetMember(context: Context, key: MemberKey): void {
  Member.getDataloader(context).clear(key);
  Organization.getDataloader(context).clear(splitKey(key)[0]);
}

export function forgetScimTeam(context: Context, key: TeamKey): void {
  const [org, id] = splitKey(key);
  forgetTeam(context, org, id);
  // Group membership changes the members' `teams`.
  Member.getDataloader(context).clearAll();
}

/** The payload field `organization`, for reading its members or teams after the write. */
export function organizationField<Shape extends { organizationSlug: string | null }>(
  t: PayloadFields<Shape>,
) {
  return t.field({
    type: Organization,
    nullable: true,
    description:
      'The organization, to read its members or teams as they are after the write (null when nothing was written).',
    resolve: (result) =>
      result.organizationSlug === null ? null : organizationStub(result.organizationSlug),
  });
}

/**
 * Seeded members: the first is the owner (on every team), the next few managers and admins, the
 * last a pending invite without a user account. Names come from a person counter that runs on
 * across organizations, so nobody is a member twice.
 */
import type { SentryUser } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { FIRST_NAMES, LAST_NAMES } from '../../data/names.ts';
import { nextId } from '../../data/store.ts';
import { DAY, HOUR, iso } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import { buildUser } from '../users/build.ts';
import { buildMember } from './build.ts';
import type { MemberRecord } from './record.ts';

/** Adds `count` members to the organization; returns the next person index. */
export function generateMembers(
  { data, rng }: Seeding,
  org: OrgData,
  {
    count: memberCount,
    domain,
    created,
    personIndex: firstPerson,
  }: { count: number; domain: string; created: number; personIndex: number },
): number {
  const now = data.now;
  let personIndex = firstPerson;
  let ownerName: string | null = null;
  for (let m = 0; m < memberCount; m++) {
    const first = FIRST_NAMES[personIndex % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[
      ((personIndex % LAST_NAMES.length) + Math.floor(personIndex / FIRST_NAMES.length)) %
        LAST_NAMES.length
    ] as string;
    personIndex++;
    const name = `${first} ${last}`;
    const email = `${first}.${last}@${domain}`.toLowerCase();
    const joined = created + (m + 1) * 3 * DAY;
    const pending = m === memberCount - 1;
    let user: SentryUser | null = null;
    if (!pending) {
      user = buildUser({
        id: nextId(data, 'user'),
        name,
        email,
        dateJoined: iso(joined),
        lastActive: iso(now - rng.int(1, 14 * 24) * HOUR),
      });
      data.users.set(user.id, user);
    }
    const role = m === 0 ? 'owner' : m === 1 ? 'manager' : m < 4 ? 'admin' : 'member';
    const teamSlugs =
      m === 0
        ? org.teams.map((team) => team.wire.slug)
        : rng.shuffle(org.teams.map((team) => team.wire.slug)).slice(0, rng.chance(0.3) ? 2 : 1);
    const member: MemberRecord = {
      org: org.slug,
      wire: buildMember({
        id: nextId(data, 'member'),
        email,
        name: pending ? email : name,
        user,
        role,
        dateCreated: iso(joined),
        inviterName: m === 0 ? null : ownerName,
      }),
      userId: user?.id ?? null,
      teamSlugs,
    };
    if (m === 0) ownerName = name;
    org.members.push(member);
    org.membersById.set(member.wire.id, member);
  }
  return personIndex;
}

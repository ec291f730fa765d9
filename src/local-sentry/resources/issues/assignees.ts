/** Assignees: the actor bodies issues embed, and how an `assignedTo` input finds one. */
import type { SentryActor, SentryUser } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { findMemberByUser } from '../members/store.ts';
import type { TeamRecord } from '../teams/record.ts';
import type { IssueRecord } from './record.ts';

/** The actor bodies of assignees, as issues embed them. */
export const userActor = (user: SentryUser): SentryActor => ({
  type: 'user',
  id: user.id,
  name: user.name,
  email: user.email,
});

export const teamActor = (team: TeamRecord): SentryActor => ({
  type: 'team',
  id: team.wire.id,
  name: team.wire.slug,
});

/** Resolves `user:<id>`, `team:<id>`, `#team-slug`, an email or a username to an actor. */
export function resolveActor(
  data: LocalData,
  org: OrgData,
  input: string,
): SentryActor | undefined {
  const text = input.trim();
  if (text.startsWith('team:') || text.startsWith('#')) {
    const key = text.startsWith('#') ? text.slice(1) : text.slice(5);
    const team = text.startsWith('#') ? org.teamsBySlug.get(key) : org.teamsById.get(key);
    return team ? teamActor(team) : undefined;
  }
  const key = text.startsWith('user:') ? text.slice(5) : text;
  const member = text.startsWith('user:')
    ? org.members.find((m) => m.userId === key)
    : findMemberByUser(org, key);
  const user = member?.userId ? data.users.get(member.userId) : undefined;
  return user ? userActor(user) : undefined;
}

export function setAssignee(issue: IssueRecord, actor: SentryActor | null): void {
  issue.wire.assignedTo = actor;
  issue.wire.derivedData = { ...issue.wire.derivedData, isAssigned: actor !== null };
  if (actor?.type === 'user') {
    issue.wire.isSubscribed = true;
    issue.wire.subscriptionDetails = { reason: 'assigned' };
  }
}

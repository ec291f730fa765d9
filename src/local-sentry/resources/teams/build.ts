/** The stored team body and the team reference projects embed. */
import type { SentryTeam, SentryTeamRef } from '../../../sentry/types.ts';
import { letterAvatar } from '../../data/wire.ts';

const TEAM_ACCESS = [
  'event:admin',
  'event:read',
  'event:write',
  'project:read',
  'project:releases',
  'project:write',
  'team:read',
  'team:write',
];

export function buildTeam(input: {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}): SentryTeam {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    dateCreated: input.dateCreated,
    isMember: true,
    teamRole: 'admin',
    flags: { 'idp:provisioned': false },
    access: [...TEAM_ACCESS],
    hasAccess: true,
    isPending: false,
    memberCount: 0,
    avatar: letterAvatar(),
  };
}

export const teamRef = (team: SentryTeam): SentryTeamRef => ({
  id: team.id,
  name: team.name,
  slug: team.slug,
});

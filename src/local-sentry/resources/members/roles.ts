/** The organization and team roles Sentry lists in organization and member bodies. */
import type { SentryRole } from '../../../sentry/types.ts';

const ORG_ROLES: SentryRole[] = [
  {
    id: 'member',
    name: 'Member',
    desc: 'Members can view and act on events.',
    scopes: [
      'event:read',
      'event:write',
      'member:read',
      'org:read',
      'project:read',
      'project:releases',
      'team:read',
    ],
    minimumTeamRole: 'contributor',
  },
  {
    id: 'admin',
    name: 'Admin',
    desc: 'Admins can manage projects and teams.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:read',
      'org:read',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
  {
    id: 'manager',
    name: 'Manager',
    desc: 'Managers can manage members and teams.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:admin',
      'member:read',
      'member:write',
      'org:read',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
  {
    id: 'owner',
    name: 'Owner',
    desc: 'Owners have unrestricted access.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'member:admin',
      'member:read',
      'member:write',
      'org:admin',
      'org:read',
      'org:write',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    minimumTeamRole: 'admin',
  },
];

const TEAM_ROLES: SentryRole[] = [
  {
    id: 'contributor',
    name: 'Contributor',
    desc: 'Contributors can view and act on events.',
    scopes: ['event:read', 'event:write', 'project:read', 'project:releases', 'team:read'],
    isMinimumRoleFor: null,
  },
  {
    id: 'admin',
    name: 'Team Admin',
    desc: 'Team admins manage the team and its projects.',
    scopes: [
      'event:admin',
      'event:read',
      'event:write',
      'project:admin',
      'project:read',
      'project:releases',
      'project:write',
      'team:admin',
      'team:read',
      'team:write',
    ],
    isMinimumRoleFor: 'admin',
  },
];

export const orgRoleList = (): SentryRole[] =>
  ORG_ROLES.map((role) => ({
    ...role,
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
    is_global: role.id === 'owner',
    isGlobal: role.id === 'owner',
  }));

export const teamRoleList = (): SentryRole[] =>
  TEAM_ROLES.map((role) => ({
    ...role,
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
  }));

/**
 * The token scopes each kind of route accepts, as Sentry's permission classes list them (any one
 * of a list suffices).
 */
export const ORG_READ = ['org:read', 'org:write', 'org:admin'] as const;
export const ORG_WRITE = ['org:write', 'org:admin'] as const;
export const PROJECT_READ = ['project:read', 'project:write', 'project:admin'] as const;
export const PROJECT_WRITE = ['project:write', 'project:admin'] as const;
export const PROJECT_ADMIN = ['project:admin'] as const;
export const TEAM_READ = ['team:read', 'team:write', 'team:admin'] as const;
export const TEAM_WRITE = ['team:write', 'team:admin'] as const;
export const TEAM_ADMIN = ['team:admin'] as const;
export const MEMBER_READ = ['member:read', 'member:write', 'member:admin'] as const;
export const EVENT_READ = ['event:read', 'event:write', 'event:admin'] as const;
export const EVENT_WRITE = ['event:write', 'event:admin'] as const;
export const EVENT_ADMIN = ['event:admin'] as const;
export const RELEASE_READ = [
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'org:ci',
] as const;
export const RELEASE_WRITE = [
  'project:write',
  'project:admin',
  'project:releases',
  'org:ci',
] as const;
export const RELEASE_ADMIN = ['project:admin', 'project:releases'] as const;

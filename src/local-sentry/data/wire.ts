/** Pieces of wire bodies that several resources embed. */

/** The `access` list of organization and project bodies: the seeded viewer holds every scope. */
export const ACCESS_SCOPES = [
  'alerts:read',
  'alerts:write',
  'event:admin',
  'event:read',
  'event:write',
  'member:admin',
  'member:invite',
  'member:read',
  'member:write',
  'org:admin',
  'org:integrations',
  'org:read',
  'org:write',
  'project:admin',
  'project:read',
  'project:releases',
  'project:write',
  'team:admin',
  'team:read',
  'team:write',
] as const;

export const letterAvatar = () => ({ avatarType: 'letter_avatar', avatarUuid: null });

/** A slug from a name, for teams and projects created with a name only. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

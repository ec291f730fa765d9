/** The stored member body, for seeded members and pending invites alike. */
import type { SentryMember, SentryUser } from '../../../sentry/types.ts';

const ROLE_NAMES: Record<string, string> = {
  owner: 'Owner',
  manager: 'Manager',
  admin: 'Admin',
  member: 'Member',
};

export function buildMember(input: {
  id: string;
  email: string;
  name: string;
  user: SentryUser | null;
  role: string;
  dateCreated: string;
  inviterName?: string | null;
}): SentryMember {
  const pending = input.user === null;
  return {
    id: input.id,
    email: input.email,
    name: input.name,
    user: input.user,
    orgRole: input.role,
    role: input.role,
    roleName: ROLE_NAMES[input.role] ?? input.role,
    pending,
    expired: false,
    flags: {
      'idp:provisioned': false,
      'idp:role-restricted': false,
      'sso:linked': false,
      'sso:invalid': false,
      'member-limit:restricted': false,
      'partnership:restricted': false,
    },
    dateCreated: input.dateCreated,
    inviteStatus: pending ? 'pending' : 'approved',
    inviterName: input.inviterName ?? null,
  };
}

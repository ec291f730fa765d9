/** The stored body of a Sentry user account (members' users, release and commit authors). */
import type { SentryUser } from '../../../sentry/types.ts';
import { letterAvatar } from '../../data/wire.ts';

export function buildUser(input: {
  id: string;
  name: string;
  email: string;
  dateJoined: string;
  lastActive: string | null;
}): SentryUser {
  return {
    id: input.id,
    name: input.name,
    username: input.email,
    email: input.email,
    avatarUrl: `https://gravatar.com/avatar/${input.id}?s=32&d=mm`,
    isActive: true,
    isSuspended: false,
    hasPasswordAuth: true,
    isManaged: false,
    dateJoined: input.dateJoined,
    lastLogin: input.lastActive,
    has2fa: false,
    lastActive: input.lastActive,
    isSuperuser: false,
    isStaff: false,
    experiments: {},
    emails: [{ id: input.id, email: input.email, is_verified: true }],
    avatar: letterAvatar(),
  };
}

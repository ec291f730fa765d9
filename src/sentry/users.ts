/**
 * User wire types shared by members, releases and commits: Sentry's user serializer, avatars, and
 * authors Sentry could not map to a user. No endpoint of its own.
 */
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';

export interface SentryAvatar {
  avatarType?: string;
  avatarUuid?: string | null;
  avatarUrl?: string | null;
}

export interface SentryUserEmail {
  id: string;
  email: string;
  is_verified: boolean;
}

export interface SentryUserIdentity {
  id: string;
  name: string;
  organization: { slug: string; name: string };
  provider: { id: string; name: string };
  dateVerified: SentryDateTime;
  dateSynced: SentryDateTime;
}

/** Sentry's full user serializer (member `user`, release authors, commit authors). */
export interface SentryUser {
  id: string;
  name: string;
  username: string;
  email: string;
  avatarUrl: string;
  isActive: boolean;
  isSuspended: boolean;
  hasPasswordAuth: boolean;
  isManaged: boolean;
  dateJoined: SentryDateTime;
  lastLogin: SentryDateTime | null;
  has2fa: boolean;
  lastActive: SentryDateTime | null;
  isSuperuser: boolean;
  isStaff: boolean;
  experiments: SentryJsonObject;
  emails: SentryUserEmail[];
  identities?: SentryUserIdentity[];
  avatar?: SentryAvatar;
  authenticators?: SentryJson[];
  canReset2fa?: boolean;
}

/** A commit or release author Sentry could not map to a user. */
export interface SentryUnmappedAuthor {
  name: string | null;
  email: string;
}

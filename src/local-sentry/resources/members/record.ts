/** What the store keeps of an organization member (or pending invite). */
import type { SentryMember } from '../../../sentry/types.ts';

export interface MemberRecord {
  org: string;
  wire: SentryMember;
  /** Null for a pending invite. */
  userId: string | null;
  teamSlugs: string[];
}

/** What the store keeps of a team. */
import type { SentryTeam } from '../../../sentry/types.ts';

export interface TeamRecord {
  org: string;
  /** Without `projects`; `wire.ts` adds them for `detailed` lists. */
  wire: SentryTeam;
}

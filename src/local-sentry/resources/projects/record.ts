/** What the store keeps of a project: its list-row body and everything that hangs off it. */
import type { SentryProject } from '../../../sentry/types.ts';
import type { EventRecord } from '../events/record.ts';
import type { ServiceHookRecord } from '../hooks/record.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { ProjectKeyRecord } from '../keys/record.ts';
import type { UserFeedbackRecord } from '../user-feedback/record.ts';

export interface ProjectRecord {
  org: string;
  /** List-row body; `team`/`teams` are kept in step with `teamSlugs` by the store. */
  wire: SentryProject;
  teamSlugs: string[];
  /** Newest first. */
  issues: IssueRecord[];
  /** Newest first. */
  events: EventRecord[];
  keys: ProjectKeyRecord[];
  hooks: ServiceHookRecord[];
  feedback: UserFeedbackRecord[];
  /** Next short-id counter value (Sentry's per-project `counter`). */
  nextShortId: number;
}

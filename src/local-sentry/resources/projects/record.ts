/** What the store keeps of a project: its list-row body and everything that hangs off it. */
import type { SentryProject, SentryProjectDetailBase } from '../../../sentry/types.ts';
import type { EventRecord } from '../events/record.ts';
import type { ServiceHookRecord } from '../hooks/record.ts';
import type { IssueRecord } from '../issues/record.ts';
import type { ProjectKeyRecord } from '../keys/record.ts';
import type { UserFeedbackRecord } from '../user-feedback/record.ts';

/**
 * The list-row body with the base serializer's detail-only fields beside it (lists leave those
 * out: `projectRow`).
 */
export type StoredProject = SentryProject & SentryProjectDetailBase;

export interface ProjectRecord {
  org: string;
  /** List-row body and more; `team`/`teams` are kept in step with `teamSlugs` by the store. */
  wire: StoredProject;
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

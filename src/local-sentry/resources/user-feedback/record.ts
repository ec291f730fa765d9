/** What the store keeps of a user feedback report. */
import type { SentryUserFeedback } from '../../../sentry/types.ts';

export interface UserFeedbackRecord {
  org: string;
  projectId: string;
  issueId: string | null;
  /** `issue` is filled by `wire.ts` from the live issue. */
  wire: SentryUserFeedback;
}

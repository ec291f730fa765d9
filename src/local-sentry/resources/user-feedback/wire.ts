/** The user feedback body. */
import type { SentryUserFeedback } from '../../../sentry/types.ts';
import type { LocalData } from '../../data/model.ts';
import type { UserFeedbackRecord } from './record.ts';

/** A feedback body with its issue embedded from the live store. */
export function userFeedbackBody(
  data: LocalData,
  feedback: UserFeedbackRecord,
): SentryUserFeedback {
  const issue = feedback.issueId ? data.issuesById.get(feedback.issueId) : undefined;
  return { ...feedback.wire, issue: issue ? issue.wire : null };
}

/** User feedback created through the API, and the end user a feedback body names. */
import type { SentryUserFeedback } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import type { EventUser } from '../event-users/record.ts';
import { normalizeEventId } from '../events/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { UserFeedbackRecord } from './record.ts';

/** The `user` of a feedback body: the end user of its event. */
export const feedbackUser = (user: EventUser): SentryUserFeedback['user'] => ({
  id: user.id,
  email: user.email,
  username: user.username,
  name: user.name,
  ipAddress: user.ipAddress,
  avatarUrl: null,
});

export function addUserFeedback(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { event_id: string; name: string; email: string; comments: string },
): UserFeedbackRecord {
  storeChanged();
  const eventId = normalizeEventId(input.event_id);
  const event = data.eventsById.get(eventId);
  const inProject = event?.projectId === project.wire.id ? event : undefined;
  const eventUser = inProject ? org.eventUsers[inProject.user] : undefined;
  const feedback: UserFeedbackRecord = {
    org: org.slug,
    projectId: project.wire.id,
    issueId: inProject?.issueId ?? null,
    wire: {
      id: nextId(data, 'feedback'),
      eventID: eventId,
      name: input.name,
      email: input.email,
      comments: input.comments,
      dateCreated: nowIso(data),
      event: { id: inProject ? eventId : null, eventID: eventId },
      issue: null,
      user: eventUser ? feedbackUser(eventUser) : null,
    },
  };
  project.feedback.unshift(feedback);
  project.wire.hasUserReports = true;
  project.wire.hasFeedbacks = true;
  return feedback;
}

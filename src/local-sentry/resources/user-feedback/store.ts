/** User feedback created through the API. */
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { UserFeedbackRecord } from './record.ts';

export function addUserFeedback(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { event_id: string; name: string; email: string; comments: string },
): UserFeedbackRecord {
  storeChanged();
  const eventId = input.event_id.replaceAll('-', '').toLowerCase();
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
      user: eventUser
        ? {
            id: eventUser.id,
            email: eventUser.email,
            username: eventUser.username,
            name: eventUser.name,
            ipAddress: eventUser.ipAddress,
            avatarUrl: null,
          }
        : null,
    },
  };
  project.feedback.unshift(feedback);
  project.wire.hasUserReports = true;
  project.wire.hasFeedbacks = true;
  return feedback;
}

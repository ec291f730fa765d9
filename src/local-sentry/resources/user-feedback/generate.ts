/** Seeded user feedback: one issue in twenty gets a report from the user of its newest event. */
import type { OrgData } from '../../data/model.ts';
import { nextId } from '../../data/store.ts';
import { iso } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import type { EventUser } from '../event-users/record.ts';
import type { EventRecord } from '../events/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { feedbackUser } from './store.ts';

const FEEDBACK_COMMENTS = [
  'The page went blank after I clicked Pay.',
  'I got an error when saving my profile.',
  'Checkout keeps failing with my card.',
  'The order list does not load on my phone.',
  'It logged me out in the middle of an order.',
  'Nothing happens when I press submit.',
];

/** Maybe adds a feedback report on the issue `issueId`, about its newest event. */
export function generateFeedback(
  { data, rng }: Seeding,
  org: OrgData,
  project: ProjectRecord,
  { issueId, newest }: { issueId: string; newest: EventRecord },
): void {
  if (!rng.chance(0.05)) return;
  const now = data.now;
  const user = org.eventUsers[newest.user] as EventUser;
  project.feedback.push({
    org: org.slug,
    projectId: project.wire.id,
    issueId,
    wire: {
      id: nextId(data, 'feedback'),
      eventID: newest.id,
      name: user.name,
      email: user.email,
      comments: rng.pick(FEEDBACK_COMMENTS),
      dateCreated: iso(Math.min(now - 1000, newest.timestamp + rng.int(1, 30) * 60_000)),
      event: { id: newest.id, eventID: newest.id },
      issue: null,
      user: feedbackUser(user),
    },
  });
  project.wire.hasUserReports = true;
  project.wire.hasFeedbacks = true;
}

import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryUserFeedback } from '../../sentry/types.ts';
import { builder } from '../builder.ts';
import { Issue } from '../issue.ts';

export type UserFeedbackShape = OrgScoped<SentryUserFeedback>;

export const UserFeedback = builder.objectRef<UserFeedbackShape>('UserFeedback').implement({
  description: 'What a user of the application wrote about an error they saw.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's id." }),
    eventId: t.exposeString('eventID', { description: 'The event the feedback is about.' }),
    name: t.exposeString('name', { description: 'The name the user gave.' }),
    email: t.exposeString('email', { description: 'The email the user gave.' }),
    comments: t.exposeString('comments', { description: 'What the user wrote.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the feedback was sent.',
      resolve: (feedback) => feedback.dateCreated,
    }),
    issue: t.field({
      type: Issue,
      nullable: true,
      description: 'The issue of the event, when Sentry has grouped it.',
      resolve: (feedback) =>
        feedback.issue ? { ...feedback.issue, organizationSlug: feedback.organizationSlug } : null,
    }),
  }),
});

/** User feedback on events, and the `Project.userFeedback` list. */

import type { Context } from '../context.ts';
import { eventKey, projectKey } from '../loaders/keys.ts';
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryEventUser, SentryUserFeedback } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from './connections.ts';
import { Event } from './event.ts';
import { EventUser } from './event-user.ts';
import { Issue, primeIssues } from './issue.ts';
import { type PrefetchParents, prefetchable } from './prefetch.ts';
import { Project } from './project.ts';

/** Sentry's feedback body names no project; the list or mutation that got it does. */
export type UserFeedbackShape = OrgScoped<SentryUserFeedback> & { projectId: string };

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
      description:
        'The issue of the event, when Sentry has grouped it. Embedded in the feedback: no call.',
      resolve: (feedback) =>
        feedback.issue ? { ...feedback.issue, organizationSlug: feedback.organizationSlug } : null,
    }),
    event: t.field({
      type: Event,
      nullable: true,
      description:
        'The event the feedback is about: one call per event (Sentry has no bulk read of events). Null with NOT_FOUND when Sentry no longer has it.',
      resolve: (feedback) =>
        eventKey(feedback.organizationSlug, feedback.projectId, feedback.eventID),
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project of the event (one batched call for fields beyond the id).',
      resolve: (feedback) => projectKey(feedback.organizationSlug, feedback.projectId),
    }),
    user: t.field({
      type: EventUser,
      nullable: true,
      description: "The application's user Sentry matched the feedback to, if any.",
      resolve: (feedback): SentryEventUser | null =>
        feedback.user
          ? {
              id: feedback.user.id,
              email: feedback.user.email,
              username: feedback.user.username,
              name: feedback.user.name,
              ip_address: feedback.user.ipAddress,
            }
          : null,
    }),
  }),
});

export const UserFeedbackConnection = builder.connectionObject(
  {
    type: UserFeedback,
    name: 'UserFeedbackConnection',
    description: 'A page of user feedback.',
  },
  { name: 'UserFeedbackEdge', description: 'A UserFeedback and the cursor after it.' },
);

/** The call behind a project's `userFeedback`: it needs only the project's slug. */
function readUserFeedback(
  context: Context,
  project: PrefetchParents['Project'],
  args: ConnectionArgs,
) {
  return context.sentry.userFeedback.list(
    project.organizationSlug,
    project.slug,
    pageRequest(args).params,
  );
}

prefetchable('Project', 'userFeedback', (context, project, { args }) =>
  readUserFeedback(context, project, args),
);

builder.objectFields(Project, (t) => ({
  userFeedback: t.connection(
    {
      type: UserFeedback,
      nullable: true,
      description:
        'Feedback users sent about events of the project, newest first. One call: `GET /projects/{org}/{project}/user-feedback/`; the issues come embedded.',
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await readUserFeedback(context, project, args);
        const items = page.items.map((feedback) => ({ ...feedback, projectId: project.id }));
        primeIssues(
          context,
          items.flatMap((feedback) =>
            feedback.issue
              ? [{ ...feedback.issue, organizationSlug: feedback.organizationSlug }]
              : [],
          ),
        );
        return pageToConnection({ ...page, items }, request);
      },
    },
    UserFeedbackConnection,
  ),
}));

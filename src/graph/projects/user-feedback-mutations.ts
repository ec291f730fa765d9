/** `submitUserFeedback`: what a user of the application wrote about an event. */
import { builder } from '../schema-kit/builder.ts';
import { checkEmail, checkEventIdValue, checkText } from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, storedPayload } from '../schema-kit/mutations/payloads.ts';
import { attempt, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { readProjectId } from './project-writes.ts';
import { UserFeedback } from './user-feedback.ts';

builder.relayMutationField(
  'submitUserFeedback',
  {
    description: 'Feedback from a user of the application about an event.',
    inputFields: (t) => ({
      projectId: t.id({ description: 'The `Project` of the event.' }),
      eventId: t.string({ description: 'The event the user saw: 32 hexadecimal digits.' }),
      name: t.string({ description: 'The user’s name (at most 128 characters).' }),
      email: t.string({ description: 'The user’s email.' }),
      comments: t.string({ description: 'What the user wrote.' }),
    }),
  },
  {
    description:
      'Records user feedback for an event. One REST call: `POST /projects/{org}/{project}/user-feedback/`.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context) => {
      const errors = new UserErrors();
      const target = readProjectId(errors, ['input', 'projectId'], input.projectId);
      const body = {
        event_id: checkEventIdValue(errors, ['input', 'eventId'], input.eventId),
        name: checkText(errors, ['input', 'name'], input.name, { max: 128, required: true }),
        email: checkEmail(errors, ['input', 'email'], input.email),
        comments: checkText(errors, ['input', 'comments'], input.comments, {
          max: 10_000,
          required: true,
        }),
      };
      if (errors.any || !target) return { userFeedback: null, userErrors: errors.list };
      const [org, projectId] = target;
      const feedback = await attempt(
        errors,
        {
          target: ['input', 'projectId'],
          what: 'project',
          fields: {
            event_id: ['input', 'eventId'],
            name: ['input', 'name'],
            email: ['input', 'email'],
            comments: ['input', 'comments'],
          },
        },
        () => context.sentry.userFeedback.submit(org, projectId, body),
      );
      return {
        userFeedback: feedback ? { ...feedback, projectId } : null,
        userErrors: errors.list,
      };
    },
  },
  storedPayload('submitUserFeedback', 'userFeedback', UserFeedback, 'feedback'),
);

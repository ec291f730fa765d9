/**
 * User feedback of a project: records, their generation, store, wire body and routes. This folder
 * owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, stringField } from '../../http/params.ts';
import { badRequest, ok } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { addUserFeedback } from './store.ts';
import { userFeedbackBody } from './wire.ts';

export const userFeedbackRoutes = (): RouteDef[] => [
  route('GET /api/0/projects/{org}/{project}/user-feedback/', ['project:read'], (context) =>
    paginateMapped(projectOf(context).feedback, context.page, (feedback) =>
      userFeedbackBody(context.data, feedback),
    ),
  ),

  route('POST /api/0/projects/{org}/{project}/user-feedback/', ['project:write'], (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const body = bodyObject(context);
    const eventId = stringField(body, 'event_id', { required: true }) as string;
    if (!/^[0-9a-f]{32}$/i.test(eventId.replaceAll('-', ''))) {
      throw badRequest({ event_id: ['Enter a valid event id.'] });
    }
    const name = stringField(body, 'name', { required: true, maxLength: 128 }) as string;
    const email = stringField(body, 'email', { required: true, maxLength: 75 }) as string;
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw badRequest({ email: ['Enter a valid email address.'] });
    const comments = stringField(body, 'comments', { required: true }) as string;
    const feedback = addUserFeedback(context.data, org, project, {
      event_id: eventId,
      name,
      email,
      comments,
    });
    return ok(userFeedbackBody(context.data, feedback));
  }),
];

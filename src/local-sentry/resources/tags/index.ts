/**
 * Tags: an issue's tags and their values, a project's tag values, aggregated from events. This
 * folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { found, notFound, ok } from '../../http/reply.ts';
import { EVENT_READ } from '../../http/scopes.ts';
import { issueOf } from '../issues/request.ts';
import { projectOf } from '../projects/request.ts';
import { issueTag, issueTags, issueTagValues, projectTagValues } from './aggregate.ts';

export const tagRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/issues/{issue_id}/tags/', EVENT_READ, (context) =>
    ok(issueTags(context.data, issueOf(context))),
  ),

  route('GET /api/0/organizations/{org}/issues/{issue_id}/tags/{key}/', EVENT_READ, (context) =>
    ok(found(issueTag(context.data, issueOf(context), context.params['key'] ?? ''))),
  ),

  route(
    'GET /api/0/organizations/{org}/issues/{issue_id}/tags/{key}/values/',
    EVENT_READ,
    (context) => {
      const issue = issueOf(context);
      const key = context.params['key'] ?? '';
      const values = issueTagValues(context.data, issue, key);
      if (values.length === 0 && !issueTag(context.data, issue, key)) throw notFound();
      return paginate(values, context.page);
    },
  ),

  route('GET /api/0/projects/{org}/{project}/tags/{key}/values/', ['project:read'], (context) =>
    paginate(
      projectTagValues(context.data, projectOf(context), context.params['key'] ?? ''),
      context.page,
    ),
  ),
];

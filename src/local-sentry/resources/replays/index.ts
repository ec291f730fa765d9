/**
 * Session replays. The seeded world records none, so counts are empty; the route still checks
 * its query as Sentry does (`issue.id:[…]`, `transaction:[…]` or `replay_id:[…]`), because the
 * issue stream of Sentry's UI and MCP server asks for replay counts of the issues it shows.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { badRequest, ok } from '../../http/reply.ts';
import { ORG_READ } from '../../http/scopes.ts';

const COUNT_KEYS = /(?:^|\s)(issue\.id|transaction|replay_id):/;

export const replayRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/replay-count/', ORG_READ, (context) => {
    const query = context.query.get('query') ?? '';
    if (!COUNT_KEYS.test(query)) {
      throw badRequest({ detail: 'Must provide at least one issue.id, transaction, or replay_id' });
    }
    const source = context.query.get('data_source') ?? 'discover';
    if (source !== 'discover' && source !== 'search_issues') {
      throw badRequest({ data_source: [`"${source}" is not a valid choice.`] });
    }
    return ok({});
  }),
];

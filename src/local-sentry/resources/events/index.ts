/**
 * `GET /api/0/organizations/{org}/events/`: the Discover table over error events, `{data, meta}`
 * with Sentry's pagination (`field=` up to 20, `query=id:[...]`, `issue.id:`, `project`,
 * `environment`, `statsPeriod`/`start`/`end` (default 14d), `sort`, `per_page`, `cursor`).
 */

import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { ORG_READ, orgOf, selectedProjects, timeRange } from '../../http/params.ts';
import { badRequest, type Reply } from '../../http/reply.ts';
import { discoverTable } from './discover.ts';
import { filterEvents } from './search.ts';

/** Datasets whose rows are error events here; the others exist in Sentry but hold no data. */
const ERROR_DATASETS = new Set(['errors', 'discover', 'issuePlatform']);
const EMPTY_DATASETS = new Set([
  'transactions',
  'spans',
  'logs',
  'profile_functions',
  'tracemetrics',
  'uptime_results',
  'metricsEnhanced',
]);

function discover(context: RequestContext): Reply {
  const { query, data } = context;
  const org = orgOf(context);
  const dataset = query.get('dataset') || 'discover';
  if (!ERROR_DATASETS.has(dataset) && !EMPTY_DATASETS.has(dataset)) {
    throw badRequest(
      `dataset must be one of: ${[...ERROR_DATASETS, ...EMPTY_DATASETS].join(', ')}`,
    );
  }
  const projects = selectedProjects(context, org);
  const range = timeRange(context, '14d');
  const events = ERROR_DATASETS.has(dataset)
    ? filterEvents(data, org, org.events, {
        query: query.get('query') ?? '',
        projectIds: projects.map((project) => project.wire.id),
        environments: query.getAll('environment'),
        start: range.start,
        end: range.end,
      })
    : [];
  const table = discoverTable(data, org, events, query.getAll('field'), query.get('sort'));
  const page = paginate(table.data, context.page);
  return { ...page, body: { data: page.body, meta: { ...table.meta, dataset } } };
}

export const eventRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/events/', ORG_READ, discover),
];

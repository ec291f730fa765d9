/**
 * Discover (Explore) tables: `sentry.discover.query(org, { field, … })` over
 * `GET /organizations/{org}/events/`, and its wire type.
 */
import { apiPath } from './http/api-path.ts';
import { localBadRequest } from './http/errors.ts';
import { type Page, pageInfo } from './http/pagination.ts';
import {
  asObject,
  type OrgScoped,
  type ProjectFilter,
  Resource,
  stamp,
  unexpectedShape,
} from './http/requester.ts';
import type { SentryJson } from './http/wire.ts';

export interface DiscoverParams {
  field: readonly string[];
  query?: string;
  dataset?: string;
  project?: ProjectFilter;
  environment?: readonly string[];
  statsPeriod?: string;
  start?: string;
  end?: string;
  perPage?: number;
  cursor?: string;
  sort?: string | readonly string[];
}

export type DiscoverPage = Page<OrgScoped<Record<string, SentryJson>>> & {
  meta: SentryDiscoverResponse['meta'];
};

export class Discover extends Resource {
  /** Table rows (`{data, meta}`) of the given fields. */
  async query(org: string, p: DiscoverParams): Promise<DiscoverPage> {
    if (p.field.length === 0) throw localBadRequest('Discover needs at least one field');
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/organizations/${org}/events/`,
      {
        field: p.field,
        query: p.query,
        dataset: p.dataset,
        project: p.project,
        environment: p.environment,
        statsPeriod: p.statsPeriod,
        start: p.start,
        end: p.end,
        per_page: p.perPage,
        cursor: p.cursor,
        sort: typeof p.sort === 'string' ? [p.sort] : p.sort,
      },
    );
    const body = asObject<SentryDiscoverResponse>(response, 'discover');
    if (!Array.isArray(body.data)) throw unexpectedShape('discover');
    return {
      ...pageInfo(response.headers),
      items: stamp(body.data, org),
      meta: body.meta ?? {},
    };
  }
}

/** `GET /organizations/{org}/events/` (Discover / Explore tables). */
export interface SentryDiscoverResponse {
  data: Record<string, SentryJson>[];
  meta: {
    fields?: Record<string, string>;
    units?: Record<string, string | null>;
    tips?: Record<string, string>;
    dataset?: string;
    datasetReason?: string;
    isMetricsData?: boolean;
    isMetricsExtractedData?: boolean;
  };
}

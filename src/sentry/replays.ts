/**
 * Session replays: `sentry.replays.list(org, …)`, one replay, its deletion, its recording
 * segments (rrweb events) and clicks, the replay tag keys and values, and the replay counts of
 * issues — with their wire types (snake case, as Sentry's replay serializer sends them).
 */
import { apiPath } from './http/api-path.ts';
import { type Page, type PageParams, pageInfo } from './http/pagination.ts';
import {
  asArray,
  asObject,
  type OrgScoped,
  type ProjectFilter,
  Resource,
  stamp,
  unexpectedShape,
} from './http/requester.ts';
import type { SentryDateTime, SentryJson, SentryJsonObject } from './http/wire.ts';

/** Filters of `GET /organizations/{org}/replays/`. */
export interface ReplayListParams extends PageParams {
  /** Search, e.g. `count_errors:>2 duration:<1h`, `id:[a,b]`, `error_id:…`, `click.tag:button`. */
  query?: string | undefined;
  /** e.g. `-started_at`, `duration`, `-count_errors`. */
  sort?: string | undefined;
  environment?: readonly string[] | undefined;
  project?: ProjectFilter | undefined;
  /** Projects by slug (`project` takes numeric ids). */
  projectSlug?: readonly string[] | undefined;
  statsPeriod?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  /** Only these fields of each replay (all when absent). */
  field?: readonly string[] | undefined;
}

/** Filters of the replay count (`GET /organizations/{org}/replay-count/`). */
export interface ReplayCountParams {
  /** `issue.id:[1,2]`, `replay_id:[…]` or `transaction:[…]`. */
  query: string;
  project?: ProjectFilter | undefined;
  environment?: readonly string[] | undefined;
  statsPeriod?: string | undefined;
  dataSource?: 'discover' | 'search_issues' | undefined;
}

export interface ReplayClickParams extends PageParams {
  /** e.g. `click.tag:button`, `click.selector:"button#save"`. */
  query?: string | undefined;
  environment?: readonly string[] | undefined;
}

export class Replays extends Resource {
  /** One page of the organization's replays (`{data: [...]}`, Link-paginated). */
  async list(org: string, p: ReplayListParams = {}): Promise<Page<OrgScoped<SentryReplay>>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/organizations/${org}/replays/`,
      {
        per_page: p.perPage,
        cursor: p.cursor,
        query: p.query,
        sort: p.sort,
        environment: p.environment,
        project: p.project,
        projectSlug: p.projectSlug,
        statsPeriod: p.statsPeriod,
        start: p.start,
        end: p.end,
        field: p.field,
      },
    );
    return { ...pageInfo(response.headers), items: stamp(dataList<SentryReplay>(response), org) };
  }

  /** One replay by its 32-hex id, in any project of the organization. */
  async get(org: string, replayId: string, statsPeriod = '90d'): Promise<OrgScoped<SentryReplay>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/organizations/${org}/replays/${replayId}/`,
      { statsPeriod },
    );
    return { ...dataObject<SentryReplay>(response), organizationSlug: org };
  }

  readonly delete = this.http.deleter<[project: string, replayId: string]>(
    (org, project, replayId) => apiPath`/api/0/projects/${org}/${project}/replays/${replayId}/`,
  );

  /**
   * One page of recording segments, each the rrweb events of one segment: Sentry streams them
   * (the spec's list answer); the seed's metadata rows are what a single segment answers.
   */
  async segments(
    org: string,
    project: string,
    replayId: string,
    p: PageParams = {},
  ): Promise<Page<SentryJsonObject[]>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/replays/${replayId}/recording-segments/`,
      { per_page: p.perPage, cursor: p.cursor, download: 'true' },
    );
    const items = asArray<SentryJsonObject[]>(response, 'recording segments');
    if (!items.every(Array.isArray)) throw unexpectedShape('recording segments');
    return { ...pageInfo(response.headers), items };
  }

  /** A segment's metadata (`download` left off). */
  async segment(
    org: string,
    project: string,
    replayId: string,
    segmentId: number,
  ): Promise<SentryReplaySegment> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/replays/${replayId}/recording-segments/${segmentId}/`,
    );
    return dataObject<SentryReplaySegment>(response);
  }

  /** A page of clicks (rrweb node id, time) matching `query`. */
  async clicks(
    org: string,
    project: string,
    replayId: string,
    p: ReplayClickParams = {},
  ): Promise<Page<SentryReplayClick>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/replays/${replayId}/clicks/`,
      { per_page: p.perPage, cursor: p.cursor, query: p.query, environment: p.environment },
    );
    return { ...pageInfo(response.headers), items: dataList<SentryReplayClick>(response) };
  }

  /** The tag keys of the project's replays. */
  async tagKeys(org: string, project: string): Promise<SentryReplayTagKey[]> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/replays/tags/`,
    );
    return asArray<SentryReplayTagKey>(response, 'replay tags');
  }

  /** One page of the values of a replay tag key, most frequent first. */
  async tagValues(
    org: string,
    project: string,
    key: string,
    p: PageParams = {},
  ): Promise<Page<SentryReplayTagValue>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/projects/${org}/${project}/replays/tags/${key}/values/`,
      { per_page: p.perPage, cursor: p.cursor },
    );
    return { ...pageInfo(response.headers), items: asArray(response, 'replay tag values') };
  }

  /** Replay ids per issue (or replay, or transaction) of the query: `{"<id>": ["<replayId>"]}`. */
  async idsByKey(org: string, p: ReplayCountParams): Promise<Record<string, string[]>> {
    const response = await this.http.send(
      'GET',
      org,
      apiPath`/api/0/organizations/${org}/replay-count/`,
      {
        query: p.query,
        returnIds: 'true',
        data_source: p.dataSource ?? 'discover',
        project: p.project,
        environment: p.environment,
        statsPeriod: p.statsPeriod,
      },
    );
    const body = asObject<Record<string, unknown>>(response, 'replay count');
    const result: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!Array.isArray(value)) throw unexpectedShape('replay count');
      result[key] = value.map(String);
    }
    return result;
  }
}

function dataList<T>(response: Parameters<typeof asObject>[0]): T[] {
  const body = asObject<{ data?: unknown }>(response, 'replays');
  if (!Array.isArray(body.data)) throw unexpectedShape('replays');
  return body.data as T[];
}

function dataObject<T>(response: Parameters<typeof asObject>[0]): T {
  const body = asObject<{ data?: unknown }>(response, 'replay');
  const { data } = body;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw unexpectedShape('replay');
  }
  return data as T;
}

export interface SentryReplayUser {
  id: string | null;
  username: string | null;
  email: string | null;
  ip: string | null;
  display_name: string | null;
  geo?: {
    city: string | null;
    country_code: string | null;
    region: string | null;
    subdivision: string | null;
  };
}

export interface SentryNameVersion {
  name: string | null;
  version: string | null;
}

/** A replay: `GET /organizations/{org}/replays/` rows and the detail's `data`. */
export interface SentryReplay {
  /** 32 hex digits, no dashes. */
  id: string;
  project_id: string;
  trace_ids: string[];
  /** Ids (32 hex) of the error events the replay saw. */
  error_ids: string[];
  environment: string | null;
  tags: Record<string, string[]> | unknown[];
  user: SentryReplayUser;
  sdk: SentryNameVersion;
  os: SentryNameVersion;
  browser: SentryNameVersion;
  device: {
    name: string | null;
    brand: string | null;
    model: string | null;
    family: string | null;
  };
  ota_updates?: {
    channel: string | null;
    runtime_version: string | null;
    update_id: string | null;
  };
  is_archived: boolean | null;
  urls: string[] | null;
  /** Each click as `click.*` fields (`click.tag`, `click.id`, `click.classes`, …). */
  clicks: Record<string, SentryJson>[];
  count_dead_clicks: number | null;
  count_rage_clicks: number | null;
  count_errors: number | null;
  /** Seconds. */
  duration: number | null;
  finished_at: SentryDateTime | null;
  started_at: SentryDateTime | null;
  /** 1..10: how much happened. */
  activity: number | null;
  count_urls: number | null;
  /** `session` or `buffer`. */
  replay_type: string;
  count_segments: number | null;
  platform: string | null;
  releases: string[];
  dist: string | null;
  count_warnings: number | null;
  count_infos: number | null;
  has_viewed: boolean;
}

/** A recording segment's metadata. */
export interface SentryReplaySegment {
  replayId: string;
  segmentId: number;
  projectId: string;
  dateAdded: SentryDateTime | null;
}

/** A click of `…/replays/{id}/clicks/`. */
export interface SentryReplayClick {
  node_id: number;
  timestamp: SentryDateTime;
}

export interface SentryReplayTagKey {
  key: string;
  name: string;
  totalValues: number;
}

export interface SentryReplayTagValue {
  key: string;
  name: string;
  value: string;
  count: number;
  lastSeen: SentryDateTime;
  firstSeen: SentryDateTime;
}

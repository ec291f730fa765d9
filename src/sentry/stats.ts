/**
 * Usage stats: `sentry.stats.orgV2(org, params)` over `GET /organizations/{org}/stats_v2/`
 * (outcomes by outcome, category, reason and project), and the legacy event-count series of an
 * organization, a project and a team (`GET …/stats/`, `[[timestamp, count], …]`), with their wire
 * types.
 */
import { type ApiPath, apiPath } from './http/api-path.ts';
import { type OrgScoped, Resource, unexpectedShape } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export type SentryStatsField = 'sum(quantity)' | 'sum(times_seen)';
export type SentryStatsGroupBy = 'outcome' | 'category' | 'reason' | 'project';

/** Query of `stats_v2`; `field` and `groupBy` are required by Sentry. */
export interface OrgStatsParams {
  field: SentryStatsField;
  groupBy: readonly SentryStatsGroupBy[];
  category?: string | undefined;
  outcome?: string | undefined;
  reason?: string | undefined;
  /** `1h` … `1d`, dividing a day. */
  interval?: string | undefined;
  statsPeriod?: string | undefined;
  start?: SentryDateTime | undefined;
  end?: SentryDateTime | undefined;
  /** Project ids; `-1` is every project. */
  project?: readonly string[] | undefined;
}

/** `GET /organizations/{org}/stats_v2/`. */
export interface SentryOrgStats {
  start: SentryDateTime;
  end: SentryDateTime;
  intervals: SentryDateTime[];
  groups: SentryOrgStatsGroup[];
}

export interface SentryOrgStatsGroup {
  /** The grouped values: `outcome`, `category` and `reason` strings, `project` a numeric id. */
  by: { outcome?: string; category?: string; reason?: string; project?: number };
  totals: Partial<Record<SentryStatsField, number>>;
  series: Partial<Record<SentryStatsField, number[]>>;
}

/** What the legacy series count. */
export type SentryEventStat = 'received' | 'rejected' | 'blacklisted' | 'generated';

export interface EventStatsParams {
  stat?: SentryEventStat | undefined;
  /** Epoch seconds. */
  since?: number | undefined;
  /** Epoch seconds. */
  until?: number | undefined;
  resolution?: '10s' | '1h' | '1d' | undefined;
}

/** `[epochSeconds, count]`. */
export type SentryStatsPoint = [number, number];

export class Stats extends Resource {
  async orgV2(org: string, p: OrgStatsParams): Promise<OrgScoped<SentryOrgStats>> {
    return this.http.one(org, apiPath`/api/0/organizations/${org}/stats_v2/`, {
      field: p.field,
      groupBy: [...p.groupBy],
      category: p.category,
      outcome: p.outcome,
      reason: p.reason,
      interval: p.interval,
      statsPeriod: p.statsPeriod,
      start: p.start,
      end: p.end,
      project: p.project ? [...p.project] : undefined,
    });
  }

  /** The legacy organization series (`stat` received, rejected, blacklisted or generated). */
  organization(org: string, p: EventStatsParams = {}): Promise<SentryStatsPoint[]> {
    return this.#series(org, apiPath`/api/0/organizations/${org}/stats/`, p);
  }

  project(org: string, project: string, p: EventStatsParams = {}): Promise<SentryStatsPoint[]> {
    return this.#series(org, apiPath`/api/0/projects/${org}/${project}/stats/`, p);
  }

  /** The sum over the team's projects (`stat` received or rejected). */
  team(org: string, team: string, p: EventStatsParams = {}): Promise<SentryStatsPoint[]> {
    return this.#series(org, apiPath`/api/0/teams/${org}/${team}/stats/`, p);
  }

  async #series(org: string, path: ApiPath, p: EventStatsParams): Promise<SentryStatsPoint[]> {
    const response = await this.http.send('GET', org, path, {
      stat: p.stat,
      since: p.since === undefined ? undefined : String(p.since),
      until: p.until === undefined ? undefined : String(p.until),
      resolution: p.resolution,
    });
    const { body } = response;
    const points = Array.isArray(body) ? body : undefined;
    if (
      !points?.every(
        (point) =>
          Array.isArray(point) && typeof point[0] === 'number' && typeof point[1] === 'number',
      )
    ) {
      throw unexpectedShape(path);
    }
    return points as SentryStatsPoint[];
  }
}

/**
 * Release health: `sentry.sessions.query(org, params)` over `GET /organizations/{org}/sessions/`
 * (the parameters pass through), and its wire type.
 */
import { apiPath } from './http/api-path.ts';
import { type OrgScoped, Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export class Sessions extends Resource {
  async query(
    org: string,
    p: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<OrgScoped<SentrySessionsResponse>> {
    return this.http.one(org, apiPath`/api/0/organizations/${org}/sessions/`, { ...p });
  }
}

/** `GET /organizations/{org}/sessions/`. */
export interface SentrySessionsResponse {
  start: SentryDateTime;
  end: SentryDateTime;
  intervals: SentryDateTime[];
  groups: {
    by: { project?: number; release?: string; environment?: string; 'session.status'?: string };
    series: Record<string, (number | null)[]>;
    totals: Record<string, number | null>;
  }[];
  query: string;
}

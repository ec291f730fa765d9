/**
 * Crons: an organization's monitors and their check-ins — `sentry.monitors.list(org)`, one
 * monitor, the monitor writes, and the check-in list and writes — with their wire types.
 */
import { apiPath } from './http/api-path.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryProjectBase } from './projects.ts';

/** Filters of `GET /organizations/{org}/monitors/`. */
export interface MonitorListParams {
  perPage?: number | undefined;
  cursor?: string | undefined;
  /** Project ids or slugs. */
  project?: readonly string[] | undefined;
  environment?: readonly string[] | undefined;
}

export interface CheckInListParams {
  perPage?: number | undefined;
  cursor?: string | undefined;
  environment?: readonly string[] | undefined;
}

export class Monitors extends Resource {
  readonly list = this.http.lister<SentryMonitor, [], MonitorListParams>(
    (org) => apiPath`/api/0/organizations/${org}/monitors/`,
    (p) => ({ project: p.project, environment: p.environment }),
  );

  readonly get = this.http.getter<SentryMonitor, [monitor: string]>(
    (org, monitor) => apiPath`/api/0/organizations/${org}/monitors/${monitor}/`,
  );

  readonly create = this.http.writer<SentryMonitor, [], SentryMonitorInput>(
    'POST',
    (org) => apiPath`/api/0/organizations/${org}/monitors/`,
  );

  readonly update = this.http.writer<SentryMonitor, [monitor: string], Partial<SentryMonitorInput>>(
    'PUT',
    (org, monitor) => apiPath`/api/0/organizations/${org}/monitors/${monitor}/`,
  );

  readonly delete = this.http.deleter<[monitor: string]>(
    (org, monitor) => apiPath`/api/0/organizations/${org}/monitors/${monitor}/`,
  );

  // The spec's spelling (plural `organizations`); the seeds' singular one is served too.
  readonly checkIns = this.http.lister<SentryCheckIn, [monitor: string], CheckInListParams>(
    (org, monitor) => apiPath`/api/0/organizations/${org}/monitors/${monitor}/checkins/`,
    (p) => ({ environment: p.environment }),
  );

  // Sentry documents the check-in writes under the singular `/organization/` only.
  readonly createCheckIn = this.http.writer<SentryCheckIn, [monitor: string], SentryCheckInInput>(
    'POST',
    (org, monitor) => apiPath`/api/0/organization/${org}/monitors/${monitor}/checkins/`,
  );

  readonly updateCheckIn = this.http.writer<
    SentryCheckIn,
    [monitor: string, checkInId: string],
    SentryCheckInInput
  >(
    'PUT',
    (org, monitor, checkInId) =>
      apiPath`/api/0/organization/${org}/monitors/${monitor}/checkins/${checkInId}/`,
  );
}

export type SentryScheduleType = 'crontab' | 'interval';
export type SentryIntervalUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

/** A monitor's `config` (snake case, as Sentry sends it). */
export interface SentryMonitorConfig {
  schedule_type: SentryScheduleType;
  /** A crontab string, or `[count, unit]` for intervals, e.g. `[15, "minute"]`. */
  schedule: string | [number, SentryIntervalUnit];
  /** Minutes after the expected time before a check-in counts as missed. */
  checkin_margin: number | null;
  /** Minutes a check-in may stay `in_progress` before it times out. */
  max_runtime: number | null;
  /** IANA time zone the crontab is read in. */
  timezone: string | null;
  failure_issue_threshold: number | null;
  recovery_threshold: number | null;
  alert_rule_id: number | null;
}

/** One environment a monitor has checked in from, and its health there. */
export interface SentryMonitorEnvironment {
  name: string;
  /** `active` (no check-in yet), `ok`, `error`, `missed_checkin` or `timeout`. */
  status: string;
  isMuted: boolean;
  dateCreated: SentryDateTime;
  lastCheckIn: SentryDateTime | null;
  nextCheckIn: SentryDateTime | null;
  nextCheckInLatest: SentryDateTime | null;
  activeIncident: SentryJsonIncident | null;
}

export interface SentryJsonIncident {
  startingTimestamp: SentryDateTime;
  resolvingTimestamp: SentryDateTime;
  brokenNotice: {
    userNotifiedTimestamp: SentryDateTime;
    environmentMutedTimestamp: SentryDateTime;
  } | null;
}

/** `GET /organizations/{org}/monitors/` rows and the monitor detail body. */
export interface SentryMonitor {
  id: string;
  name: string;
  slug: string;
  /** `active` or `disabled` (the monitor's own state; health is per environment). */
  status: string;
  isMuted: boolean;
  isUpserting: boolean;
  config: SentryMonitorConfig;
  dateCreated: SentryDateTime;
  project: SentryProjectBase;
  /** Sentry sends a list; the spec's serializer hint says one object (accepted too). */
  environments: SentryMonitorEnvironment[] | SentryMonitorEnvironment;
  owner: { type: 'user' | 'team'; id: string; name: string; email?: string } | null;
}

/** `GET …/monitors/{monitor}/checkins/` rows and the check-in write answers. */
export interface SentryCheckIn {
  id: string;
  environment: string;
  /** `ok`, `error`, `in_progress`, `missed`, `timeout` or `unknown`. */
  status: string;
  /** Milliseconds; null while in progress or when missed. */
  duration: number | null;
  dateCreated: SentryDateTime;
  dateAdded: SentryDateTime;
  dateUpdated: SentryDateTime;
  dateInProgress: SentryDateTime | null;
  dateClock: SentryDateTime;
  expectedTime: SentryDateTime;
  monitorConfig: SentryMonitorConfig;
  groups?: string[];
}

/** Body of creating (all of `project`, `name`, `config`) or updating a monitor. */
export interface SentryMonitorInput {
  project: string;
  name: string;
  slug?: string;
  status?: 'active' | 'disabled';
  is_muted?: boolean;
  owner?: string | null;
  config: Partial<Omit<SentryMonitorConfig, 'alert_rule_id'>>;
}

/** Body of creating or updating a check-in. */
export interface SentryCheckInInput {
  status?: 'ok' | 'error' | 'in_progress';
  /** Milliseconds. */
  duration?: number;
  environment?: string;
}

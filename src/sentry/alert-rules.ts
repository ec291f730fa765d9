/**
 * Metric alert rules: `sentry.alertRules.list(org, …)` over
 * `GET /organizations/{org}/alert-rules/`, and their wire types (Sentry's `AlertRuleSerializer`:
 * the rule, its triggers and each trigger's actions).
 */
import { apiPath } from './http/api-path.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

/** Filters of `GET /organizations/{org}/alert-rules/`. */
export interface AlertRuleListParams {
  perPage?: number | undefined;
  cursor?: string | undefined;
  /** Project ids: rules that watch any of them. */
  project?: readonly string[] | undefined;
}

export class AlertRules extends Resource {
  readonly list = this.http.lister<SentryAlertRule, [], AlertRuleListParams>(
    (org) => apiPath`/api/0/organizations/${org}/alert-rules/`,
    (p) => ({ project: p.project }),
  );
}

/** What a rule counts: the Snuba dataset its query runs on. */
export type SentryAlertDataset =
  | 'events'
  | 'transactions'
  | 'sessions'
  | 'metrics'
  | 'generic_metrics'
  | 'events_analytics_platform';

/** `0` above, `1` below, `2` above or below (dynamic rules). */
export type SentryAlertThresholdType = 0 | 1 | 2;

/** One thing a trigger does when it fires: notify an email, Slack channel, PagerDuty, … */
export interface SentryAlertRuleAction {
  id: string;
  alertRuleTriggerId: string;
  /** `email`, `slack`, `pagerduty`, `msteams`, `sentry_app`, `opsgenie`, `discord`. */
  type: string;
  /** `user`, `team`, `specific` (a channel or address) or `sentry_app`. */
  targetType: string;
  targetIdentifier: string | null;
  inputChannelId: string | null;
  integrationId: number | null;
  sentryAppId: number | null;
  dateCreated: SentryDateTime;
  /** Sentry's one-line description, e.g. "Send a notification to #alerts". */
  desc: string;
  priority: string | null;
}

/** A threshold of a rule: `critical` or `warning`, with what it does. */
export interface SentryAlertRuleTrigger {
  id: string;
  alertRuleId: string;
  label: string;
  thresholdType: SentryAlertThresholdType;
  alertThreshold: number;
  resolveThreshold: number | null;
  dateCreated: SentryDateTime;
  actions: SentryAlertRuleAction[];
}

/** `GET /organizations/{org}/alert-rules/` rows. */
export interface SentryAlertRule {
  id: string;
  name: string;
  organizationId: string;
  queryType: number;
  dataset: SentryAlertDataset;
  query: string;
  aggregate: string;
  thresholdType: SentryAlertThresholdType;
  resolveThreshold: number | null;
  /** Minutes. */
  timeWindow: number;
  environment: string | null;
  /** Minutes between evaluations. */
  resolution: number;
  /** Evaluations in a row over the threshold before it fires. */
  thresholdPeriod: number;
  triggers: SentryAlertRuleTrigger[];
  /** Project slugs. */
  projects: string[];
  includeAllProjects: boolean;
  /** `team:<id>` or `user:<id>`. */
  owner: string | null;
  originalAlertRuleId: string | null;
  comparisonDelta: number | null;
  eventTypes: string[];
  detectionType: string;
  dateModified: SentryDateTime;
  dateCreated: SentryDateTime;
  createdBy: { id: number; name: string; email: string } | null;
}

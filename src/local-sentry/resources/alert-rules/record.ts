/** What the store keeps of a metric alert rule. */
import type { SentryAlertRule } from '../../../sentry/types.ts';

export interface AlertRuleRecord {
  org: string;
  /** The projects it watches, by id: the body's `projects` (slugs) is built per request. */
  projectIds: string[];
  wire: Omit<SentryAlertRule, 'projects'>;
}

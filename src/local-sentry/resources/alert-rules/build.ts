/** The alert rule body as Sentry sends it: the stored rule with its projects' current slugs. */
import type { SentryAlertRule } from '../../../sentry/types.ts';
import type { LocalData } from '../../data/model.ts';
import type { AlertRuleRecord } from './record.ts';

export function alertRuleBody(data: LocalData, rule: AlertRuleRecord): SentryAlertRule {
  const projects = rule.projectIds
    .map((id) => data.projectsById.get(id)?.wire.slug)
    .filter((slug): slug is string => slug !== undefined)
    .sort();
  return { ...rule.wire, projects };
}

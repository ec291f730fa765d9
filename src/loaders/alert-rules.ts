/**
 * Metric alert rules by `org/ruleId`. Sentry's list takes no id filter and the spec documents
 * no detail route, so a batch reads the organization's rule list (100 a page, following `next`)
 * once per organization and picks the rules by id; lists prime the loader, so only a refetch
 * by global id pays for it.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryAlertRule } from '../sentry/types.ts';
import { checkNumericId, checkSlug, type ScopedKey } from './keys.ts';
import { loadScopedInBulk } from './settle-each.ts';

export type AlertRuleKey = ScopedKey;

export const alertRuleKey = (org: string, ruleId: string): AlertRuleKey =>
  `${checkSlug(org, 'organization slug')}/${checkNumericId(ruleId, 'alert rule id')}`;

/** Every rule of `org`, page after page. */
async function allAlertRules(
  sentry: SentryClient,
  org: string,
): Promise<OrgScoped<SentryAlertRule>[]> {
  const rules: OrgScoped<SentryAlertRule>[] = [];
  let cursor: string | undefined;
  do {
    const page = await sentry.alertRules.list(org, { perPage: 100, cursor });
    rules.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return rules;
}

export function loadAlertRules(
  sentry: SentryClient,
  keys: readonly AlertRuleKey[],
): Promise<(OrgScoped<SentryAlertRule> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'AlertRule',
    // Every id of an organization is answered by the one list.
    chunkSize: Number.POSITIVE_INFINITY,
    idOf: (rule) => rule.id,
    fetch: (org) => allAlertRules(sentry, org),
  });
}

/** Organizations by slug. Sentry has no bulk read for them: one call per distinct slug. */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryOrganizationDetail } from '../sentry/types.ts';
import { settleEach } from './settle-each.ts';

export function loadOrganizations(
  sentry: SentryClient,
  slugs: readonly string[],
): Promise<(OrgScoped<SentryOrganizationDetail> | Error)[]> {
  return settleEach(slugs, (slug) => sentry.organizations.get(slug));
}

/**
 * Metric alert rules: records, seeded generation, wire bodies and the organization's list. This
 * folder owns them.
 *
 * Sentry's OpenAPI spec has dropped the metric alert routes (they moved to workflows and
 * detectors); the seed (002) documents the list, so the shape follows Sentry's
 * `AlertRuleSerializer`, which the seed's `AlertRule` schema is a subset of. Neither documents the
 * detail route, so it is not served.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import { alertRuleBody } from './build.ts';

// Sentry's OrganizationAlertRulePermission.
const READ = ['org:read', 'org:write', 'org:admin', 'alerts:read'];

export const alertRuleRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/alert-rules/', READ, (context) => {
    const org = orgOf(context);
    // A rule shows when it watches any selected project (`AlertRule.objects.fetch_for_organization`).
    const projects = new Set(selectedProjects(context, org).map((p) => p.wire.id));
    const rules = org.alertRules.filter((rule) => rule.projectIds.some((id) => projects.has(id)));
    return paginateMapped(rules, context.page, (rule) => alertRuleBody(context.data, rule));
  }),
];

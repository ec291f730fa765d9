/**
 * Organizations: records, their generation, the list's `query`, the list and detail bodies and
 * the routes (list, detail, update). This folder owns them.
 */
import { canAccessOrganization } from '../../http/auth.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, slugField, storeCall, stringField } from '../../http/params.ts';
import { badRequest, ok } from '../../http/reply.ts';
import { ORG_READ, ORG_WRITE } from '../../http/scopes.ts';
import { orgOf } from './request.ts';
import { filterOrganizations } from './search.ts';
import { updateOrganization } from './store.ts';
import { organizationBody, organizationDetail } from './wire.ts';

export const organizationRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/', ORG_READ, ({ data, token, query, page, baseUrl }) => {
    const orgs = [...data.organizations.values()].filter((org) =>
      canAccessOrganization(token, org.slug),
    );
    return paginateMapped(filterOrganizations(orgs, query.get('query')), page, (org) =>
      organizationBody(org, baseUrl),
    );
  }),

  route('GET /api/0/organizations/{org}/', ORG_READ, (context) => {
    const org = orgOf(context);
    return ok(
      context.query.get('detailed') === '0'
        ? organizationBody(org, context.baseUrl)
        : organizationDetail(org, context.baseUrl),
    );
  }),

  route('PUT /api/0/organizations/{org}/', ORG_WRITE, (context) => {
    const org = orgOf(context);
    const body = bodyObject(context);
    const name = stringField(body, 'name', { maxLength: 64 });
    if (name !== undefined && name.trim() === '') {
      throw badRequest({ name: ['This field may not be blank.'] });
    }
    const slug = slugField(body, 'slug');
    const patch: { name?: string; slug?: string } = {};
    if (name !== undefined) patch.name = name;
    if (slug !== undefined) patch.slug = slug;
    storeCall(() => updateOrganization(context.data, org, patch));
    return ok(organizationDetail(org, context.baseUrl));
  }),
];

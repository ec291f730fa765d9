/** Organizations, their members and users, repositories and repository commits. */
import { canAccessOrganization } from '../../http/auth.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import {
  bodyObject,
  MEMBER_READ,
  ORG_READ,
  ORG_WRITE,
  orgOf,
  slugField,
  storeCall,
  stringField,
} from '../../http/params.ts';
import { badRequest, found, ok } from '../../http/reply.ts';
import { filterMembers } from '../members/search.ts';
import { findMember } from '../members/store.ts';
import { memberDetail } from '../members/wire.ts';
import { findRepository } from '../releases/repositories.ts';
import { organizationUser } from '../users/wire.ts';
import { filterOrganizations } from './search.ts';
import { updateOrganization } from './store.ts';
import { organizationBody, organizationDetail } from './wire.ts';

export const organizationRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/', ORG_READ, ({ data, token, query, page, baseUrl }) => {
    const orgs = [...data.organizations.values()].filter((org) =>
      canAccessOrganization(token, org.slug),
    );
    return paginate(
      filterOrganizations(orgs, query.get('query')).map((org) => organizationBody(org, baseUrl)),
      page,
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

  route('GET /api/0/organizations/{org}/members/', MEMBER_READ, (context) => {
    const org = orgOf(context);
    return paginate(
      filterMembers(org, context.query.get('query')).map((m) => m.wire),
      context.page,
    );
  }),

  route('GET /api/0/organizations/{org}/members/{member_id}/', MEMBER_READ, (context) => {
    const org = orgOf(context);
    const id = context.params['member_id'] ?? '';
    // Sentry accepts `me` for the caller; a token here acts as the first owner.
    const member =
      id === 'me'
        ? org.members.find((m) => m.wire.orgRole === 'owner' && m.userId !== null)
        : findMember(org, id);
    return ok(memberDetail(org, found(member)));
  }),

  route('GET /api/0/organizations/{org}/users/', ORG_READ, (context) => {
    const org = orgOf(context);
    const ids = context.query.getAll('project');
    const members = org.members.filter((m) => m.userId !== null);
    const rows = members.map((m) => organizationUser(org, m));
    const projectSlugs = ids.length
      ? org.projects.filter((p) => ids.includes(p.wire.id)).map((p) => p.wire.slug)
      : undefined;
    // Unpaginated in Sentry: every user of the organization (optionally of some projects).
    return ok(
      projectSlugs
        ? rows.filter((row) => row.projects.some((s) => projectSlugs.includes(s)))
        : rows,
    );
  }),

  route(
    'GET /api/0/organizations/{org}/repos/',
    [...ORG_READ, 'org:ci', 'org:integrations'],
    (context) => {
      const org = orgOf(context);
      const status = context.query.get('status');
      const query = context.query.get('query')?.toLowerCase();
      const rows = org.repositories
        .map((repository) => repository.wire)
        .filter((wire) => !status || (wire.status ?? 'active') === status)
        .filter((wire) => !query || wire.name.toLowerCase().includes(query));
      return paginate(rows, context.page);
    },
  ),

  route('GET /api/0/organizations/{org}/repos/{repo_id}/commits/', ORG_READ, (context) => {
    const org = orgOf(context);
    const repository = found(findRepository(org, context.params['repo_id'] ?? ''));
    return paginate(
      repository.commits.map((commit) => commit.wire),
      context.page,
    );
  }),
];

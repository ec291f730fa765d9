/**
 * Repositories: the stored body, lookups, and the one a commit input names (created on first use).
 */
import type { SentryRepository } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate, paginateMapped } from '../../http/pagination.ts';
import { found } from '../../http/reply.ts';
import { ORG_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { RepositoryRecord } from './record.ts';

export function buildRepository(input: {
  id: string;
  name: string;
  dateCreated: string;
}): SentryRepository {
  return {
    id: input.id,
    name: input.name,
    url: `https://github.com/${input.name}`,
    provider: { id: 'integrations:github', name: 'GitHub' },
    status: 'active',
    dateCreated: input.dateCreated,
    integrationId: '1',
    externalSlug: input.name,
    externalId: input.id,
  };
}

export function findRepository(org: OrgData, id: string): RepositoryRecord | undefined {
  return org.repositoriesById.get(id);
}

/** The repository a commit input names, or the project's; created on first use. */
export function repositoryFor(
  data: LocalData,
  org: OrgData,
  name: string | null | undefined,
  project?: ProjectRecord,
): RepositoryRecord {
  const wanted = name ?? (project ? `${org.slug}/${project.wire.slug}` : `${org.slug}/unknown`);
  const found = org.repositories.find((repository) => repository.wire.name === wanted);
  return found ?? addRepository(data, org, wanted, nowIso(data));
}

/** Adds a repository with no commits yet. */
export function addRepository(
  data: LocalData,
  org: OrgData,
  name: string,
  dateCreated: string,
): RepositoryRecord {
  const repository: RepositoryRecord = {
    org: org.slug,
    wire: buildRepository({ id: nextId(data, 'repository'), name, dateCreated }),
    commits: [],
    commitsById: new Map(),
  };
  org.repositories.push(repository);
  org.repositoriesById.set(repository.wire.id, repository);
  return repository;
}

export const repositoryRoutes = (): RouteDef[] => [
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
    return paginateMapped(repository.commits, context.page, (commit) => commit.wire);
  }),
];

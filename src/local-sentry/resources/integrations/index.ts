/**
 * What Sentry keeps of source-code and issue-tracker integrations: the code mappings of
 * `POST /organizations/{org}/code-mappings/bulk/` (what `sentry-cli code-mappings upload` and
 * Sentry's MCP server send) and an issue's external issues (its Sentry App links).
 */
import { storeChanged } from '../../data/generation.ts';
import type { OrgData } from '../../data/model.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject, stringField } from '../../http/params.ts';
import { badRequest, notFound, ok } from '../../http/reply.ts';
import { EVENT_READ, ORG_READ } from '../../http/scopes.ts';
import { issueOf } from '../issues/request.ts';
import { orgOf } from '../organizations/request.ts';
import { findProject } from '../projects/store.ts';

/** Sentry's limit per bulk request. */
const MAX_MAPPINGS = 300;

export interface CodeMapping {
  id: string;
  projectId: string;
  repositoryId: string;
  stackRoot: string;
  sourceRoot: string;
  defaultBranch: string;
}

/** Code mappings per organization; kept beside the store so the seeded model stays as it is. */
const mappingsOf = new WeakMap<OrgData, CodeMapping[]>();

export function codeMappings(org: OrgData): CodeMapping[] {
  let mappings = mappingsOf.get(org);
  if (!mappings) {
    mappings = [];
    mappingsOf.set(org, mappings);
  }
  return mappings;
}

function mappingsField(body: Record<string, unknown>): { stackRoot: string; sourceRoot: string }[] {
  const raw = body['mappings'];
  if (!Array.isArray(raw) || raw.length === 0) {
    throw badRequest({ mappings: ['This list may not be empty.'] });
  }
  if (raw.length > MAX_MAPPINGS) {
    throw badRequest({
      mappings: [`Ensure this field has no more than ${MAX_MAPPINGS} elements.`],
    });
  }
  return raw.map((item) => {
    const row = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof row['stackRoot'] !== 'string' || typeof row['sourceRoot'] !== 'string') {
      throw badRequest({ mappings: ['Each mapping needs a stackRoot and a sourceRoot string.'] });
    }
    return { stackRoot: row['stackRoot'], sourceRoot: row['sourceRoot'] };
  });
}

export const integrationRoutes = (): RouteDef[] => [
  route('POST /api/0/organizations/{org}/code-mappings/bulk/', ['org:ci'], (context) => {
    const org = orgOf(context);
    const body = bodyObject(context);
    const slug = stringField(body, 'project', { required: true }) as string;
    const name = stringField(body, 'repository', { required: true }) as string;
    const branch = stringField(body, 'defaultBranch', { nullable: true });
    const rows = mappingsField(body);
    const project = findProject(context.data, org, slug);
    if (!project) throw notFound();
    const repository = org.repositories.find((repo) => repo.wire.name === name);
    if (!repository) throw notFound();
    storeChanged();
    const stored = codeMappings(org);
    let created = 0;
    let updated = 0;
    const results = rows.map(({ stackRoot, sourceRoot }) => {
      // Sentry's uniqueness: one mapping per project and stack root.
      const existing = stored.find(
        (m) => m.projectId === project.wire.id && m.stackRoot === stackRoot,
      );
      if (existing) {
        Object.assign(existing, { sourceRoot, repositoryId: repository.wire.id });
        if (branch) existing.defaultBranch = branch;
        updated++;
        return { stackRoot, sourceRoot, status: 'updated' };
      }
      stored.push({
        id: String(stored.length + 1),
        projectId: project.wire.id,
        repositoryId: repository.wire.id,
        stackRoot,
        sourceRoot,
        defaultBranch: branch ?? 'main',
      });
      created++;
      return { stackRoot, sourceRoot, status: 'created' };
    });
    return ok({ created, updated, errors: 0, mappings: results });
  }),

  route('GET /api/0/organizations/{org}/code-mappings/', ORG_READ, (context) => {
    const org = orgOf(context);
    const wanted = context.query.getAll('project').filter((id) => id !== '' && id !== '-1');
    const rows = codeMappings(org).filter((m) => !wanted.length || wanted.includes(m.projectId));
    return paginateMapped(rows, context.page, (mapping) => {
      const repository = org.repositoriesById.get(mapping.repositoryId);
      return {
        id: mapping.id,
        projectId: mapping.projectId,
        projectSlug: context.data.projectsById.get(mapping.projectId)?.wire.slug ?? null,
        repoId: mapping.repositoryId,
        repoName: repository?.wire.name ?? null,
        integrationId: repository?.wire.integrationId ?? null,
        provider: repository?.wire.provider ?? null,
        stackRoot: mapping.stackRoot,
        sourceRoot: mapping.sourceRoot,
        defaultBranch: mapping.defaultBranch,
        automaticallyGenerated: false,
      };
    });
  }),

  route(
    'GET /api/0/organizations/{org}/issues/{issue_id}/external-issues/',
    EVENT_READ,
    (context) => {
      // What Sentry Apps linked (seeded Linear issues, and those the installations created).
      return ok(issueOf(context).wire.sentryAppIssues ?? []);
    },
  ),
];

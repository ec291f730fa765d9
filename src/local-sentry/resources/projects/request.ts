/** The projects a request names: by its path, or by its `project=` parameters. */
import type { RequestContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import type { ProjectRecord } from './record.ts';
import { findProject } from './store.ts';

/** The `{project}` of the request, by slug or numeric id; 404 when absent. */
export function projectOf(context: RequestContext, org = orgOf(context)): ProjectRecord {
  const project = findProject(context.data, org, context.params['project'] ?? '');
  if (!project) throw notFound();
  return project;
}

/**
 * The projects selected by `project=` (ids or slugs, repeatable) the way Sentry's organization
 * endpoints read it: `-1` is every project, no value is every project the caller is a member of
 * (here: every project, since tokens act as members of every team), and a value that is not a
 * project of the organization is a 403.
 */
export function selectedProjects(context: RequestContext, org = orgOf(context)): ProjectRecord[] {
  const values = context.query.getAll('project').filter((value) => value !== '');
  if (values.length === 0 || values.includes('-1')) return org.projects;
  const selected = new Set<ProjectRecord>();
  for (const value of values) {
    const project = findProject(context.data, org, value);
    if (!project) throw forbidden();
    selected.add(project);
  }
  return [...selected];
}

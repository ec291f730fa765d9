/**
 * What the mutations of projects, and of what lives under a project, share: reading `Project`,
 * `ProjectKey` and `ServiceHook` global ids from the input, and refreshing this request's cached
 * copy of a project after a write.
 */
import type { Context } from '../../context.ts';
import { type ProjectKey, projectKey, splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryProject } from '../../sentry/types.ts';
import { type FieldPath, readIdOf, type UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { forgetProject, primeProjects } from './project.ts';
import { type ProjectResourceKey, splitProjectResourceKey } from './project-resource-keys.ts';

export const parseProjectKey = (id: string): ProjectKey => projectKey(...splitKey(id));

/** The key inside a `ProjectKey` or `ServiceHook` global id, checked. */
export function parseProjectResourceKey(id: string): ProjectResourceKey {
  splitProjectResourceKey(id);
  return id as ProjectResourceKey;
}

export function readProjectId(
  errors: UserErrors,
  path: FieldPath,
  id: string,
): [org: string, projectId: string] | undefined {
  const key = readIdOf(errors, path, id, 'Project', parseProjectKey);
  return key ? splitKey(key) : undefined;
}

/** A `ProjectKey` or `ServiceHook` id at `input.id`: its organization, project and own id. */
export function readProjectResourceId(
  errors: UserErrors,
  id: string,
  typename: 'ProjectKey' | 'ServiceHook',
): [org: string, projectId: string, id: string] | undefined {
  const key = readIdOf(errors, ['input', 'id'], id, typename, parseProjectResourceKey);
  return key ? splitProjectResourceKey(key) : undefined;
}

/** Drops this request's cached copies of a project and caches the new body. */
export function refreshProject(context: Context, project: OrgScoped<SentryProject>): void {
  forgetProject(context, project.organizationSlug, project.id);
  primeProjects(context, [project]);
}

/**
 * Projects by numeric id or by slug, many per call: Sentry's project list filters on repeated
 * `id:` or `slug:` terms (`query=id:1 id:2`), one call per organization.
 */
import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import type { SentryProject, SentryProjectDetail } from '../sentry/types.ts';
import { type ProjectKey, type ProjectSlugKey, splitKey } from './keys.ts';
import { loadScopedInBulk, settleEach } from './settle-each.ts';

/** Loads projects by `org/projectId`. */
export function loadProjects(
  sentry: SentryClient,
  keys: readonly ProjectKey[],
): Promise<(OrgScoped<SentryProject> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Project',
    idOf: (project) => project.id,
    fetch: async (org, ids) =>
      (
        await sentry.projects.list(org, {
          query: ids.map((id) => `id:${id}`).join(' '),
          perPage: 100,
        })
      ).items,
  });
}

/** Loads projects by `org/projectSlug`. */
export function loadProjectsBySlug(
  sentry: SentryClient,
  keys: readonly ProjectSlugKey[],
): Promise<(OrgScoped<SentryProject> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Project',
    idOf: (project) => project.slug,
    fetch: async (org, slugs) =>
      (
        await sentry.projects.list(org, {
          query: slugs.map((slug) => `slug:${slug}`).join(' '),
          perPage: 100,
        })
      ).items,
  });
}

/**
 * Loads project detail bodies (settings, options) by `org/projectSlug`: one call each, as Sentry
 * has no bulk read of them.
 */
export function loadProjectDetails(
  sentry: SentryClient,
  keys: readonly ProjectSlugKey[],
): Promise<(OrgScoped<SentryProjectDetail> | Error)[]> {
  return settleEach(keys, (key) => sentry.projects.get(...splitKey(key)));
}

/**
 * Project lookups and mutations. Every change keeps the copies other bodies embed (an issue's
 * `project`, a release's `projects`, the project's `team`/`teams`) in step.
 */
import type { SentryJsonObject, SentryProjectUpdate } from '../../../sentry/types.ts';
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { slugify } from '../../data/wire.ts';
import { fromBase32, shortIdOf } from '../issues/build.ts';
import { deleteIssue } from '../issues/store.ts';
import { addProjectKey } from '../keys/store.ts';
import { teamRef } from '../teams/build.ts';
import type { TeamRecord } from '../teams/record.ts';
import { buildProject, projectRecord } from './build.ts';
import type { ProjectRecord } from './record.ts';

/** By slug or numeric id, within the organization. */
export function findProject(
  data: LocalData,
  org: OrgData,
  idOrSlug: string,
): ProjectRecord | undefined {
  const bySlug = org.projectsBySlug.get(idOrSlug);
  if (bySlug) return bySlug;
  const byId = data.projectsById.get(idOrSlug);
  return byId?.org === org.slug ? byId : undefined;
}

export function addProject(
  data: LocalData,
  org: OrgData,
  team: TeamRecord | null,
  input: { name: string; slug?: string | null; platform?: string | null },
): ProjectRecord {
  storeChanged();
  const slug = input.slug || slugify(input.name);
  if (!slug) throw new StoreError('This field is required.', 'slug');
  if (org.projectsBySlug.has(slug)) {
    throw new StoreError('A project with this slug already exists.', 'slug');
  }
  const id = nextId(data, 'project');
  const created = nowIso(data);
  const project = projectRecord(
    org,
    buildProject({
      id,
      slug,
      name: input.name,
      platform: input.platform ?? null,
      dateCreated: created,
      teams: team ? [teamRef(team.wire)] : [],
    }),
    team ? [team.wire.slug] : [],
  );
  indexProject(data, org, project);
  addProjectKey(data, org, project, { name: 'Default' });
  return project;
}

export function updateProject(
  org: OrgData,
  project: ProjectRecord,
  patch: SentryProjectUpdate,
): ProjectRecord {
  storeChanged();
  const wire = project.wire;
  if (patch.slug !== undefined && patch.slug !== wire.slug) {
    if (org.projectsBySlug.has(patch.slug)) {
      throw new StoreError('Another project is already using that slug.', 'slug');
    }
    org.projectsBySlug.delete(wire.slug);
    wire.slug = patch.slug;
    org.projectsBySlug.set(wire.slug, project);
    // Short ids are derived from the project slug, so they move with it.
    for (const issue of project.issues) {
      org.issuesByShortId.delete(issue.wire.shortId);
      const counter = fromBase32(issue.wire.shortId.slice(issue.wire.shortId.lastIndexOf('-') + 1));
      issue.wire.shortId = shortIdOf(wire.slug, counter);
      org.issuesByShortId.set(issue.wire.shortId, issue);
    }
  }
  if (patch.name !== undefined) wire.name = patch.name;
  if (patch.platform !== undefined) {
    wire.platform = patch.platform;
    wire.platforms = patch.platform ? [patch.platform] : [];
  }
  if (patch.isBookmarked !== undefined) wire.isBookmarked = patch.isBookmarked;
  const options: SentryJsonObject = { ...(wire.options ?? {}) };
  for (const key of [
    'subjectPrefix',
    'subjectTemplate',
    'resolveAge',
    'highlightTags',
    'highlightContext',
  ] as const) {
    const value = patch[key];
    if (value !== undefined) options[key] = value as SentryJsonObject[string];
  }
  if (patch.enableAutoReleaseCreation !== undefined)
    options['enableAutoReleaseCreation'] = patch.enableAutoReleaseCreation;
  if (patch.scmSourceContextEnabled !== undefined)
    options['scmSourceContextEnabled'] = patch.scmSourceContextEnabled;
  if (Object.keys(options).length > 0) wire.options = options;
  for (const issue of project.issues) {
    issue.wire.project = { id: wire.id, name: wire.name, slug: wire.slug, platform: wire.platform };
    issue.wire.platform = wire.platform;
  }
  for (const release of org.releases) {
    for (const entry of release.wire.projects) {
      if (String(entry.id) === wire.id) {
        entry.slug = wire.slug;
        entry.name = wire.name;
        entry.platform = wire.platform;
        entry.platforms = wire.platforms;
      }
    }
  }
  return project;
}

/**
 * Removes the project with its issues, events, keys and hooks; releases keep their other projects.
 */
export function deleteProject(data: LocalData, org: OrgData, project: ProjectRecord): void {
  storeChanged();
  for (const issue of [...project.issues]) deleteIssue(data, issue);
  org.projects = org.projects.filter((p) => p !== project);
  org.projectsBySlug.delete(project.wire.slug);
  data.projectsById.delete(project.wire.id);
  for (const release of org.releases) {
    release.projectIds = release.projectIds.filter((id) => id !== project.wire.id);
    release.wire.projects = release.wire.projects.filter(
      (entry) => String(entry.id) !== project.wire.id,
    );
  }
}

/** Adds a project to its organization's list and the indexes. */
export function indexProject(data: LocalData, org: OrgData, project: ProjectRecord): void {
  org.projects.push(project);
  org.projectsBySlug.set(project.wire.slug, project);
  data.projectsById.set(project.wire.id, project);
}

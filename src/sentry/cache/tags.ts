/**
 * What a cached GET is about, and what a write makes stale. Every cached entry carries tags
 * derived from its path (organization, resource family, project or team); a write drops the
 * entries of the tags the table below names for its route, for every token (another token may
 * read the same issue). A write route missing from the table drops everything cached for its
 * organization: new mutations are safe without a line here, and one line makes them finer.
 *
 * Tags name organizations, projects and teams by their slugs as they appear in the path
 * (encoded segments); `*` is every entry.
 */
import { type ApiPath, routeTemplate } from '../http/api-path.ts';

/** Every entry. */
export const ALL = '*';

export const orgTag = (org: string) => `o:${org}`;
export const familyTag = (org: string, family: string) => `o:${org}:${family}`;
export const projectTag = (org: string, project: string) => `o:${org}:project:${project}`;

/** Resource families by the path segment that names them. */
const FAMILIES: Record<string, string> = {
  issues: 'issues',
  shortids: 'issues',
  eventids: 'issues',
  hashes: 'issues',
  events: 'events',
  releases: 'releases',
  deploys: 'releases',
  monitors: 'monitors',
  checkins: 'monitors',
  projects: 'projects',
  teams: 'teams',
  members: 'members',
  users: 'members',
  repos: 'repos',
  sessions: 'sessions',
  'user-feedback': 'feedback',
  resolved: 'issues',
};

/** The tags of a cached GET of `path` (API path, no query). */
export function entryTags(path: string): string[] {
  const segments = path.split('/').filter(Boolean).slice(2); // drop `api`, `0`
  const [root, org, ...rest] = segments;
  if (root === 'organizations' && org === undefined) return ['orgs'];
  if (org === undefined) return [];
  const tags = new Set([orgTag(org)]);
  const family = (segment: string | undefined) => {
    const name = segment === undefined ? undefined : FAMILIES[segment];
    if (name) tags.add(familyTag(org, name));
  };
  if (root === 'organizations' || root === 'organization') {
    if (rest.length === 0) tags.add(familyTag(org, 'organization'));
    for (const segment of rest) family(segment);
  } else if (root === 'projects') {
    const [project, ...sub] = rest;
    if (project !== undefined) tags.add(projectTag(org, project));
    if (sub.length === 0) tags.add(familyTag(org, 'projects'));
    for (const segment of sub) family(segment);
  } else if (root === 'teams') {
    tags.add(familyTag(org, 'teams'));
    for (const segment of rest.slice(1)) family(segment);
  }
  return [...tags];
}

/** The values a path has where its template has `{}`. */
function parameters(path: string, template: string): string[] {
  const pathSegments = path.split('/');
  return template
    .split('/')
    .flatMap((segment, index) => (segment === '{}' ? [pathSegments[index] ?? ''] : []));
}

type Invalidates = (params: string[]) => string[];

const issues: Invalidates = ([org = '']) => [familyTag(org, 'issues'), familyTag(org, 'events')];
const monitors: Invalidates = ([org = '']) => [familyTag(org, 'monitors')];
const releases: Invalidates = ([org = '']) => [
  familyTag(org, 'releases'),
  familyTag(org, 'projects'),
];
const project: Invalidates = ([org = '', slug = '']) => [projectTag(org, slug)];
const projects: Invalidates = ([org = '', slug = '']) => [
  familyTag(org, 'projects'),
  familyTag(org, 'teams'),
  ...(slug ? [projectTag(org, slug)] : []),
];
const teams: Invalidates = ([org = '']) => [
  familyTag(org, 'teams'),
  familyTag(org, 'projects'),
  familyTag(org, 'members'),
];

/**
 * Write route (method and route template, `{}` for each value) → the tags it drops. The README's
 * invalidation table is this table.
 */
export const INVALIDATIONS: Record<string, Invalidates> = {
  'PUT /api/0/organizations/{}/issues/{}/': issues,
  'DELETE /api/0/organizations/{}/issues/{}/': issues,
  'PUT /api/0/organizations/{}/issues/': issues,
  'DELETE /api/0/organizations/{}/issues/': issues,
  'POST /api/0/organizations/{}/releases/': releases,
  'PUT /api/0/organizations/{}/releases/{}/': releases,
  'DELETE /api/0/organizations/{}/releases/{}/': releases,
  'POST /api/0/organizations/{}/releases/{}/deploys/': releases,
  'POST /api/0/organizations/{}/monitors/': monitors,
  'PUT /api/0/organizations/{}/monitors/{}/': monitors,
  'DELETE /api/0/organizations/{}/monitors/{}/': monitors,
  'POST /api/0/organization/{}/monitors/{}/checkins/': monitors,
  'PUT /api/0/organization/{}/monitors/{}/checkins/{}/': monitors,
  'POST /api/0/teams/{}/{}/projects/': projects,
  'PUT /api/0/projects/{}/{}/': projects,
  'DELETE /api/0/projects/{}/{}/': projects,
  'POST /api/0/projects/{}/{}/teams/{}/': projects,
  'DELETE /api/0/projects/{}/{}/teams/{}/': projects,
  'POST /api/0/projects/{}/{}/keys/': project,
  'PUT /api/0/projects/{}/{}/keys/{}/': project,
  'DELETE /api/0/projects/{}/{}/keys/{}/': project,
  'POST /api/0/projects/{}/{}/hooks/': project,
  'PUT /api/0/projects/{}/{}/hooks/{}/': project,
  'DELETE /api/0/projects/{}/{}/hooks/{}/': project,
  'POST /api/0/organizations/{}/teams/': teams,
  'PUT /api/0/teams/{}/{}/': teams,
  'DELETE /api/0/teams/{}/{}/': teams,
  'POST /api/0/projects/{}/{}/user-feedback/': ([org = '', slug = '']) => [
    familyTag(org, 'feedback'),
    projectTag(org, slug),
  ],
  // The organization itself (its slug may change): everything of it, and the list of them.
  'PUT /api/0/organizations/{}/': ([org = '']) => [orgTag(org), 'orgs'],
};

/**
 * The tags a write to `path` drops: its line of `INVALIDATIONS`, or everything of the
 * organization the path names (everything at all when it names none).
 */
export function writeTags(method: string, path: ApiPath): string[] {
  const template = routeTemplate(path);
  const known = INVALIDATIONS[`${method} ${template}`];
  if (known) return known(parameters(path, template));
  const org = path.split('/').filter(Boolean)[3];
  return org === undefined ? [ALL] : [orgTag(org)];
}

/**
 * Names the placeholders of a route template the way Sentry's API reference does:
 * `/api/0/organizations/{}/issues/{}/` → `/api/0/organizations/{org}/issues/{issue_id}/`.
 */

/** The name of the value after each literal segment. */
const AFTER: Record<string, string> = {
  organizations: 'org',
  organization: 'org',
  monitors: 'monitor_slug',
  checkins: 'checkin_id',
  issues: 'issue_id',
  events: 'event_id',
  eventids: 'event_id',
  members: 'member_id',
  releases: 'version',
  repos: 'repo_id',
  shortids: 'short_id',
  tags: 'key',
  hooks: 'hook_id',
  keys: 'key_id',
  teams: 'team',
  projects: 'project',
};

/** `projects/{}/{}/`, `teams/{}/{}/`: the first value is the organization. */
const ORG_FIRST = new Set(['projects', 'teams']);

/**
 * The literal segments of the client's endpoints. Any other segment is taken for a value, so
 * that a concrete path (one whose template was forgotten) still never labels with a slug or id.
 */
const LITERALS = new Set([
  ...Object.keys(AFTER),
  '',
  'api',
  '0',
  'values',
  'commits',
  'deploys',
  'files',
  'sessions',
  'users',
  'hashes',
  'resolved',
  'user-feedback',
  'alert-rules',
  'stats',
  'stats_v2',
]);

const named = new Map<string, string>();

/** See the module comment; unknown segments become values too. */
export function namedRoute(template: string): string {
  let route = named.get(template);
  if (route === undefined) {
    route = nameValues(template);
    if (named.size < 1000) named.set(template, route);
  }
  return route;
}

function nameValues(template: string): string {
  const segments = template.split('/').map((segment) => (LITERALS.has(segment) ? segment : '{}'));
  return segments
    .map((segment, index) => {
      if (segment !== '{}') return segment;
      const before = segments[index - 1] ?? '';
      if (before === '{}') return `{${AFTER[segments[index - 2] ?? ''] ?? 'id'}}`;
      if (ORG_FIRST.has(before) && segments[index + 1] === '{}') return '{org}';
      return `{${AFTER[before] ?? 'id'}}`;
    })
    .join('/');
}

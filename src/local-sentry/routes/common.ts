/** Lookups and parameter parsing shared by the route files. */
import type { LocalData, OrgData, ProjectRecord } from '../data/model.ts';
import { badRequest, forbidden, notFound } from '../http.ts';
import type { RequestContext } from './context.ts';

export const ORG_READ = ['org:read', 'org:write', 'org:admin'] as const;
export const ORG_WRITE = ['org:write', 'org:admin'] as const;
export const PROJECT_READ = ['project:read', 'project:write', 'project:admin'] as const;
export const PROJECT_WRITE = ['project:write', 'project:admin'] as const;
export const PROJECT_ADMIN = ['project:admin'] as const;
export const TEAM_READ = ['team:read', 'team:write', 'team:admin'] as const;
export const TEAM_WRITE = ['team:write', 'team:admin'] as const;
export const TEAM_ADMIN = ['team:admin'] as const;
export const MEMBER_READ = ['member:read', 'member:write', 'member:admin'] as const;
export const EVENT_READ = ['event:read', 'event:write', 'event:admin'] as const;
export const EVENT_WRITE = ['event:write', 'event:admin'] as const;
export const EVENT_ADMIN = ['event:admin'] as const;
export const RELEASE_READ = [
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'org:ci',
] as const;
export const RELEASE_WRITE = [
  'project:write',
  'project:admin',
  'project:releases',
  'org:ci',
] as const;
export const RELEASE_ADMIN = ['project:admin', 'project:releases'] as const;

/** The organization slug for an `{org}` value that may be a slug or a numeric id. */
export function resolveOrganizationSlug(data: LocalData, idOrSlug: string): string | undefined {
  if (data.organizations.has(idOrSlug)) return idOrSlug;
  for (const org of data.organizations.values()) {
    if (org.wire.id === idOrSlug) return org.slug;
  }
  return undefined;
}

/** The organization of the request (the server has checked it exists and is allowed). */
export function orgOf(context: RequestContext): OrgData {
  const org = context.data.organizations.get(context.params['org'] ?? '');
  if (!org) throw notFound();
  return org;
}

/** The `{project}` of the request, by slug or numeric id; 404 when absent. */
export function projectOf(context: RequestContext, org = orgOf(context)): ProjectRecord {
  const idOrSlug = context.params['project'] ?? '';
  const project =
    org.projectsBySlug.get(idOrSlug) ??
    (/^\d+$/.test(idOrSlug) ? org.projects.find((p) => p.wire.id === idOrSlug) : undefined);
  if (!project) throw notFound();
  return project;
}

/** Repeated integer query values (e.g. `project=1&project=2`); 400 on a non-integer. */
export function integerList(query: URLSearchParams, name: string, message?: string): number[] {
  return query.getAll(name).flatMap((raw) => {
    if (raw === '') return [];
    if (!/^-?\d+$/.test(raw.trim())) {
      throw badRequest(message ?? `Invalid ${name} parameter. Values must be numbers.`);
    }
    return [Number(raw)];
  });
}

/**
 * The projects selected by `project=` the way Sentry's organization endpoints read it: `-1` is
 * every project, no value is every project the caller is a member of (here: every project of
 * the organization, since tokens act as members of all teams), and an id that is not a project
 * of the organization is a 403.
 */
export function selectedProjects(context: RequestContext, org = orgOf(context)): ProjectRecord[] {
  const ids = integerList(context.query, 'project');
  if (ids.length === 0 || ids.includes(-1)) return org.projects;
  const selected: ProjectRecord[] = [];
  for (const id of new Set(ids)) {
    const project = org.projects.find((p) => p.wire.id === String(id));
    if (!project) throw forbidden();
    selected.push(project);
  }
  return selected;
}

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses `24h`, `14d`, `30m`, `2w`, `90s` to milliseconds; undefined when malformed. */
export function parseDuration(raw: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(raw.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
}

export interface TimeRange {
  /** ms since epoch, inclusive. */
  start: number;
  /** ms since epoch, inclusive. */
  end: number;
}

/**
 * Reads `statsPeriod` or `start`+`end` relative to the data's "now"; `fallback` is the default
 * period (Sentry's default is 14d for most endpoints, 90d for sessions). 400 when malformed.
 */
export function timeRange(context: RequestContext, fallback: string): TimeRange {
  const { query, data } = context;
  const start = query.get('start');
  const end = query.get('end');
  if (start !== null || end !== null) {
    if (start === null || end === null) {
      throw badRequest('start and end are both required');
    }
    const startMs = Date.parse(start);
    const endMs = Date.parse(end);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      throw badRequest('start and end must be ISO-8601 datetimes');
    }
    if (startMs > endMs) throw badRequest('start must be before end');
    return { start: startMs, end: endMs };
  }
  const period = query.get('statsPeriod') || fallback;
  const ms = parseDuration(period);
  if (ms === undefined) throw badRequest(`Invalid statsPeriod: ${JSON.stringify(period)}`);
  return { start: data.now - ms, end: data.now };
}

/** Deterministic hash of strings to [0, 1): the local Sentry's stand-in for real measurements. */
export function hashUnit(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    h ^= char.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A JSON body as an object, or 400. */
export function bodyObject(context: RequestContext): Record<string, unknown> {
  const { body } = context;
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  }
  return body as Record<string, unknown>;
}

/** ISO string of a ms timestamp. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * What a token may see, computed from the seeded data, and a scan of a response for anything
 * it may not: the identifiers of the organizations it cannot use (slugs, ids, names, project
 * and team slugs and ids, issue ids and short ids, event ids, release versions) that no
 * organization it can use shares, whole or as a `/`-separated part of a string (URLs), and
 * global ids of objects in those organizations.
 */
import { decodeGlobalId } from '../../src/graph/global-id.ts';
import type { SeededData, SeededOrg } from './mix.ts';

/** The identifiers of one organization that a response could carry. */
export function organizationIdentifiers(org: SeededOrg): Set<string> {
  const ids = new Set<string>([org.slug, org.wire.id, org.wire.name]);
  for (const project of org.projects) ids.add(project.wire.id).add(project.wire.slug);
  for (const team of org.teams) ids.add(team.wire.id).add(team.wire.slug);
  for (const issue of org.issues) ids.add(issue.wire.id).add(issue.wire.shortId);
  for (const event of org.events) ids.add(event.id);
  for (const release of org.releases) ids.add(release.wire.version);
  return ids;
}

/** What one token may not see. */
export interface Hidden {
  /** Organizations it cannot use. */
  organizations: ReadonlySet<string>;
  /** Their identifiers that none of its organizations shares. */
  identifiers: ReadonlySet<string>;
}

/**
 * What a token restricted to `allowed` (undefined: every organization; `[]`: none, as for an
 * invalid token) may not see. `extra` adds identifiers per organization that the seeded data
 * lacks (e.g. the releases a soak creates).
 */
export function hiddenFrom(
  data: SeededData,
  allowed: readonly string[] | undefined,
  extra: Readonly<Record<string, readonly string[]>> = {},
): Hidden {
  const organizations = new Set<string>();
  const visible = new Set<string>();
  const hidden = new Set<string>();
  for (const [slug, org] of data.organizations) {
    const ids = organizationIdentifiers(org);
    for (const id of extra[slug] ?? []) ids.add(id);
    const target = allowed === undefined || allowed.includes(slug) ? visible : hidden;
    if (target === hidden) organizations.add(slug);
    for (const id of ids) target.add(id);
  }
  for (const id of visible) hidden.delete(id);
  return { organizations, identifiers: hidden };
}

/** Global ids look like this (base64url of `Type:key`). */
const GLOBAL_ID = /^[A-Za-z0-9_-]{8,}={0,2}$/;

/** The organization a global id belongs to (the first part of its key), if it is one. */
function globalIdOrganization(value: string): string | undefined {
  if (!GLOBAL_ID.test(value)) return undefined;
  try {
    const { id } = decodeGlobalId(value);
    return id.split('/')[0];
  } catch {
    return undefined;
  }
}

/** Every string value in `value` (not object keys: those are field names and aliases). */
function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    for (const item of value) yield* strings(item);
  } else if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) yield* strings(child);
  }
}

/**
 * What a request itself names, which a leak check must not count when the response echoes it:
 * the strings of its variables and the string literals of its document, their `/`-separated
 * parts, and the keys of the global ids among them (`Issue:acme/61…` names `acme` and `61…`).
 */
export function mentioned(document: string, variables: unknown): Set<string> {
  const out = new Set<string>();
  const literals = [...document.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '');
  for (const value of [...strings(variables), ...literals]) {
    out.add(value);
    for (const part of value.split('/')) out.add(part);
    if (!GLOBAL_ID.test(value)) continue;
    try {
      const { id } = decodeGlobalId(value);
      out.add(id);
      for (const part of id.split('/')) out.add(part);
    } catch {
      // Not a global id.
    }
  }
  return out;
}

/**
 * The hidden identifiers found anywhere in `body` (data, errors and extensions), except those
 * the request itself named (`asked`: an id echoed back in an error is no leak). Empty when the
 * response shows nothing the token may not see.
 */
export function findLeaks(body: unknown, hidden: Hidden, asked: ReadonlySet<string>): string[] {
  const leaks = new Set<string>();
  for (const value of strings(body)) {
    if (asked.has(value)) continue;
    for (const part of value.includes('/') ? [value, ...value.split('/')] : [value]) {
      if (hidden.identifiers.has(part) && !asked.has(part)) leaks.add(part);
    }
    const org = globalIdOrganization(value);
    if (org !== undefined && hidden.organizations.has(org))
      leaks.add(`global id ${value} (${org})`);
  }
  return [...leaks];
}

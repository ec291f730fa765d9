/**
 * Keys of objects that live under a project and have no bulk or single read the graph uses
 * (client keys, service hooks): `org/projectId/id`. Built and parsed only here; every part is
 * checked, so a forged id fails before it reaches a URL.
 */
import { checkNumericId, checkSlug, splitKey } from '../loaders/keys.ts';
import { localBadRequest } from '../sentry/http/errors.ts';

/** `org/projectId/id`. */
export type ProjectResourceKey = `${string}/${string}/${string}`;

const RESOURCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function projectResourceKey(
  org: string,
  projectId: string | number,
  id: string,
): ProjectResourceKey {
  if (!RESOURCE_ID.test(id)) throw localBadRequest(`Invalid id: ${JSON.stringify(id)}`);
  return `${checkSlug(org, 'organization slug')}/${checkNumericId(String(projectId), 'project id')}/${id}`;
}

/** Splits `org/projectId/id`; throws BAD_USER_INPUT on anything else. */
export function splitProjectResourceKey(key: string): [org: string, projectId: string, id: string] {
  const [org, rest] = splitKey(key);
  const slash = rest.indexOf('/');
  if (slash <= 0) throw localBadRequest(`Invalid key: ${JSON.stringify(key)}`);
  const projectId = rest.slice(0, slash);
  const id = rest.slice(slash + 1);
  projectResourceKey(org, projectId, id);
  return [org, projectId, id];
}

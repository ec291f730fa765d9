/** Requests to the fuzz target: each identity's header, sending a case, reading schema and seeds. */

import { buildClientSchema, type GraphQLSchema, getIntrospectionQuery } from 'graphql';
import type { FuzzIdentity } from './fuzz.ts';
import type { FuzzHttp } from './fuzz-envelopes.ts';
import type { FuzzSeeds } from './fuzz-representations.ts';
import type { FuzzTarget } from './fuzz-target.ts';

/** The `Authorization` header of an identity, or undefined for none. */
export function authorization(
  identity: FuzzIdentity,
  target: FuzzTarget,
  index: number,
): string | undefined {
  switch (identity) {
    case 'valid':
      return `Bearer ${target.tokens.valid}`;
    case 'limited':
      return `Bearer ${target.tokens.limited}`;
    case 'bad':
      return 'Bearer not-a-real-token';
    case 'none':
      return undefined;
    case 'malformed':
      return ['Basic Zm9vOmJhcg==', 'Bearer', 'bearer  ', 'Bearer a b', 'Token x'][index % 5];
  }
}

export interface PostResult {
  status: number;
  text: string;
  body: unknown;
}

async function post(
  target: FuzzTarget,
  body: unknown,
  headers: Record<string, string>,
): Promise<PostResult> {
  const result = await send(
    target,
    { method: 'POST', search: '', contentType: 'application/json', body: JSON.stringify(body) },
    headers,
  );
  if (!result) throw new Error('request aborted');
  return result;
}

/** Sends one request; undefined when it was aborted on purpose (`abortAfterMs`). */
export async function send(
  target: FuzzTarget,
  http: FuzzHttp,
  headers: Record<string, string>,
  abortAfterMs?: number,
): Promise<PostResult | undefined> {
  const controller = new AbortController();
  const timer =
    abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  let response: Response;
  try {
    response = await fetch(`${target.gateway}${http.search}`, {
      method: http.method,
      headers: {
        ...(http.contentType ? { 'content-type': http.contentType } : {}),
        ...http.headers,
        ...headers,
      },
      ...(http.body === undefined ? {} : { body: http.body }),
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (controller.signal.aborted) return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, body: parsed };
}

/** Reads the schema (introspection) and identifiers to aim at (one seed query) from the gateway. */
export async function readTarget(
  target: FuzzTarget,
): Promise<{ schema: GraphQLSchema; seeds: FuzzSeeds }> {
  const headers = { authorization: `Bearer ${target.tokens.valid}` };
  const introspection = await post(target, { query: getIntrospectionQuery() }, headers);
  const schema = buildClientSchema(
    (introspection.body as { data: Parameters<typeof buildClientSchema>[0] }).data,
  );
  const seedQuery = `{ organizations(first: 5) { nodes { id slug
    projects(first: 5) { nodes { id sentryId slug teams { id } } }
    issues(first: 8) { nodes { id sentryId shortId latestEvent { id eventId projectSentryId } } }
    releases(first: 4) { nodes { id version } }
    members(first: 3) { nodes { id } } } } }`;
  const result = await post(target, { query: seedQuery }, headers);
  const data = (result.body as { data?: SeedData }).data;
  if (!data?.organizations) throw new Error(`seed query failed: ${result.text.slice(0, 500)}`);
  const seeds: FuzzSeeds = {
    orgs: [],
    projects: [],
    issues: [],
    events: [],
    releases: [],
    globalIds: [],
  };
  for (const org of data.organizations.nodes) {
    seeds.orgs.push(org.slug);
    seeds.globalIds.push(org.id);
    for (const project of org.projects?.nodes ?? []) {
      seeds.projects.push({ org: org.slug, ...project });
      seeds.globalIds.push(project.id, ...(project.teams ?? []).map((team) => team.id));
    }
    for (const issue of org.issues?.nodes ?? []) {
      seeds.issues.push({ org: org.slug, ...issue });
      seeds.globalIds.push(issue.id);
      const event = issue.latestEvent;
      if (event) {
        seeds.events.push({ org: org.slug, ...event });
        seeds.globalIds.push(event.id);
      }
    }
    for (const release of org.releases?.nodes ?? []) {
      seeds.releases.push({ org: org.slug, ...release });
      seeds.globalIds.push(release.id);
    }
    seeds.globalIds.push(...(org.members?.nodes ?? []).map((member) => member.id));
  }
  if (seeds.projects.length === 0 || seeds.issues.length === 0 || seeds.events.length === 0) {
    throw new Error(`seed query found too little: ${result.text.slice(0, 500)}`);
  }
  return { schema, seeds };
}

interface SeedData {
  organizations: {
    nodes: {
      id: string;
      slug: string;
      projects?: {
        nodes: { id: string; sentryId: string; slug: string; teams?: { id: string }[] | null }[];
      } | null;
      issues?: {
        nodes: {
          id: string;
          sentryId: string;
          shortId: string;
          latestEvent?: { id: string; eventId: string; projectSentryId: string } | null;
        }[];
      } | null;
      releases?: { nodes: { id: string; version: string }[] } | null;
      members?: { nodes: { id: string }[] } | null;
    }[];
  };
}

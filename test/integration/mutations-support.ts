/**
 * Shared by the mutations-*.test.ts suites: global ids, fixtures picked from the local Sentry's
 * store, read-backs through its REST API, and the upstream write count.
 */
import { expect } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import type { Fault } from '../../src/local-sentry/http/server.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import type { ProjectRecord } from '../../src/local-sentry/resources/projects/record.ts';
import type { TestGateway, TestGatewayOptions, UpstreamStats } from '../helpers/gateway.ts';
import { fetchJson } from '../helpers/local-sentry.ts';

export const gid = (typename: string, key: string) => encodeGlobalId(typename, key);
export const issueGid = (issue: IssueRecord) => gid('Issue', `${issue.org}/${issue.wire.id}`);
export const projectGid = (project: ProjectRecord) =>
  gid('Project', `${project.org}/${project.wire.id}`);

/**
 * Gateway options with the client's retries on (the test helper turns them off), so that a
 * write counted once under a fault shows the write was not retried, not that retries were off.
 */
export function withFaults(faults: Record<string, Fault>): TestGatewayOptions {
  return {
    localSentry: { faults },
    gateway: { upstreamOptions: { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } } },
  };
}

/** The demo organization `acme` of the gateway's local Sentry (the live store). */
export function acme(gateway: TestGateway): OrgData {
  const org = gateway.sentry.data.organizations.get('acme');
  if (!org) throw new Error('no acme in the demo data');
  return org;
}

/** `count` unresolved acme issues of one project (the project with the most of them). */
export function unresolvedIssuesOfOneProject(gateway: TestGateway, count: number): IssueRecord[] {
  const byProject = new Map<string, IssueRecord[]>();
  for (const issue of acme(gateway).issues) {
    if (issue.wire.status !== 'unresolved') continue;
    const list = byProject.get(issue.projectId) ?? [];
    list.push(issue);
    byProject.set(issue.projectId, list);
  }
  const best = [...byProject.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (best.length < count) throw new Error(`fewer than ${count} unresolved issues in a project`);
  return best.slice(0, count);
}

/** Requests that wrote (PUT, POST, DELETE), by route template. */
export function writes(stats: UpstreamStats): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stats.byRoute).filter(([route]) => /^(PUT|POST|DELETE) /.test(route)),
  );
}

/** Asserts the upstream saw no request at all (validation happened in the gateway). */
export async function expectNoUpstreamCalls(gateway: TestGateway): Promise<void> {
  expect(await gateway.upstreamStats()).toEqual({ requests: 0, byRoute: {} });
}

/** GET `path` on the local Sentry with its all-scopes token: the store as REST shows it. */
export async function rest<T = Record<string, unknown>>(
  gateway: TestGateway,
  path: string,
): Promise<{ status: number; body: T }> {
  const { status, body } = await fetchJson<T>(gateway.sentry.url, path, {
    token: gateway.sentry.token,
  });
  return { status, body };
}

/** The user errors of a payload, as `{ field, code }` pairs. */
export function codes(
  payload: { userErrors: { field: string[] | null; code: string }[] } | null | undefined,
) {
  return payload?.userErrors.map(({ field, code }) => ({ field, code }));
}

/** The REST path of a project of acme. */
export const projectPath = (id: string) => `/api/0/projects/acme/${id}/`;

/**
 * The local Sentry speaks Sentry's wire format: for every route that Sentry's OpenAPI spec
 * documents, a real response of the running server validates against that operation's 2xx
 * response schema (src/local-sentry/openapi/sentry-openapi-subset.json).
 *
 * Where the spec and Sentry's real behaviour disagree, the local Sentry follows the spec; the
 * places where that shows are noted beside the data (e.g. list-row `owners` as one object).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { type LocalSentry, startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { installations } from '../../src/local-sentry/resources/app-installations/store.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: { 'application/json'?: { schema: object } } }>;
}

const subset = JSON.parse(
  readFileSync(
    new URL('../../src/local-sentry/openapi/sentry-openapi-subset.json', import.meta.url),
    'utf8',
  ),
) as { paths: Record<string, Record<string, Operation>> };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
// OpenAPI's numeric formats carry no constraint JSON Schema can check.
for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);

const validators = new Map<string, ValidateFunction>();

/** The spec's operation for `METHOD /api/0/...{param}...`. */
function operationOf(key: string): Operation {
  const [method = '', path = ''] = key.split(' ');
  const operation = subset.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`no operation ${key} in the vendored subset`);
  return operation;
}

function validatorFor(key: string, status: string): ValidateFunction | undefined {
  const cacheKey = `${key} ${status}`;
  const cached = validators.get(cacheKey);
  if (cached) return cached;
  const schema = operationOf(key).responses[status]?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const validate = ajv.compile(schema);
  validators.set(cacheKey, validate);
  return validate;
}

/** Errors folded over list indexes, so 100 rows with one gap give one line. */
function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map(
    (error) =>
      `${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${error.message} ${JSON.stringify(error.params)}`,
  );
  return [...new Set(lines)].slice(0, 20);
}

const O = '/api/0/organizations/{organization_id_or_slug}';
const P = '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}';
const T = '/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}';

interface Case {
  /** `METHOD <spec path>`: which schema applies. */
  operation: string;
  /** Concrete path with query string, or a function of earlier results. */
  path: string | (() => string);
  body?: unknown | (() => unknown);
  /** Keeps a value from the response for later cases. */
  keep?: (body: unknown) => void;
}

const data = generateData({ seed: 1, scale: 'small' });
const acme = data.organizations.get('acme') as OrgData;
const backend = acme.projectsBySlug.get('backend');
const frontend = acme.projectsBySlug.get('frontend');
if (!backend || !frontend) throw new Error('seeded data lacks acme/backend or acme/frontend');
const issue = acme.issues.find(
  (i) => i.projectId === backend.wire.id && i.events.length >= 3,
) as IssueRecord;
const event = issue.events[1];
if (!event) throw new Error('seeded issue without events');
const [issueA, issueB, issueC, issueD] = backend.issues.filter((i) => i !== issue);
const release = acme.releases.find(
  (r) => r.projectIds.includes(backend.wire.id) && r.deploys.length > 0,
);
const jsRelease = acme.releases.find((r) => r.files.length > 0);
const member = acme.members[0];
const repository = acme.repositories[0];
const key = backend.keys[0];
const hookProject = acme.projects.find((p) => p.hooks.length > 0);
const hook = hookProject?.hooks[0];
const team = acme.teams[0];
if (
  !issueA ||
  !issueB ||
  !issueC ||
  !issueD ||
  !release ||
  !jsRelease ||
  !member ||
  !repository ||
  !key ||
  !hook ||
  !hookProject ||
  !team
) {
  throw new Error('seeded data lacks a record the contract test needs');
}
const v = (version: string) => encodeURIComponent(version);
const eventIds = acme.events.slice(0, 3).map((e) => e.id);
const monitorProject = data.projectsById.get(
  acme.monitors.find((m) => m.wire.slug === 'nightly-backup')?.projectId ?? '',
)?.wire.slug;

const READS: Case[] = [
  { operation: 'GET /api/0/organizations/', path: '/api/0/organizations/' },
  { operation: `GET ${O}/`, path: '/api/0/organizations/acme/' },
  { operation: `GET ${O}/projects/`, path: '/api/0/organizations/acme/projects/' },
  {
    operation: `GET ${O}/projects/`,
    path: '/api/0/organizations/acme/projects/?query=slug:backend%20slug:frontend',
  },
  { operation: `GET ${O}/projects/`, path: '/api/0/organizations/acme/projects/?all_projects=1' },
  { operation: `GET ${O}/teams/`, path: '/api/0/organizations/acme/teams/' },
  { operation: `GET ${O}/teams/`, path: '/api/0/organizations/acme/teams/?detailed=0' },
  { operation: `GET ${O}/members/`, path: '/api/0/organizations/acme/members/' },
  {
    operation: `GET ${O}/members/{member_id}/`,
    path: `/api/0/organizations/acme/members/${member.wire.id}/`,
  },
  { operation: `GET ${O}/repos/`, path: '/api/0/organizations/acme/repos/' },
  {
    operation: `GET ${O}/repos/{repo_id}/commits/`,
    path: `/api/0/organizations/acme/repos/${repository.wire.id}/commits/`,
  },
  { operation: `GET ${O}/issues/`, path: '/api/0/organizations/acme/issues/?query=&limit=25' },
  {
    operation: `GET ${O}/issues/`,
    path: '/api/0/organizations/acme/issues/?query=is:unresolved&sort=freq&statsPeriod=14d&groupStatsPeriod=14d',
  },
  {
    operation: `GET ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?group=${issueA.wire.id}&group=${issueB.wire.id}&project=-1`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.shortId}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/latest/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/oldest/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/recommended/`,
  },
  // The spec enumerates latest|oldest|recommended for event_id; Sentry also takes a real id.
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/${event.id}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/hashes/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/hashes/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/tags/{key}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/tags/level/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/tags/{key}/values/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/tags/environment/values/`,
  },
  {
    operation: `GET ${O}/shortids/{issue_id}/`,
    path: `/api/0/organizations/acme/shortids/${issue.wire.shortId}/`,
  },
  {
    operation: `GET ${O}/eventids/{event_id}/`,
    path: `/api/0/organizations/acme/eventids/${event.id}/`,
  },
  {
    operation: `GET ${O}/events/`,
    path: `/api/0/organizations/acme/events/?dataset=errors&field=id&field=title&field=project.name&field=issue.id&field=timestamp&query=id:[${eventIds.join(',')}]&project=-1&statsPeriod=90d`,
  },
  {
    operation: `GET ${O}/events/`,
    path: '/api/0/organizations/acme/events/?dataset=errors&field=issue.id&field=count()&sort=-count()&project=-1&statsPeriod=14d',
  },
  {
    operation: `GET ${O}/sessions/`,
    path: '/api/0/organizations/acme/sessions/?project=-1&field=sum(session)&groupBy=project&statsPeriod=7d&interval=1d',
  },
  { operation: `GET ${O}/releases/`, path: '/api/0/organizations/acme/releases/' },
  {
    operation: `GET ${O}/releases/`,
    path: `/api/0/organizations/acme/releases/?query=release:[${release.wire.version},${jsRelease.wire.version}]&project=-1`,
  },
  {
    operation: `GET ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/`,
  },
  {
    operation: `GET ${O}/releases/{version}/deploys/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/deploys/`,
  },
  {
    operation: `GET ${O}/releases/{version}/commits/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/commits/`,
  },
  {
    operation: `GET ${O}/releases/{version}/files/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/`,
  },
  {
    operation: `GET ${O}/releases/{version}/files/{file_id}/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/${jsRelease.files[0]?.id}/`,
  },
  { operation: `GET ${O}/monitors/`, path: '/api/0/organizations/acme/monitors/' },
  {
    operation: `GET ${O}/monitors/`,
    path: '/api/0/organizations/acme/monitors/?environment=staging&project=backend',
  },
  {
    operation: `GET ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/sync-invoices/',
  },
  {
    operation: `GET ${O}/monitors/{monitor_id_or_slug}/checkins/`,
    path: '/api/0/organizations/acme/monitors/refresh-search-index/checkins/',
  },
  {
    operation: `GET ${P}/monitors/{monitor_id_or_slug}/`,
    path: `/api/0/projects/acme/${monitorProject}/monitors/nightly-backup/`,
  },
  {
    operation: `GET ${P}/monitors/{monitor_id_or_slug}/checkins/`,
    path: `/api/0/projects/acme/${monitorProject}/monitors/nightly-backup/checkins/`,
  },
  { operation: `GET ${P}/`, path: '/api/0/projects/acme/backend/' },
  { operation: `GET ${P}/events/`, path: '/api/0/projects/acme/backend/events/' },
  {
    operation: `GET ${P}/events/{event_id}/`,
    path: `/api/0/projects/acme/backend/events/${event.id}/`,
  },
  { operation: `GET ${P}/issues/`, path: '/api/0/projects/acme/backend/issues/' },
  { operation: `GET ${P}/users/`, path: '/api/0/projects/acme/backend/users/' },
  {
    operation: `GET ${P}/tags/{key}/values/`,
    path: '/api/0/projects/acme/frontend/tags/browser/values/',
  },
  { operation: `GET ${P}/keys/`, path: '/api/0/projects/acme/backend/keys/' },
  {
    operation: `GET ${P}/keys/{key_id}/`,
    path: `/api/0/projects/acme/backend/keys/${key.wire.id}/`,
  },
  { operation: `GET ${P}/hooks/`, path: `/api/0/projects/acme/${hookProject.wire.slug}/hooks/` },
  {
    operation: `GET ${P}/hooks/{hook_id}/`,
    path: `/api/0/projects/acme/${hookProject.wire.slug}/hooks/${hook.wire.id}/`,
  },
  {
    operation: `GET ${P}/user-feedback/`,
    path: `/api/0/projects/acme/${acme.projects.find((p) => p.feedback.length > 0)?.wire.slug ?? 'backend'}/user-feedback/`,
  },
  { operation: `GET ${P}/teams/`, path: '/api/0/projects/acme/backend/teams/' },
  { operation: `GET ${P}/releases/`, path: '/api/0/projects/acme/backend/releases/' },
  { operation: `GET ${T}/`, path: `/api/0/teams/acme/${team.wire.slug}/` },
  { operation: `GET ${T}/members/`, path: `/api/0/teams/acme/${team.wire.slug}/members/` },
  { operation: `GET ${T}/projects/`, path: `/api/0/teams/acme/${team.wire.slug}/projects/` },
  { operation: `GET ${O}/environments/`, path: '/api/0/organizations/acme/environments/' },
  { operation: `GET ${P}/environments/`, path: '/api/0/projects/acme/backend/environments/' },
  { operation: `GET ${O}/project-keys/`, path: '/api/0/organizations/acme/project-keys/' },
  { operation: `GET ${O}/user-teams/`, path: '/api/0/organizations/acme/user-teams/' },
  {
    operation: `GET ${O}/issues/{issue_id}/external-issues/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/external-issues/`,
  },
  {
    operation: `GET ${O}/replay-count/`,
    path: `/api/0/organizations/acme/replay-count/?query=${encodeURIComponent(`issue.id:[${issue.wire.id}]`)}`,
  },
  {
    operation: `GET ${P}/events/{event_id}/attachments/`,
    path: `/api/0/projects/acme/backend/events/${event.id}/attachments/`,
  },
];

/** Values created by earlier mutations. */
const created: { keyId?: string; hookId?: string } = {};
const idOf = (body: unknown): string => String((body as { id?: unknown }).id ?? '');

const WRITES: Case[] = [
  { operation: `PUT ${O}/`, path: '/api/0/organizations/acme/', body: { name: 'Acme Corp' } },
  {
    operation: `POST ${O}/teams/`,
    path: '/api/0/organizations/acme/teams/',
    body: { slug: 'contract-team', name: 'Contract Team' },
  },
  {
    operation: `PUT ${T}/`,
    path: '/api/0/teams/acme/contract-team/',
    body: { slug: 'contract-team', name: 'Contract' },
  },
  {
    operation: `POST ${T}/projects/`,
    path: '/api/0/teams/acme/contract-team/projects/',
    body: { name: 'Contract Project', slug: 'contract-project', platform: 'python' },
  },
  {
    operation: `PUT ${P}/`,
    path: '/api/0/projects/acme/contract-project/',
    body: { name: 'Contract Project 2' },
  },
  {
    operation: `POST ${P}/teams/{team_id_or_slug}/`,
    path: `/api/0/projects/acme/contract-project/teams/${team.wire.slug}/`,
  },
  {
    operation: `DELETE ${P}/teams/{team_id_or_slug}/`,
    path: `/api/0/projects/acme/contract-project/teams/${team.wire.slug}/`,
  },
  {
    operation: `POST ${P}/keys/`,
    path: '/api/0/projects/acme/contract-project/keys/',
    body: { name: 'Contract' },
    keep: (body) => {
      created.keyId = idOf(body);
    },
  },
  {
    operation: `PUT ${P}/keys/{key_id}/`,
    path: () => `/api/0/projects/acme/contract-project/keys/${created.keyId}/`,
    body: { name: 'Renamed' },
  },
  {
    operation: `DELETE ${P}/keys/{key_id}/`,
    path: () => `/api/0/projects/acme/contract-project/keys/${created.keyId}/`,
  },
  {
    operation: `POST ${P}/hooks/`,
    path: '/api/0/projects/acme/contract-project/hooks/',
    body: { url: 'https://example.com/sentry-hook', events: ['event.created'] },
    keep: (body) => {
      created.hookId = idOf(body);
    },
  },
  {
    operation: `PUT ${P}/hooks/{hook_id}/`,
    path: () => `/api/0/projects/acme/contract-project/hooks/${created.hookId}/`,
    body: { url: 'https://example.com/sentry-hook-2', events: ['event.alert'] },
  },
  {
    operation: `DELETE ${P}/hooks/{hook_id}/`,
    path: () => `/api/0/projects/acme/contract-project/hooks/${created.hookId}/`,
  },
  {
    operation: `POST ${P}/user-feedback/`,
    path: '/api/0/projects/acme/backend/user-feedback/',
    body: {
      event_id: event.id,
      name: 'Jane Doe',
      email: 'jane@example.com',
      comments: 'It broke.',
    },
  },
  {
    operation: `POST ${O}/releases/`,
    path: '/api/0/organizations/acme/releases/',
    body: { version: 'backend@9.0.0', projects: ['backend'], ref: 'main' },
  },
  {
    operation: `PUT ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/`,
    body: { ref: 'v9.0.0' },
  },
  {
    operation: `POST ${O}/releases/{version}/deploys/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/deploys/`,
    body: { environment: 'production', name: 'contract deploy' },
  },
  {
    operation: `DELETE ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/`,
  },
  {
    operation: `PUT ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issueA.wire.id}/`,
    body: { status: 'resolved' },
  },
  {
    operation: `PUT ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?id=${issueA.wire.id}&id=${issueB.wire.id}&project=-1`,
    body: { status: 'unresolved' },
  },
  {
    operation: `DELETE ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issueC.wire.id}/`,
  },
  {
    operation: `DELETE ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?id=${issueD.wire.id}&project=-1`,
  },
  {
    operation: `POST ${O}/monitors/`,
    path: '/api/0/organizations/acme/monitors/',
    body: {
      project: 'backend',
      name: 'Contract Job',
      config: { schedule_type: 'interval', schedule: [2, 'hour'], checkin_margin: 5 },
    },
  },
  {
    operation: `PUT ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/contract-job/',
    body: { config: { schedule_type: 'crontab', schedule: '0 * * * *', timezone: 'Europe/Paris' } },
  },
  {
    operation: `PUT ${P}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/projects/acme/backend/monitors/contract-job/',
    body: { is_muted: true },
  },
  {
    operation: `DELETE ${P}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/projects/acme/backend/monitors/contract-job/',
  },
  {
    operation: `DELETE ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/rotate-logs/?environment=production',
  },
  { operation: `DELETE ${P}/`, path: '/api/0/projects/acme/contract-project/' },
  { operation: `DELETE ${T}/`, path: '/api/0/teams/acme/contract-team/' },
];

let sentry: LocalSentry;

beforeAll(async () => {
  sentry = await startLocalSentry({ data });
});

afterAll(async () => {
  await sentry?.close();
});

async function check({ operation, path, body, keep }: Case): Promise<void> {
  const method = operation.split(' ')[0] ?? 'GET';
  const url = `${sentry.url}${typeof path === 'function' ? path() : path}`;
  const payload = typeof body === 'function' ? body() : body;
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${sentry.token}`,
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const text = await response.text();
  const documented = Object.keys(operationOf(operation).responses);
  expect(
    documented,
    `${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`,
  ).toContain(String(response.status));
  const validate = validatorFor(operation, String(response.status));
  if (!validate) return;
  const json: unknown = JSON.parse(text);
  const valid = validate(json);
  expect(valid ? [] : describeErrors(validate.errors), `${method} ${url}`).toEqual([]);
  keep?.(json);
}

describe('local Sentry responses match the OpenAPI spec', () => {
  it.each(
    READS.map(
      (c) =>
        [`${c.operation.split(' ')[0]} ${typeof c.path === 'string' ? c.path : ''}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    await check(c);
  });

  it.each(WRITES.map((c) => [c.operation, c] as const))('%s', async (_name, c) => {
    await check(c);
  });

  it('has schemas that reject a malformed body', () => {
    const validate = validatorFor(`GET ${O}/issues/`, '200');
    expect(validate?.([{ id: 1, shortId: 'X-1' }])).toBe(false);
    expect(validate?.([])).toBe(true);
  });

  it('exercises every operation of the vendored subset', () => {
    const exercised = new Set([...READS, ...WRITES].map((c) => c.operation));
    const documented = Object.entries(subset.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !exercised.has(operation))).toEqual([]);
  });
});

// Session replays. Vitest collects the suites above once this module has run, so these join them.
const replay = acme.replays.find((r) => r.clicks.length > 0 && (r.wire.count_segments ?? 0) > 1);
if (!replay) throw new Error('seeded data lacks a replay with clicks and segments');
const replayProject = data.projectsById.get(replay.projectId)?.wire.slug ?? '';
const R = `/api/0/projects/acme/${replayProject}/replays/${replay.wire.id}`;
READS.push(
  {
    operation: `GET ${O}/replays/`,
    path: '/api/0/organizations/acme/replays/?statsPeriod=90d&per_page=50',
  },
  {
    operation: `GET ${O}/replays/{replay_id}/`,
    path: `/api/0/organizations/acme/replays/${replay.wire.id}/?statsPeriod=90d`,
  },
  { operation: `GET ${P}/replays/{replay_id}/clicks/`, path: `${R}/clicks/` },
  {
    operation: `GET ${P}/replays/{replay_id}/recording-segments/`,
    path: `${R}/recording-segments/`,
  },
  {
    operation: `GET ${P}/replays/{replay_id}/recording-segments/{segment_id}/`,
    path: `${R}/recording-segments/1/`,
  },
  {
    operation: `GET ${O}/replay-count/`,
    path: `/api/0/organizations/acme/replay-count/?query=${encodeURIComponent(`issue.id:[${replay.issueIds.join(',') || issue.wire.id}]`)}`,
  },
);
WRITES.push({ operation: `DELETE ${P}/replays/{replay_id}/`, path: `${R}/` });

describe('events an SDK sent read as the spec says', () => {
  it('the event, its issue, its attachments and the lists', async () => {
    const id = 'f'.repeat(32);
    const key = sentry.data.projectsById.get(
      String(data.organizations.get('acme')?.projectsBySlug.get('backend')?.wire.id),
    )?.keys[0]?.wire;
    const event = JSON.stringify({
      event_id: id,
      platform: 'node',
      release: 'contract@1.0.0',
      user: { id: '7', email: 'u7@example.com' },
      tags: { area: 'checkout' },
      exception: {
        values: [
          {
            type: 'TypeError',
            value: 'x is undefined',
            mechanism: { type: 'onunhandledrejection', handled: false },
            stacktrace: {
              frames: [{ filename: 'app.js', function: 'main', lineno: 1, in_app: true }],
            },
          },
        ],
      },
      breadcrumbs: [{ timestamp: Date.now() / 1000, category: 'console', message: 'hi' }],
      request: {
        url: 'https://shop.example.com/cart?x=1',
        method: 'post',
        headers: { Accept: '*/*' },
      },
    });
    const envelope = [
      JSON.stringify({ event_id: id }),
      JSON.stringify({ type: 'event', length: Buffer.byteLength(event) }),
      event,
      JSON.stringify({ type: 'attachment', length: 2, filename: 'a.txt' }),
      'hi',
      '',
    ].join('\n');
    const reply = await fetch(`${sentry.url}/api/${String(key?.projectId)}/envelope/`, {
      method: 'POST',
      body: envelope,
      headers: { 'X-Sentry-Auth': `Sentry sentry_key=${String(key?.public)}, sentry_version=7` },
    });
    expect(reply.status).toBe(200);
    const groupId = sentry.data.eventsById.get(id)?.issueId ?? '';
    await check({
      operation: `GET ${P}/events/{event_id}/`,
      path: `/api/0/projects/acme/backend/events/${id}/`,
    });
    await check({
      operation: `GET ${O}/issues/{issue_id}/`,
      path: `/api/0/organizations/acme/issues/${groupId}/`,
    });
    await check({
      operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
      path: `/api/0/organizations/acme/issues/${groupId}/events/latest/`,
    });
    await check({
      operation: `GET ${P}/events/{event_id}/attachments/`,
      path: `/api/0/projects/acme/backend/events/${id}/attachments/`,
    });
    await check({
      operation: `GET ${P}/events/`,
      path: '/api/0/projects/acme/backend/events/?per_page=5',
    });
    await check({
      operation: `GET ${O}/issues/`,
      path: '/api/0/organizations/acme/issues/?limit=5&sort=new',
    });
  });
});
// SCIM, Sentry App installations and member removal (the admin routes), appended to the lists
// above before the suite collects them.
const scimMember = acme.members.find((m) => m.wire.inviteStatus === 'approved');
const scimCreated: { memberId?: string } = {};
READS.push(
  { operation: `GET ${O}/scim/v2/Users`, path: '/api/0/organizations/acme/scim/v2/Users' },
  {
    operation: `GET ${O}/scim/v2/Users`,
    path: `/api/0/organizations/acme/scim/v2/Users?startIndex=2&count=2&filter=${encodeURIComponent(`userName eq "${scimMember?.wire.email}"`)}`,
  },
  {
    operation: `GET ${O}/scim/v2/Users/{member_id}`,
    path: `/api/0/organizations/acme/scim/v2/Users/${scimMember?.wire.id}`,
  },
  { operation: `GET ${O}/scim/v2/Groups`, path: '/api/0/organizations/acme/scim/v2/Groups' },
  {
    operation: `GET ${O}/scim/v2/Groups/{team_id_or_slug}`,
    path: `/api/0/organizations/acme/scim/v2/Groups/${team.wire.id}`,
  },
  {
    operation: `GET ${O}/sentry-app-installations/`,
    path: '/api/0/organizations/acme/sentry-app-installations/',
  },
);
WRITES.push(
  {
    operation: `POST ${O}/scim/v2/Users`,
    path: '/api/0/organizations/acme/scim/v2/Users',
    body: { userName: 'contract.scim@example.com', sentryOrgRole: 'member' },
    keep: (body) => {
      scimCreated.memberId = idOf(body);
    },
  },
  {
    operation: `DELETE ${O}/members/{member_id}/`,
    path: () => `/api/0/organizations/acme/members/${scimCreated.memberId}/`,
  },
  {
    operation: `POST ${O}/scim/v2/Groups`,
    path: '/api/0/organizations/acme/scim/v2/Groups',
    body: { displayName: 'Contract SCIM Group' },
  },
  {
    operation: 'POST /api/0/sentry-app-installations/{uuid}/external-issues/',
    path: () =>
      `/api/0/sentry-app-installations/${installations(data, acme)[0]?.uuid}/external-issues/`,
    body: {
      issueId: Number(issue.wire.id),
      webUrl: 'https://linear.app/acme/issue/ENG-1',
      project: 'ENG',
      identifier: '1',
    },
  },
);
describe('local Sentry: threads, debug images, adoption stages and Discover match the spec', () => {
  const android = acme.projectsBySlug.get('android');
  const androidEvent = android?.issues[0]?.events[0];
  const cases: Case[] = [
    {
      operation: `GET ${P}/events/{event_id}/`,
      path: `/api/0/projects/acme/android/events/${androidEvent?.id}/`,
    },
    {
      operation: `GET ${O}/releases/{version}/`,
      path: `/api/0/organizations/acme/releases/${encodeURIComponent(release.wire.version)}/?adoptionStages=1`,
    },
    {
      operation: `GET ${O}/releases/`,
      path: '/api/0/organizations/acme/releases/?project=-1&adoptionStages=1',
    },
    {
      operation: `GET ${O}/events/`,
      path: '/api/0/organizations/acme/events/?dataset=errors&project=-1&field=id&field=title&field=issue.id&field=project.id&field=user.display&field=tags[browser]&field=timestamp&sort=-timestamp',
    },
  ];
  it.each(cases.map((c) => [String(c.path), c] as const))('%s', async (_name, c) => {
    expect(androidEvent).toBeDefined();
    await check(c);
  });
});

// Release files, a project's release commits, source-map-debug and debug files (the files
// resource; its multipart uploads are checked in local-sentry-files.test.ts).
const jsProject = data.projectsById.get(jsRelease.projectIds[0] ?? '')?.wire.slug ?? '';
const jsFiles = `/api/0/projects/acme/${jsProject}/releases/${v(jsRelease.wire.version)}/files/`;
const [fileA, fileB] = jsRelease.files;
const jsEvent = acme.events.find((e) => e.projectId === jsRelease.projectIds[0]);
READS.push(
  { operation: `GET ${P}/releases/{version}/files/`, path: jsFiles },
  { operation: `GET ${P}/releases/{version}/files/{file_id}/`, path: `${jsFiles}${fileA?.id}/` },
  {
    operation: `GET ${O}/releases/{version}/commitfiles/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/commitfiles/`,
  },
  {
    operation: `GET ${P}/releases/{version}/commits/`,
    path: `/api/0/projects/acme/${jsProject}/releases/${v(jsRelease.wire.version)}/commits/`,
  },
  {
    operation: `GET ${P}/events/{event_id}/source-map-debug/`,
    path: `/api/0/projects/acme/${jsProject}/events/${jsEvent?.id}/source-map-debug/?exception_idx=0&frame_idx=0`,
  },
  { operation: `GET ${P}/files/dsyms/`, path: '/api/0/projects/acme/android/files/dsyms/' },
);
const orgFiles = `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/`;
WRITES.push(
  {
    operation: `PUT ${O}/releases/{version}/files/{file_id}/`,
    path: `${orgFiles}${fileA?.id}/`,
    body: { name: '~/static/js/renamed.js' },
  },
  {
    operation: `PUT ${P}/releases/{version}/files/{file_id}/`,
    path: `${jsFiles}${fileB?.id}/`,
    body: { name: '~/static/js/renamed.js.map', dist: 'web' },
  },
  {
    operation: `DELETE ${O}/releases/{version}/files/{file_id}/`,
    path: `${orgFiles}${fileA?.id}/`,
  },
  { operation: `DELETE ${P}/releases/{version}/files/{file_id}/`, path: `${jsFiles}${fileB?.id}/` },
);

// Usage stats (stats_v2 and the project series); the other stats routes are not in the spec.
READS.push(
  {
    operation: `GET ${O}/stats_v2/`,
    path: '/api/0/organizations/acme/stats_v2/?field=sum(quantity)&groupBy=outcome&groupBy=category&statsPeriod=7d&interval=1d',
  },
  {
    operation: `GET ${O}/stats_v2/`,
    path: '/api/0/organizations/acme/stats_v2/?field=sum(times_seen)&groupBy=project&statsPeriod=24h',
  },
  {
    operation: `GET ${P}/stats/`,
    path: '/api/0/projects/acme/backend/stats/?stat=received&resolution=1h',
  },
);

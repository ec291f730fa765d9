/**
 * The ingest routes of the embedded Sentry as Relay answers them, with hand-built envelopes and
 * store bodies: DSN auth (401/403/400, nothing stored), compressed bodies, envelope framing
 * (length-prefixed and newline-terminated items; malformed envelopes refused whole), CORS,
 * attachments, fingerprints, duplicates, dropped item types, check-in upserts, session aggregates.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';

type Row = Record<string, unknown>;

let sentry: TestLocalSentry;
let backend: { id: string; key: string; keyId: string };
let frontend: { id: string; key: string };

const hex = (n: number) => n.toString(16).padStart(32, '0');

/** An envelope of `items` (`[header, payload]`); `length` set unless `terminated`. */
function envelope(
  header: Row,
  items: [Row, string | Buffer][],
  { terminated = false } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
  for (const [itemHeader, payload] of items) {
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const head = terminated ? itemHeader : { ...itemHeader, length: bytes.length };
    parts.push(Buffer.from(`${JSON.stringify(head)}\n`), bytes, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

const errorEvent = (id: string, extra: Row = {}): Row => ({
  event_id: id,
  timestamp: Date.now() / 1000,
  platform: 'python',
  release: 'ingest@1.0.0',
  environment: 'production',
  exception: {
    values: [
      {
        type: 'KeyError',
        value: "'total'",
        module: 'builtins',
        mechanism: { type: 'django', handled: false },
        stacktrace: {
          frames: [
            { filename: 'django/core/handlers.py', function: 'inner', lineno: 10, in_app: false },
            {
              filename: 'shop/orders.py',
              module: 'shop.orders',
              function: 'total',
              lineno: 42,
              in_app: true,
            },
          ],
        },
      },
    ],
  },
  ...extra,
});

async function post(
  path: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Row; headers: Headers }> {
  const response = await fetch(`${sentry.url}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Row) : {},
    headers: response.headers,
  };
}

const auth = (key: string) => ({
  'X-Sentry-Auth': `Sentry sentry_key=${key}, sentry_version=7, sentry_client=test/1.0`,
});
const stored = (id: string) => sentry.data.eventsById.has(id);
const eventOf = async (id: string) =>
  (await sentry.fetchJson<Row>(`/api/0/projects/acme/backend/events/${id}/`)).body;
const issueOf = async (id: string) =>
  (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${id}/`)).body;

beforeAll(async () => {
  sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
  const keyOf = async (project: string) => {
    const keys = await sentry.fetchJson<Row[]>(`/api/0/projects/acme/${project}/keys/`);
    const key = keys.body[0] as Row;
    return { id: String(key['projectId']), key: String(key['public']), keyId: String(key['id']) };
  };
  backend = await keyOf('backend');
  frontend = await keyOf('frontend');
});

afterAll(async () => {
  await sentry?.close();
});

describe('POST /api/{project_id}/store/', () => {
  it('a gzipped event with sentry_key: stored, normalised, answered with its id', async () => {
    const id = hex(1);
    const body = gzipSync(
      JSON.stringify({
        event_id: id,
        timestamp: new Date(Date.now() - 5000).toISOString().replace('Z', ''),
        message: 'Queue backlog above 10000',
        level: 'warn',
        platform: 'not-a-platform',
        tags: [
          ['queue', 'emails'],
          ['region', 'eu'],
        ],
        user: { id: 42, ip_address: '{{auto}}' },
      }),
    );
    const reply = await post(
      `/api/${backend.id}/store/?sentry_key=${backend.key}&sentry_version=7`,
      body,
      {
        'Content-Encoding': 'gzip',
        'Content-Type': 'application/json',
      },
    );
    expect(reply).toMatchObject({ status: 200, body: { id } });
    const event = await eventOf(id);
    expect(event).toMatchObject({
      type: 'default',
      title: 'Queue backlog above 10000',
      platform: 'other',
      user: { id: '42', ip_address: '127.0.0.1' },
    });
    expect(event['tags']).toEqual(
      expect.arrayContaining([
        { key: 'level', value: 'warning' },
        { key: 'queue', value: 'emails' },
        { key: 'user', value: 'id:42' },
      ]),
    );
    expect(Date.now() - Date.parse(String(event['dateCreated']))).toBeGreaterThanOrEqual(4000);
  });
});

describe('POST /api/{project_id}/envelope/', () => {
  it('an event with attachments (X-Sentry-Auth, deflate): the issue, its short id, the files', async () => {
    const id = hex(2);
    const before = sentry.data.projectsById.get(backend.id)?.nextShortId ?? 0;
    const body = envelope({ event_id: id }, [
      [{ type: 'event' }, JSON.stringify(errorEvent(id))],
      [
        { type: 'attachment', filename: 'log.txt', content_type: 'text/plain' },
        'line one\nline two',
      ],
      [{ type: 'client_report' }, '{"discarded_events":[]}'],
      [{ type: 'transaction' }, '{"type":"transaction"}'],
    ]);
    const reply = await post(`/api/${backend.id}/envelope/`, deflateSync(body), {
      ...auth(backend.key),
      'Content-Encoding': 'deflate',
    });
    expect(reply).toMatchObject({ status: 200, body: { id } });
    const event = await eventOf(id);
    expect(event).toMatchObject({
      title: "KeyError: 'total'",
      culprit: 'shop.orders in total',
      location: 'shop/orders.py',
      platform: 'python',
      release: { version: 'ingest@1.0.0' },
    });
    const issue = await issueOf(String(event['groupID']));
    expect(issue).toMatchObject({
      count: '1',
      isUnhandled: true,
      status: 'unresolved',
      substatus: 'new',
      firstRelease: { version: 'ingest@1.0.0' },
      metadata: { type: 'KeyError', value: "'total'", function: 'total' },
    });
    expect(issue['shortId']).toBe(`BACKEND-${before.toString(32).toUpperCase()}`);
    // The series reach the event, though it is dated after the seeded data's epoch.
    const stats = issue['stats'] as Record<string, [number, number][]>;
    for (const period of ['24h', '30d']) {
      expect(stats[period]?.reduce((n, [, count]) => n + count, 0)).toBe(1);
    }
    const files = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/events/${id}/attachments/`,
    );
    expect(files.body).toMatchObject([
      { event_id: id, name: 'log.txt', mimetype: 'text/plain', size: 17, type: 'event.attachment' },
    ]);
    const release = await sentry.fetchJson<Row>('/api/0/organizations/acme/releases/ingest@1.0.0/');
    expect(release.body).toMatchObject({ version: 'ingest@1.0.0', newGroups: 1 });
  });

  it('newline-terminated items, auth by the envelope header DSN; a duplicate id is dropped', async () => {
    const id = hex(3);
    const dsn = `http://${backend.key}@127.0.0.1/${backend.id}`;
    const body = envelope(
      { event_id: id, dsn },
      [[{ type: 'event' }, JSON.stringify(errorEvent(id))]],
      {
        terminated: true,
      },
    );
    expect((await post(`/api/${backend.id}/envelope/`, body)).status).toBe(200);
    const groupId = String((await eventOf(id))['groupID']);
    expect((await issueOf(groupId))['count']).toBe('2');
    expect((await post(`/api/${backend.id}/envelope/`, body)).status).toBe(200);
    expect((await issueOf(groupId))['count']).toBe('2');
  });

  it('a user_report item is user feedback on its event', async () => {
    const id = hex(3);
    const report = {
      event_id: id,
      name: 'Bo',
      email: 'bo@example.com',
      comments: 'It broke at checkout',
    };
    const body = envelope({}, [[{ type: 'user_report' }, JSON.stringify(report)]]);
    expect((await post(`/api/${backend.id}/envelope/`, body, auth(backend.key))).status).toBe(200);
    const feedback = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    expect(feedback.body[0]).toMatchObject({
      eventID: id,
      comments: 'It broke at checkout',
      name: 'Bo',
    });
    expect((await eventOf(id))['userReport']).toMatchObject({ comments: 'It broke at checkout' });
  });

  it('fingerprints: {{ default }} with a tenant splits the same exception; the same one joins', async () => {
    const send = async (n: number, tenant: string) => {
      const id = hex(100 + n);
      const event = errorEvent(id, { fingerprint: ['{{ default }}', tenant] });
      await post(
        `/api/${backend.id}/envelope/`,
        envelope({ event_id: id }, [[{ type: 'event' }, JSON.stringify(event)]]),
        auth(backend.key),
      );
      return String((await eventOf(id))['groupID']);
    };
    const a1 = await send(1, 'tenant-a');
    const b1 = await send(2, 'tenant-b');
    const a2 = await send(3, 'tenant-a');
    expect(a1).toBe(a2);
    expect(a1).not.toBe(b1);
    expect((await issueOf(a1))['count']).toBe('2');
  });

  it('check-ins upsert their monitor from monitor_config; without a monitor they are dropped', async () => {
    const checkIn = (id: string, slug: string, extra: Row = {}) =>
      envelope({}, [
        [{ type: 'check_in' }, JSON.stringify({ check_in_id: id, monitor_slug: slug, ...extra })],
      ]);
    const id = 'c'.repeat(32);
    await post(
      `/api/${backend.id}/envelope/`,
      checkIn(id, 'hourly-sync', {
        status: 'in_progress',
        environment: 'staging',
        monitor_config: {
          schedule: { type: 'interval', value: 1, unit: 'hour' },
          checkin_margin: 2,
        },
      }),
      auth(backend.key),
    );
    await post(
      `/api/${backend.id}/envelope/`,
      checkIn(id, 'hourly-sync', { status: 'ok', duration: 1.5 }),
      auth(backend.key),
    );
    const monitor = await sentry.fetchJson<Row>('/api/0/organizations/acme/monitors/hourly-sync/');
    expect(monitor.body).toMatchObject({
      slug: 'hourly-sync',
      config: { schedule_type: 'interval', schedule: [1, 'hour'], checkin_margin: 2 },
    });
    const checkIns = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/monitors/hourly-sync/checkins/',
    );
    expect(checkIns.body).toMatchObject([
      {
        id: 'cccccccc-cccc-cccc-cccc-cccccccccccc',
        status: 'ok',
        duration: 1500,
        environment: 'staging',
      },
    ]);
    const dropped = await post(
      `/api/${backend.id}/envelope/`,
      checkIn('d'.repeat(32), 'no-such-job', { status: 'ok' }),
      auth(backend.key),
    );
    expect(dropped.status).toBe(200);
    expect(
      sentry.data.organizations.get('acme')?.monitors.some((m) => m.wire.slug === 'no-such-job'),
    ).toBe(false);
  });

  it('session aggregates count into release health', async () => {
    const started = new Date().toISOString();
    const body = envelope({}, [
      [
        { type: 'sessions' },
        JSON.stringify({
          aggregates: [{ started, exited: 5, errored: 2, crashed: 1 }],
          attrs: { release: 'agg@1.0.0', environment: 'production' },
        }),
      ],
    ]);
    expect((await post(`/api/${backend.id}/envelope/`, body, auth(backend.key))).status).toBe(200);
    const stats = await sentry.fetchJson<{ groups: { by: Row; totals: Row }[] }>(
      '/api/0/organizations/acme/sessions/?field=sum(session)&field=crash_free_rate(session)&query=release:agg@1.0.0&statsPeriod=24h&interval=1h',
    );
    expect(stats.body.groups[0]?.totals).toEqual({
      'sum(session)': 8,
      'crash_free_rate(session)': 0.875,
    });
  });
});

describe('auth and malformed bodies: refused, nothing stored', () => {
  const one = (id: string) =>
    envelope({ event_id: id }, [[{ type: 'event' }, JSON.stringify(errorEvent(id))]]);

  it('401 without a key or with a bad header, 400 for a malformed key, 403 for unknown, other project, disabled', async () => {
    const path = `/api/${backend.id}/envelope/`;
    expect(await post(path, one(hex(201)))).toMatchObject({
      status: 401,
      body: { detail: 'missing authorization information' },
    });
    expect(await post(path, one(hex(202)), { 'X-Sentry-Auth': 'Bearer nope' })).toMatchObject({
      status: 401,
      body: { detail: 'bad x-sentry-auth header' },
    });
    expect(await post(path, one(hex(203)), auth('not-hex'))).toMatchObject({
      status: 400,
      body: { detail: 'bad sentry DSN public key' },
    });
    const rejected = {
      status: 403,
      body: { detail: 'event submission rejected with_reason: ProjectId' },
    };
    expect(await post(path, one(hex(204)), auth('e'.repeat(32)))).toMatchObject(rejected);
    expect(await post(path, one(hex(205)), auth(frontend.key))).toMatchObject(rejected);
    await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${backend.keyId}/`, {
      method: 'PUT',
      body: { isActive: false },
    });
    expect(
      await post(
        `/api/${backend.id}/store/`,
        JSON.stringify(errorEvent(hex(206))),
        auth(backend.key),
      ),
    ).toMatchObject(rejected);
    await sentry.fetchJson(`/api/0/projects/acme/backend/keys/${backend.keyId}/`, {
      method: 'PUT',
      body: { isActive: true },
    });
    for (let n = 201; n <= 206; n++) expect(stored(hex(n))).toBe(false);
  });

  it('400 for a malformed envelope, and the valid items before the fault are not stored', async () => {
    const path = `/api/${backend.id}/envelope/`;
    const good = one(hex(301));
    const cases: Buffer[] = [
      Buffer.concat([good, Buffer.from('{"type":\n')]),
      Buffer.concat([good, Buffer.from('{"type":"attachment","length":999}\nshort\n')]),
      Buffer.from('not json\n{"type":"event"}\n{}\n'),
      Buffer.from(`{"event_id":"${hex(301)}"}\n`),
      envelope({}, [[{ type: 'event' }, '{"event_id": oops']]),
    ];
    for (const body of cases) {
      const reply = await post(path, body, auth(backend.key));
      expect(reply.status).toBe(400);
      expect(String(reply.body['detail'])).toMatch(/invalid event envelope|empty envelope/);
    }
    expect(
      (await post(`/api/${backend.id}/store/`, '{"broken"', auth(backend.key))).body,
    ).toMatchObject({
      detail: 'invalid JSON data',
    });
    expect(stored(hex(301))).toBe(false);
  });

  it('CORS for browser SDKs: the preflight and the answers allow any origin', async () => {
    for (const route of ['envelope', 'store']) {
      const preflight = await fetch(`${sentry.url}/api/${backend.id}/${route}/`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-sentry-auth');
    }
    const refused = await post(`/api/${backend.id}/envelope/`, one(hex(401)), {
      Origin: 'https://shop.example.com',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});

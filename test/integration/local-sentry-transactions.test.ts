/**
 * Transactions sent to the embedded Sentry as SDKs send them (a hand-built `transaction`
 * envelope item, `store` with `type: "transaction"`, and the real `@sentry/node` with
 * `tracesSampleRate: 1`, run in a child process): stored as transaction events in no issue,
 * read through the project event route with Sentry's transaction body (validated against the
 * spec), kept out of the error lists and the org-wide event-id lookup, listed by Discover's
 * `transactions` dataset. Also the project flags the data sets: `firstTransactionEvent`,
 * `hasProfiles` (a `profile` item), `hasSessions` (a `session` item), and the seeded ones.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';
import { PROJECT_EVENT, specErrors } from '../helpers/openapi-contract.ts';

type Row = Record<string, unknown>;

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('../helpers/sentry-sdk-transaction.mjs', import.meta.url));

let sentry: TestLocalSentry;
let backend: { id: string; key: string; dsn: string };

const hex = (n: number) => `7a${n.toString(16).padStart(30, '0')}`;

function envelope(header: Row, items: [Row, Row][]): Buffer {
  const lines = [JSON.stringify(header)];
  for (const [itemHeader, payload] of items) {
    const bytes = Buffer.from(JSON.stringify(payload));
    lines.push(JSON.stringify({ ...itemHeader, length: bytes.length }), bytes.toString());
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function post(path: string, body: Buffer | string, type = 'application/json') {
  const response = await fetch(`${sentry.url}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'Content-Type': type },
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Row) : {} };
}

const now = Date.now() / 1000;
const transactionPayload = (id: string, name: string): Row => ({
  event_id: id,
  type: 'transaction',
  transaction: name,
  transaction_info: { source: 'route' },
  platform: 'python',
  release: 'ingest@3.0.0',
  environment: 'production',
  start_timestamp: now - 2,
  timestamp: now - 1,
  contexts: {
    trace: { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), op: 'http.server', status: 'ok' },
  },
  measurements: { lcp: { value: 812.5 }, 'cart.items': { value: 3, unit: 'none' } },
  spans: [
    {
      span_id: 'c'.repeat(16),
      parent_span_id: 'b'.repeat(16),
      trace_id: 'a'.repeat(32),
      op: 'db.query',
      description: 'SELECT * FROM orders',
      start_timestamp: now - 1.9,
      timestamp: now - 1.6,
      status: 'ok',
    },
    {
      span_id: 'd'.repeat(16),
      parent_span_id: 'b'.repeat(16),
      op: 'db.query',
      description: 'SELECT * FROM items',
      start_timestamp: now - 1.7,
      timestamp: now - 1.5,
    },
    {
      span_id: 'e'.repeat(16),
      parent_span_id: 'b'.repeat(16),
      op: 'http.client',
      description: 'POST https://pay.example.com',
      start_timestamp: now - 1.4,
      timestamp: now - 1.3,
    },
  ],
});

/** The hour around the wall clock (ingested events are dated after the seeded data's epoch). */
const range = () =>
  `start=${new Date(Date.now() - 3_600_000).toISOString()}&end=${new Date(Date.now() + 3_600_000).toISOString()}`;

/** The `spans` entry's spans of an event body. */
const spansOf = (body: Row): Row[] =>
  ((body['entries'] as Row[]).find((entry) => entry['type'] === 'spans')?.['data'] ?? []) as Row[];

const eventOf = (id: string) => sentry.fetchJson<Row>(`/api/0/projects/acme/backend/events/${id}/`);

beforeAll(async () => {
  sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
  const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/keys/');
  const key = keys.body[0] as Row;
  backend = {
    id: String(key['projectId']),
    key: String(key['public']),
    dsn: String((key['dsn'] as Row)['public']),
  };
});

afterAll(async () => {
  await sentry?.close();
});

describe('transaction events', () => {
  it('an envelope transaction: stored in no issue, with timing, measurements, breakdowns, spans', async () => {
    const id = hex(1);
    const reply = await post(
      `/api/${backend.id}/envelope/?sentry_key=${backend.key}`,
      envelope({ event_id: id }, [[{ type: 'transaction' }, transactionPayload(id, '/checkout')]]),
    );
    expect(reply).toEqual({ status: 200, body: { id } });
    const { status, body } = await eventOf(id);
    expect(status).toBe(200);
    expect(specErrors(PROJECT_EVENT, body)).toEqual([]);
    expect(body).toMatchObject({
      eventID: id,
      groupID: null,
      type: 'transaction',
      title: '/checkout',
      culprit: '/checkout',
      location: '/checkout',
      platform: 'python',
      release: { version: 'ingest@3.0.0' },
      startTimestamp: now - 2,
      endTimestamp: now - 1,
      measurements: {
        lcp: { value: 812.5, unit: 'millisecond' },
        'cart.items': { value: 3, unit: 'none' },
      },
      contexts: { trace: { trace_id: 'a'.repeat(32), op: 'http.server', type: 'trace' } },
      nextEventID: null,
      previousEventID: null,
    });
    // db: 1.9→1.6 and 1.7→1.5 overlap: 400 ms covered; http: 100 ms.
    const ops = (body['breakdowns'] as Record<string, Record<string, Row>>)['span_ops'] ?? {};
    expect(ops['ops.db']?.['value']).toBeCloseTo(400, 0);
    expect(ops['ops.http']?.['value']).toBeCloseTo(100, 0);
    expect(ops['total.time']?.['value']).toBeCloseTo(500, 0);
    expect(ops['ops.db']?.['unit']).toBe('millisecond');
    const spans = spansOf(body);
    expect(spans.map((span) => span['op'])).toEqual(['db.query', 'db.query', 'http.client']);
    expect(spans[1]).toMatchObject({ trace_id: 'a'.repeat(32) });
    // Relay's exclusive time: leaf spans keep their duration; the transaction (the trace
    // context, 1 s) less what its children cover (400 ms of db, 100 ms of http).
    expect(Number(spans[0]?.['exclusive_time'])).toBeCloseTo(300, 0);
    const trace = (body['contexts'] as Record<string, Row>)['trace'];
    expect(Number(trace?.['exclusive_time'])).toBeCloseTo(500, 0);
    const tags = Object.fromEntries(
      (body['tags'] as { key: string; value: string }[]).map((t) => [t.key, t.value]),
    );
    expect(tags).toMatchObject({ level: 'info', transaction: '/checkout' });
  });

  it('is no error event: not in the project list, not found by the org-wide event-id lookup', async () => {
    const list = await sentry.fetchJson<Row[]>('/api/0/projects/acme/backend/events/?per_page=100');
    expect(list.body.some((row) => row['eventID'] === hex(1))).toBe(false);
    const lookup = await sentry.fetchJson(`/api/0/organizations/acme/eventids/${hex(1)}/`);
    expect(lookup.status).toBe(404);
    const other = await sentry.fetchJson(`/api/0/projects/acme/frontend/events/${hex(1)}/`);
    expect(other.status).toBe(404);
  });

  it('store with type transaction; a duplicate id and one without a start are dropped', async () => {
    const id = hex(2);
    const path = `/api/${backend.id}/store/?sentry_key=${backend.key}`;
    const stored = await post(path, JSON.stringify(transactionPayload(id, '/cart')));
    expect(stored).toEqual({ status: 200, body: { id } });
    const again = await post(path, JSON.stringify(transactionPayload(id, '/other')));
    expect(again.status).toBe(200);
    expect((await eventOf(id)).body).toMatchObject({ type: 'transaction', title: '/cart' });
    const { start_timestamp: _start, ...partial } = transactionPayload(hex(3), '/x');
    const invalid = await post(path, JSON.stringify(partial));
    expect(invalid.status).toBe(400);
    expect((await eventOf(hex(3))).status).toBe(404);
  });

  it("Discover's transactions dataset lists them; its errors dataset does not", async () => {
    const base = `/api/0/organizations/acme/events/?${range()}&project=${backend.id}`;
    const fields = 'field=id&field=title&field=event.type&field=transaction.duration';
    const table = await sentry.fetchJson<{ data: Row[]; meta: Row }>(
      `${base}&dataset=transactions&${fields}&sort=title`,
    );
    expect(table.status).toBe(200);
    expect(
      specErrors('GET /api/0/organizations/{organization_id_or_slug}/events/', table.body),
    ).toEqual([]);
    expect(table.body.data).toEqual([
      { id: hex(2), title: '/cart', 'event.type': 'transaction', 'transaction.duration': 1000 },
      { id: hex(1), title: '/checkout', 'event.type': 'transaction', 'transaction.duration': 1000 },
    ]);
    expect(table.body.meta).toMatchObject({
      dataset: 'transactions',
      fields: { 'transaction.duration': 'duration' },
      units: { 'transaction.duration': 'millisecond' },
    });
    const errors = await sentry.fetchJson<{ data: Row[] }>(
      `${base}&dataset=errors&field=id&field=event.type`,
    );
    expect(errors.body.data.some((row) => row['event.type'] === 'transaction')).toBe(false);
  });

  it('@sentry/node startSpan with tracesSampleRate 1: the transaction and its child spans', async () => {
    const { stdout } = await run(process.execPath, [CLIENT], {
      timeout: 60_000,
      env: { PATH: process.env['PATH'] ?? '', SENTRY_DSN: backend.dsn },
    });
    const sent = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Row;
    const table = await sentry.fetchJson<{ data: Row[] }>(
      `/api/0/organizations/acme/events/?dataset=transactions&${range()}&field=id&field=title&query=${encodeURIComponent('transaction:"GET /checkout"')}`,
    );
    // Searched by its `transaction` tag: only the SDK's transaction matches.
    expect(table.body.data.map((r) => r['title'])).toEqual(['GET /checkout']);
    const row = table.body.data[0];
    const { body } = await eventOf(String(row?.['id']));
    expect(specErrors(PROJECT_EVENT, body)).toEqual([]);
    expect(body).toMatchObject({
      type: 'transaction',
      title: 'GET /checkout',
      platform: 'node',
      release: { version: 'shop@2.0.0' },
      sdk: { name: 'sentry.javascript.node' },
      contexts: { trace: { trace_id: sent['trace'], span_id: sent['root'], op: 'http.server' } },
      measurements: { 'cart.items': { value: 3, unit: 'none' } },
    });
    expect(Number(body['endTimestamp'])).toBeGreaterThan(Number(body['startTimestamp']));
    expect(
      spansOf(body)
        .map((span) => span['op'])
        .sort(),
    ).toEqual(['db.query', 'http.client']);
    const ops = (body['breakdowns'] as Record<string, Record<string, Row>>)['span_ops'] ?? {};
    expect(Object.keys(ops).sort()).toEqual(['ops.db', 'ops.http', 'total.time']);
  }, 90_000);
});

describe('project flags from the data', () => {
  const flags = async (slug: string) =>
    (await sentry.fetchJson<Row>(`/api/0/projects/acme/${slug}/`)).body;

  it('seeded: hasSessions for projects in releases, hasReplays and hasMonitors where those exist', async () => {
    const rows = (await sentry.fetchJson<Row[]>('/api/0/organizations/acme/projects/')).body;
    const org = sentry.data.organizations.get('acme');
    for (const row of rows) {
      const id = String(row['id']);
      expect(row['hasSessions']).toBe(
        org?.releases.some((release) => release.projectIds.includes(id)) ?? false,
      );
      expect(row['hasReplays']).toBe(org?.replays.some((r) => r.projectId === id) ?? false);
      expect(row['hasMonitors']).toBe(org?.monitors.some((m) => m.projectId === id) ?? false);
    }
    expect(rows.some((row) => row['hasSessions'] === true)).toBe(true);
    expect(rows.some((row) => row['hasReplays'] === true)).toBe(true);
    expect(rows.some((row) => row['hasMonitors'] === true)).toBe(true);
  });

  it('firstTransactionEvent after a transaction; hasProfiles after a profile item', async () => {
    expect(await flags('backend')).toMatchObject({ firstTransactionEvent: true });
    expect(await flags('frontend')).toMatchObject({ hasProfiles: false });
    const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/keys/');
    const key = keys.body[0] as Row;
    const reply = await post(
      `/api/${String(key['projectId'])}/envelope/?sentry_key=${String(key['public'])}`,
      envelope({ event_id: hex(9) }, [[{ type: 'profile' }, { version: '1', platform: 'node' }]]),
    );
    expect(reply.status).toBe(200);
    expect(await flags('frontend')).toMatchObject({ hasProfiles: true });
  });

  it('hasSessions after a session item, for a project that had none', async () => {
    const teams = await sentry.fetchJson<Row[]>('/api/0/organizations/acme/teams/');
    const team = String((teams.body[0] as Row)['slug']);
    const created = await sentry.fetchJson<Row>(`/api/0/teams/acme/${team}/projects/`, {
      method: 'POST',
      body: { name: 'Sessions Probe', slug: 'sessions-probe', platform: 'node' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasSessions: false, firstEvent: null });
    const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/sessions-probe/keys/');
    const key = keys.body[0] as Row;
    const session = {
      sid: 'f'.repeat(32),
      status: 'exited',
      started: new Date().toISOString(),
      attrs: { release: 'probe@1.0.0', environment: 'production' },
    };
    await post(
      `/api/${String(key['projectId'])}/envelope/?sentry_key=${String(key['public'])}`,
      envelope({}, [[{ type: 'session' }, session]]),
    );
    expect(await flags('sessions-probe')).toMatchObject({ hasSessions: true });
  });
});

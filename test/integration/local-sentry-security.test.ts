/**
 * Browser security reports posted to the embedded Sentry as browsers post them to a project's
 * `report-uri` (Relay's `POST /api/{project_id}/security/?sentry_key=…`, its older name
 * `csp-report/`, and `security` envelope items): CSP (`application/csp-report` and the Reporting
 * API's `application/reports+json` list), HPKP, Expect-CT and Expect-Staple become events of
 * their type, with Relay's title, culprit, tags and request and the report as their entry,
 * grouped into issues; the bodies validate against the spec. Also the `template` interface of a
 * stored event (Django/Jinja template errors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { type TestLocalSentry, withLocalSentry } from '../helpers/local-sentry.ts';
import { PROJECT_EVENT, specErrors } from '../helpers/openapi-contract.ts';
import {
  CSP_REPORT,
  EXPECT_CT_REPORT,
  EXPECT_STAPLE_REPORT,
  HPKP_REPORT,
} from '../helpers/security-reports.ts';

type Row = Record<string, unknown>;

let sentry: TestLocalSentry;
let frontend: { id: string; key: string };

async function post(path: string, body: string, type: string) {
  const response = await fetch(`${sentry.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': type, 'User-Agent': 'Mozilla/5.0 (X11) Firefox/140.0' },
  });
  return { status: response.status, text: await response.text() };
}

const security = (query = '') => `/api/${frontend.id}/security/?sentry_key=${frontend.key}${query}`;

/** The frontend project's newest event of a title, in full. */
async function newest(title: string): Promise<Row> {
  const list = await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/events/?per_page=50');
  const row = list.body.find((event) => event['title'] === title);
  if (!row) throw new Error(`no event titled ${title}`);
  const detail = await sentry.fetchJson<Row>(
    `/api/0/projects/acme/frontend/events/${String(row['eventID'])}/`,
  );
  expect(detail.status).toBe(200);
  expect(specErrors(PROJECT_EVENT, detail.body)).toEqual([]);
  return detail.body;
}

const entry = (event: Row, type: string) =>
  ((event['entries'] as Row[]).find((e) => e['type'] === type)?.['data'] ?? null) as Row | null;
const tags = (event: Row) =>
  Object.fromEntries(
    (event['tags'] as { key: string; value: string }[]).map((t) => [t.key, t.value]),
  );
const issueOf = async (event: Row) =>
  (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${String(event['groupID'])}/`))
    .body;

beforeAll(async () => {
  sentry = await withLocalSentry({ data: generateData({ seed: 1, scale: 'small' }) });
  const keys = await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/keys/');
  const key = keys.body[0] as Row;
  frontend = { id: String(key['projectId']), key: String(key['public']) };
});

afterAll(async () => {
  await sentry?.close();
});

describe('POST /api/{project_id}/security/', () => {
  it('a CSP report: 200 with no body; a csp event with Relay title, culprit, tags, request', async () => {
    const reply = await post(
      security('&sentry_release=web@4.2.0&sentry_environment=staging'),
      JSON.stringify(CSP_REPORT),
      'application/csp-report',
    );
    expect(reply).toEqual({ status: 200, text: '' });
    const event = await newest("Blocked 'script' from 'evil.example.com'");
    expect(event).toMatchObject({
      type: 'csp',
      message: "Blocked 'script' from 'evil.example.com'",
      culprit: "script-src 'self' https://cdn.example.com",
      location: 'evil.example.com',
      release: { version: 'web@4.2.0' },
      metadata: { directive: 'script-src', uri: 'evil.example.com' },
    });
    expect(entry(event, 'csp')).toEqual({
      effective_directive: 'script-src',
      blocked_uri: 'https://evil.example.com/miner.js',
      document_uri: 'https://shop.example.com/checkout?step=2',
      original_policy: "script-src 'self' https://cdn.example.com; report-uri /csp",
      referrer: 'https://shop.example.com/cart',
      status_code: 200,
      violated_directive: "script-src 'self' https://cdn.example.com",
      source_file: 'https://shop.example.com/static/app.js',
      line_number: 12,
      column_number: 7,
      script_sample: '',
      disposition: 'enforce',
    });
    expect(tags(event)).toMatchObject({
      'effective-directive': 'script-src',
      'blocked-uri': 'https://evil.example.com/miner.js',
      'blocked-host': 'evil.example.com',
      environment: 'staging',
      level: 'error',
    });
    expect(entry(event, 'request')).toMatchObject({
      url: 'https://shop.example.com/checkout',
      headers: [
        ['Referer', 'https://shop.example.com/cart'],
        ['User-Agent', 'Mozilla/5.0 (X11) Firefox/140.0'],
      ],
    });
    expect(await issueOf(event)).toMatchObject({
      type: 'csp',
      title: "Blocked 'script' from 'evil.example.com'",
      culprit: "script-src 'self' https://cdn.example.com",
      count: '1',
    });
  });

  it('the same violation again, by the Reporting API and an envelope item: one issue', async () => {
    const batch = [
      {
        type: 'csp-violation',
        age: 10,
        url: 'https://shop.example.com/',
        body: {
          documentURL: 'https://shop.example.com/',
          blockedURL: 'https://evil.example.com/other.js',
          effectiveDirective: 'script-src-elem',
          originalPolicy: "script-src 'self'",
          disposition: 'report',
          statusCode: 200,
          sample: '',
        },
      },
      { type: 'deprecation', body: { id: 'x', message: 'dropped' } },
    ];
    const reply = await post(security(), JSON.stringify(batch), 'application/reports+json');
    expect(reply.status).toBe(200);
    const reported = await newest("Blocked 'script' from 'evil.example.com'");
    expect(entry(reported, 'csp')).toMatchObject({
      effective_directive: 'script-src-elem',
      disposition: 'report',
      violated_directive: '',
    });
    // No violated directive: Sentry falls back to the page for the culprit.
    expect(reported['culprit']).toBe('https://shop.example.com/');

    const payload = JSON.stringify(CSP_REPORT);
    const body = `{}\n${JSON.stringify({ type: 'security', length: Buffer.byteLength(payload) })}\n${payload}\n`;
    const sent = await post(
      `/api/${frontend.id}/envelope/?sentry_key=${frontend.key}`,
      body,
      'application/x-sentry-envelope',
    );
    expect(sent.status).toBe(200);
    const list = await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/events/?per_page=50');
    const csp = list.body.filter((e) => e['title'] === "Blocked 'script' from 'evil.example.com'");
    const byDirective = new Map<string, number>();
    for (const row of csp) {
      const issue = String(row['groupID']);
      byDirective.set(issue, (byDirective.get(issue) ?? 0) + 1);
    }
    // script-src (twice) and script-src-elem: two issues, by directive and blocked host.
    expect([...byDirective.values()].sort()).toEqual([1, 2]);
  });

  it('HPKP, Expect-CT and Expect-Staple: their event types, titles, culprits and entries', async () => {
    for (const [report, type] of [
      [HPKP_REPORT, 'application/json'],
      [EXPECT_CT_REPORT, 'application/expect-ct-report+json'],
      [EXPECT_STAPLE_REPORT, 'application/expect-staple-report'],
    ] as const) {
      expect((await post(security(), JSON.stringify(report), type)).status).toBe(200);
    }
    const hpkp = await newest("Public key pinning validation failed for 'www.example.com'");
    expect(hpkp).toMatchObject({ type: 'hpkp', culprit: 'www.example.com' });
    expect(entry(hpkp, 'hpkp')).toEqual({
      date_time: '2026-11-30T13:00:50Z',
      hostname: 'www.example.com',
      port: 443,
      effective_expiration_date: '2026-12-31T12:40:50Z',
      include_subdomains: false,
      noted_hostname: 'example.com',
      served_certificate_chain: HPKP_REPORT['served-certificate-chain'],
      validated_certificate_chain: HPKP_REPORT['validated-certificate-chain'],
      known_pins: HPKP_REPORT['known-pins'],
    });
    expect(tags(hpkp)).toMatchObject({
      hostname: 'www.example.com',
      port: '443',
      'include-subdomains': 'false',
    });

    const ct = await newest("Expect-CT failed for 'ct.example.com'");
    expect(ct).toMatchObject({ type: 'expectct', culprit: 'ct.example.com' });
    expect(entry(ct, 'expectct')).toMatchObject({
      hostname: 'ct.example.com',
      port: 443,
      scts: [{ version: 1, status: 'invalid', source: 'embedded', serialized_sct: 'ABCD==' }],
    });

    const staple = await newest("Expect-Staple failed for 'staple.example.com'");
    expect(staple).toMatchObject({ type: 'expectstaple', culprit: 'staple.example.com' });
    expect(entry(staple, 'expectstaple')).toMatchObject({
      hostname: 'staple.example.com',
      response_status: 'ERROR_RESPONSE',
      cert_status: 'REVOKED',
      ocsp_response: 'MIIDxAoBAKCC',
    });
    expect(tags(staple)).toMatchObject({
      response_status: 'ERROR_RESPONSE',
      cert_status: 'REVOKED',
    });
    expect((await issueOf(staple))['type']).toBe('expectstaple');
  });

  it('the csp-report/ alias; 415 for other media types, 400 empty, 401 without a key', async () => {
    const alias = await post(
      `/api/${frontend.id}/csp-report/?sentry_key=${frontend.key}`,
      JSON.stringify(HPKP_REPORT),
      'application/json',
    );
    expect(alias.status).toBe(200);
    expect((await post(security(), JSON.stringify(CSP_REPORT), 'text/plain')).status).toBe(415);
    expect((await post(security(), '', 'application/csp-report')).status).toBe(400);
    const anonymous = await post(
      `/api/${frontend.id}/security/`,
      JSON.stringify(CSP_REPORT),
      'application/csp-report',
    );
    expect(anonymous.status).toBe(401);
    // Unreadable reports are answered and dropped, as Relay does.
    const before = (await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/events/')).body;
    expect((await post(security(), '{"what": 1}', 'application/json')).status).toBe(200);
    const after = (await sentry.fetchJson<Row[]>('/api/0/projects/acme/frontend/events/')).body;
    expect(after[0]?.['eventID']).toBe(before[0]?.['eventID']);
  });
});

describe('the template interface', () => {
  it('an event with `template`: its entry as Sentry serialises it, grouped by file and line', async () => {
    const template = {
      filename: 'shop/cart.html',
      abs_path: '/srv/shop/templates/shop/cart.html',
      lineno: 14,
      pre_context: ['{% block content %}', '<ul>'],
      context_line: '{{ item.price|currency }}',
      post_context: ['</ul>'],
    };
    const payload = (id: string) =>
      JSON.stringify({
        event_id: id,
        platform: 'python',
        message: "Invalid filter: 'currency'",
        template,
      });
    const path = `/api/${frontend.id}/store/?sentry_key=${frontend.key}`;
    for (const id of ['5e'.padEnd(32, '1'), '5e'.padEnd(32, '2')]) {
      expect((await post(path, payload(id), 'application/json')).status).toBe(200);
    }
    const event = await newest("Invalid filter: 'currency'");
    expect(entry(event, 'template')).toEqual({
      filename: 'shop/cart.html',
      lineNo: 14,
      context: [
        [12, '{% block content %}'],
        [13, '<ul>'],
        [14, '{{ item.price|currency }}'],
        [15, '</ul>'],
      ],
    });
    expect((await issueOf(event))['count']).toBe('2');
  });
});

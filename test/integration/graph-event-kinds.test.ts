/**
 * The event kinds beyond errors read through the gateway, after sending them to the embedded
 * Sentry the way browsers and SDKs do: CSP, HPKP, Expect-CT and Expect-Staple reports (the
 * security endpoint), a template error (store) and a transaction (envelope). Each reads back
 * typed and equal to what was sent (`csp`, `hpkp`, `expectCt`, `expectStaple`, `template`,
 * `startTimestamp`, `endTimestamp`, `measurements`, `breakdowns`, `spans`, `eventType`), in
 * the one event call of `Project.event`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { fetchJson } from '../helpers/local-sentry.ts';
import {
  CSP_REPORT,
  EXPECT_CT_REPORT,
  EXPECT_STAPLE_REPORT,
  HPKP_REPORT,
} from '../helpers/security-reports.ts';

type Row = Record<string, unknown>;

const EventKinds = graphql(`
  query EventKinds($project: String!, $eventId: String!) {
    organization(slug: "acme") {
      project(slug: $project) {
        event(eventId: $eventId) {
          eventId
          eventType
          title
          culprit
          issue { shortId }
          csp {
            documentUri effectiveDirective violatedDirective blockedUri originalPolicy referrer
            statusCode sourceFile lineNumber columnNumber scriptSample disposition
          }
          hpkp {
            dateTime hostname port effectiveExpirationDate includeSubdomains notedHostname
            servedCertificateChain validatedCertificateChain knownPins
          }
          expectCt { dateTime hostname port servedCertificateChain scts }
          expectStaple { hostname port responseStatus certStatus ocspResponse }
          template { filename lineNo context { lineNo line } }
          startTimestamp
          endTimestamp
          measurements { name value unit }
          breakdowns { name measurements { name value unit } }
          spans { spanId parentSpanId traceId op description status startedAt endedAt durationMs }
        }
      }
    }
  }
`);

let gateway: TestGateway;
let frontend: { id: string; key: string };
let backend: { id: string; key: string };

const rest = <T = Row>(path: string) =>
  fetchJson<T>(gateway.sentry.url, path, { token: gateway.sentry.token });

async function post(path: string, body: string, type = 'application/json') {
  const response = await fetch(`${gateway.sentry.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': type },
  });
  expect(response.status).toBe(200);
}

/** The id of the project's newest event titled `title`. */
async function eventIdOf(project: string, title: string): Promise<string> {
  const list = await rest<Row[]>(`/api/0/projects/acme/${project}/events/?per_page=50`);
  const row = list.body.find((event) => event['title'] === title);
  if (!row) throw new Error(`no event titled ${title}`);
  return String(row['eventID']);
}

async function read(project: string, eventId: string) {
  await gateway.resetUpstreamStats();
  const { data, errors } = await gateway.execute(EventKinds, { project, eventId });
  expect(errors).toBeUndefined();
  // Every field read comes with the one event call (the project and issue lookups aside).
  const calls = await gateway.upstreamRequests();
  expect(calls.filter((call) => call.includes('/events/'))).toEqual([
    'GET /api/0/projects/{org}/{project}/events/{event_id}/',
  ]);
  const event = data?.organization?.project?.event;
  if (!event) throw new Error('no event');
  return event;
}

const keyOf = async (project: string) => {
  const keys = await rest<Row[]>(`/api/0/projects/acme/${project}/keys/`);
  const key = keys.body[0] as Row;
  return { id: String(key['projectId']), key: String(key['public']) };
};

const security = () => `/api/${frontend.id}/security/?sentry_key=${frontend.key}`;

beforeAll(async () => {
  gateway = await startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
  });
  frontend = await keyOf('frontend');
  backend = await keyOf('backend');
}, 60_000);

afterAll(async () => {
  await gateway?.[Symbol.asyncDispose]();
});

describe('event kinds through the gateway', () => {
  it('a CSP report: eventType CSP, `csp` as sent, no transaction fields', async () => {
    await post(security(), JSON.stringify(CSP_REPORT), 'application/csp-report');
    const id = await eventIdOf('frontend', "Blocked 'script' from 'evil.example.com'");
    const event = await read('frontend', id);
    const sent = CSP_REPORT['csp-report'];
    expect(event).toMatchObject({
      eventId: id,
      eventType: 'CSP',
      title: "Blocked 'script' from 'evil.example.com'",
      culprit: sent['violated-directive'],
      csp: {
        documentUri: sent['document-uri'],
        effectiveDirective: sent['effective-directive'],
        violatedDirective: sent['violated-directive'],
        blockedUri: sent['blocked-uri'],
        originalPolicy: sent['original-policy'],
        referrer: sent.referrer,
        statusCode: 200,
        sourceFile: sent['source-file'],
        lineNumber: sent['line-number'],
        columnNumber: sent['column-number'],
        scriptSample: '',
        disposition: sent.disposition,
      },
      hpkp: null,
      template: null,
      startTimestamp: null,
      measurements: [],
      breakdowns: [],
      spans: [],
    });
    expect(event.issue?.shortId).toMatch(/^FRONTEND-/);
  });

  it('HPKP, Expect-CT and Expect-Staple: their entries as sent', async () => {
    await post(security(), JSON.stringify(HPKP_REPORT));
    await post(security(), JSON.stringify(EXPECT_CT_REPORT), 'application/expect-ct-report');
    await post(
      security(),
      JSON.stringify(EXPECT_STAPLE_REPORT),
      'application/expect-staple-report',
    );
    const hpkp = await read(
      'frontend',
      await eventIdOf('frontend', "Public key pinning validation failed for 'www.example.com'"),
    );
    expect(hpkp).toMatchObject({
      eventType: 'HPKP',
      hpkp: {
        dateTime: '2026-11-30T13:00:50Z',
        hostname: HPKP_REPORT.hostname,
        port: 443,
        effectiveExpirationDate: HPKP_REPORT['effective-expiration-date'],
        includeSubdomains: false,
        notedHostname: HPKP_REPORT['noted-hostname'],
        servedCertificateChain: HPKP_REPORT['served-certificate-chain'],
        validatedCertificateChain: HPKP_REPORT['validated-certificate-chain'],
        knownPins: HPKP_REPORT['known-pins'],
      },
      csp: null,
    });
    const ct = await read(
      'frontend',
      await eventIdOf('frontend', "Expect-CT failed for 'ct.example.com'"),
    );
    const sentCt = EXPECT_CT_REPORT['expect-ct-report'];
    expect(ct).toMatchObject({
      eventType: 'EXPECTCT',
      expectCt: {
        dateTime: sentCt['date-time'],
        hostname: sentCt.hostname,
        port: 443,
        servedCertificateChain: sentCt['served-certificate-chain'],
        scts: sentCt.scts,
      },
    });
    const staple = await read(
      'frontend',
      await eventIdOf('frontend', "Expect-Staple failed for 'staple.example.com'"),
    );
    const sentStaple = EXPECT_STAPLE_REPORT['expect-staple-report'];
    expect(staple).toMatchObject({
      eventType: 'EXPECTSTAPLE',
      expectStaple: {
        hostname: sentStaple.hostname,
        port: 443,
        responseStatus: sentStaple['response-status'],
        certStatus: sentStaple['cert-status'],
        ocspResponse: sentStaple['ocsp-response'],
      },
    });
  });

  it('a template error: `template` with its numbered lines', async () => {
    await post(
      `/api/${backend.id}/store/?sentry_key=${backend.key}`,
      JSON.stringify({
        platform: 'python',
        message: 'TemplateSyntaxError: unclosed tag',
        template: {
          filename: 'orders/detail.html',
          lineno: 3,
          pre_context: ['<h1>{{ order.id }}</h1>'],
          context_line: '{% if order.paid %}',
          post_context: [],
        },
      }),
    );
    const event = await read(
      'backend',
      await eventIdOf('backend', 'TemplateSyntaxError: unclosed tag'),
    );
    expect(event).toMatchObject({
      eventType: 'DEFAULT',
      template: {
        filename: 'orders/detail.html',
        lineNo: 3,
        context: [
          { lineNo: 2, line: '<h1>{{ order.id }}</h1>' },
          { lineNo: 3, line: '{% if order.paid %}' },
        ],
      },
    });
  });

  it('a transaction: eventType TRANSACTION, timing, measurements, breakdowns and spans', async () => {
    const id = '7b'.padEnd(32, '0');
    const start = Math.floor(Date.now() / 1000) - 10;
    const payload = JSON.stringify({
      event_id: id,
      type: 'transaction',
      transaction: 'GET /orders/{id}',
      platform: 'python',
      start_timestamp: start,
      timestamp: start + 0.75,
      contexts: { trace: { trace_id: '1'.repeat(32), span_id: '2'.repeat(16), op: 'http.server' } },
      measurements: { fcp: { value: 120 } },
      spans: [
        {
          span_id: '3'.repeat(16),
          parent_span_id: '2'.repeat(16),
          trace_id: '1'.repeat(32),
          op: 'db.query',
          description: 'SELECT 1',
          status: 'ok',
          start_timestamp: start + 0.1,
          timestamp: start + 0.35,
        },
      ],
    });
    const envelope = `{"event_id":"${id}"}\n{"type":"transaction","length":${Buffer.byteLength(payload)}}\n${payload}\n`;
    await post(`/api/${backend.id}/envelope/?sentry_key=${backend.key}`, envelope);
    const event = await read('backend', id);
    expect(event).toEqual({
      eventId: id,
      eventType: 'TRANSACTION',
      title: 'GET /orders/{id}',
      culprit: 'GET /orders/{id}',
      issue: null,
      csp: null,
      hpkp: null,
      expectCt: null,
      expectStaple: null,
      template: null,
      startTimestamp: new Date(start * 1000).toISOString(),
      endTimestamp: new Date((start + 0.75) * 1000).toISOString(),
      measurements: [{ name: 'fcp', value: 120, unit: 'millisecond' }],
      breakdowns: [
        {
          name: 'span_ops',
          measurements: [
            { name: 'ops.db', value: 250, unit: 'millisecond' },
            { name: 'total.time', value: 250, unit: 'millisecond' },
          ],
        },
      ],
      spans: [
        {
          spanId: '3'.repeat(16),
          parentSpanId: '2'.repeat(16),
          traceId: '1'.repeat(32),
          op: 'db.query',
          description: 'SELECT 1',
          status: 'ok',
          startedAt: new Date((start + 0.1) * 1000).toISOString(),
          endedAt: new Date((start + 0.35) * 1000).toISOString(),
          durationMs: 250,
        },
      ],
    });
  });
});

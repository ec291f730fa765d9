/**
 * Sentry's real clients sending to the embedded Sentry with a seeded project key's DSN: the
 * official `@sentry/node` SDK (captureException, captureMessage, fingerprints, sessions,
 * withMonitor; run in a child process, test/helpers/sentry-sdk-client.mjs) and
 * `sentry-cli send-event`. What a Sentry user then sees is checked through REST and through the
 * gateway. Needs `@sentry/node` and `@sentry/cli` installed (devDependencies); never skips.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { fetchJson } from '../helpers/local-sentry.ts';
import { SENTRY_CLI } from '../helpers/sentry-cli.ts';

type Row = Record<string, unknown>;

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('../helpers/sentry-sdk-client.mjs', import.meta.url));

const IngestedIssue = graphql(`
  query IngestedIssue($shortId: String!, $eventId: String!) {
    organization(slug: "acme") {
      issue(shortId: $shortId) {
        shortId
        title
        status
        substatus
        eventCount
        userCount
        firstRelease {
          version
        }
        project {
          slug
        }
        event(eventId: $eventId) {
          eventId
          title
          platform
          tags {
            key
            value
          }
          user {
            id
            email
            username
          }
          release {
            version
          }
          exception {
            values {
              type
              value
              mechanism {
                type
                handled
              }
              stacktrace {
                frames {
                  function
                  module
                  inApp
                  lineNo
                }
              }
            }
          }
        }
      }
    }
  }
`);

const IngestedHealth = graphql(`
  query IngestedHealth($version: String!) {
    organization(slug: "acme") {
      release(version: $version) {
        version
        health(statsPeriod: "24h", fields: [SESSIONS], groupBy: [SESSION_STATUS]) {
          groups {
            sessionStatus
            totals {
              sessions
            }
          }
        }
      }
      monitor(slug: "nightly-settlement") {
        slug
        project {
          slug
        }
        checkIns(first: 5) {
          nodes {
            status
            duration
            environment
          }
        }
      }
    }
  }
`);

let gateway: TestGateway;
let dsn: string;
let first: Record<string, string>;

const rest = <T = Row>(path: string, init: { method?: string; body?: unknown } = {}) =>
  fetchJson<T>(gateway.sentry.url, path, { token: gateway.sentry.token, ...init });

/** Runs the instrumented application once; returns the event ids it reported. */
async function application(scenario: string): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, [CLIENT, scenario], {
    timeout: 60_000,
    env: { PATH: process.env['PATH'] ?? '', SENTRY_DSN: dsn, SDK_RELEASE: 'shop@1.0.0' },
  });
  return (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { events: Record<string, string> })
    .events;
}

const eventOf = async (id: string) =>
  (await rest<Row>(`/api/0/projects/acme/backend/events/${id}/`)).body;

beforeAll(async () => {
  gateway = await startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
  });
  const keys = await rest<Row[]>('/api/0/projects/acme/backend/keys/');
  dsn = String(((keys.body[0] as Row)['dsn'] as Row)['public']);
  first = await application('first');
}, 120_000);

afterAll(async () => {
  await gateway?.[Symbol.asyncDispose]();
});

describe('@sentry/node against the embedded Sentry', () => {
  it('the DSN of a seeded key points at the embedded server', () => {
    expect(dsn.startsWith(`http://`)).toBe(true);
    expect(new URL(dsn).host).toBe(new URL(gateway.sentry.url).host);
  });

  it('captureException: the same exception twice is one issue of two events, with frames, tags, user, release', async () => {
    const one = await eventOf(first['charge1'] as string);
    const two = await eventOf(first['charge2'] as string);
    expect(one['groupID']).toBe(two['groupID']);
    expect(one).toMatchObject({
      platform: 'node',
      type: 'error',
      culprit: 'chargeCard(sentry-sdk-client)',
      release: { version: 'shop@1.0.0' },
      user: { id: 'user-7', email: 'ada@example.com', username: 'ada' },
      sdk: { name: 'sentry.javascript.node', version: '10.78.0' },
    });
    const tags = Object.fromEntries(
      (one['tags'] as { key: string; value: string }[]).map((t) => [t.key, t.value]),
    );
    expect(tags).toMatchObject({
      'checkout.step': 'payment',
      environment: 'production',
      level: 'error',
      release: 'shop@1.0.0',
      user: 'id:user-7',
      handled: 'yes',
      'runtime.name': 'node',
    });
    const exception = (one['entries'] as Row[]).find((e) => e['type'] === 'exception') as Row;
    const value = ((exception['data'] as Row)['values'] as Row[])[0] as Row;
    expect(value).toMatchObject({ type: 'TypeError' });
    const frames = (value['stacktrace'] as Row)['frames'] as Row[];
    expect(frames.at(-1)).toMatchObject({ function: 'chargeCard', inApp: true, lineNo: 26 });
    expect(frames.at(-2)).toMatchObject({ function: 'captureCharge', inApp: true });

    const issue = (await rest<Row>(`/api/0/organizations/acme/issues/${String(one['groupID'])}/`))
      .body;
    expect(issue).toMatchObject({
      count: '2',
      userCount: 1,
      status: 'unresolved',
      substatus: 'new',
      level: 'error',
      firstRelease: { version: 'shop@1.0.0' },
      project: { slug: 'backend' },
    });
    expect(String(issue['shortId'])).toMatch(/^BACKEND-[0-9A-Z]+$/);
    expect(String(issue['title'])).toMatch(/^TypeError: Cannot read properties of undefined/);
  });

  it('the issue and event read the same through the gateway', async () => {
    const event = await eventOf(first['charge1'] as string);
    const issue = (await rest<Row>(`/api/0/organizations/acme/issues/${String(event['groupID'])}/`))
      .body;
    const { data, errors } = await gateway.execute(IngestedIssue, {
      shortId: String(issue['shortId']),
      eventId: first['charge1'] as string,
    });
    expect(errors).toBeUndefined();
    const node = data?.organization?.issue;
    expect(node).toMatchObject({
      shortId: issue['shortId'],
      eventCount: 2,
      userCount: 1,
      firstRelease: { version: 'shop@1.0.0' },
      project: { slug: 'backend' },
      event: {
        eventId: first['charge1'],
        platform: 'node',
        user: { id: 'user-7', email: 'ada@example.com', username: 'ada' },
        release: { version: 'shop@1.0.0' },
      },
    });
    expect(node?.event?.tags).toContainEqual({ key: 'checkout.step', value: 'payment' });
    const value = node?.event?.exception?.values[0];
    expect(value).toMatchObject({ type: 'TypeError', mechanism: { handled: true } });
    expect(value?.stacktrace?.frames.at(-1)).toMatchObject({
      function: 'chargeCard',
      module: 'sentry-sdk-client',
      inApp: true,
      lineNo: 26,
    });
  });

  it('captureFeedback: user feedback on the event it names', async () => {
    const feedback = await rest<Row[]>('/api/0/projects/acme/backend/user-feedback/');
    const mine = feedback.body.find((f) => f['eventID'] === first['charge1']);
    expect(mine).toMatchObject({
      comments: 'The pay button did nothing',
      name: 'Ada',
      email: 'ada@example.com',
      user: { id: 'user-7' },
    });
    const event = await eventOf(first['charge1'] as string);
    expect(event['userReport']).toMatchObject({ comments: 'The pay button did nothing' });
    expect((mine?.['issue'] as Row | null)?.['id']).toBe(event['groupID']);
  });

  it('captureMessage: a message issue at the level given', async () => {
    const event = await eventOf(first['message'] as string);
    expect(event).toMatchObject({
      type: 'default',
      title: 'Payment provider answered slowly',
      message: 'Payment provider answered slowly',
    });
    const issue = (await rest<Row>(`/api/0/organizations/acme/issues/${String(event['groupID'])}/`))
      .body;
    expect(issue).toMatchObject({
      title: 'Payment provider answered slowly',
      level: 'warning',
      count: '1',
    });
  });

  it('a custom fingerprint groups different exceptions into one issue', async () => {
    const a = await eventOf(first['declinedA'] as string);
    const b = await eventOf(first['declinedB'] as string);
    expect(a['groupID']).toBe(b['groupID']);
    expect(a['groupID']).not.toBe((await eventOf(first['charge1'] as string))['groupID']);
    const issue = (await rest<Row>(`/api/0/organizations/acme/issues/${String(a['groupID'])}/`))
      .body;
    expect(issue['count']).toBe('2');
  });

  it('sessions feed release health and withMonitor feeds the monitor, through REST and the gateway', async () => {
    const sessions = await rest<{ groups: { by: Row; totals: Row }[] }>(
      '/api/0/organizations/acme/sessions/?field=sum(session)&groupBy=session.status&query=release:shop@1.0.0&statsPeriod=24h&interval=1h',
    );
    const byStatus = Object.fromEntries(
      sessions.body.groups.map((g) => [g.by['session.status'], g.totals['sum(session)']]),
    );
    expect(byStatus['errored']).toBe(1);
    expect(Number(byStatus['healthy'])).toBeGreaterThanOrEqual(1);
    expect(byStatus['crashed']).toBe(0);

    const checkIns = await rest<Row[]>(
      '/api/0/organizations/acme/monitors/nightly-settlement/checkins/',
    );
    expect(checkIns.body).toHaveLength(1);
    expect(checkIns.body[0]).toMatchObject({ status: 'ok', environment: 'production' });
    const monitor = await rest<Row>('/api/0/organizations/acme/monitors/nightly-settlement/');
    expect(monitor.body).toMatchObject({
      slug: 'nightly-settlement',
      config: {
        schedule_type: 'crontab',
        schedule: '0 3 * * *',
        checkin_margin: 5,
        max_runtime: 30,
      },
    });

    const { data, errors } = await gateway.execute(IngestedHealth, { version: 'shop@1.0.0' });
    expect(errors).toBeUndefined();
    const groups = data?.organization?.release?.health?.groups ?? [];
    expect(groups.find((g) => g.sessionStatus === 'ERRORED')?.totals.sessions).toBe(1);
    expect(data?.organization?.monitor).toMatchObject({
      slug: 'nightly-settlement',
      project: { slug: 'backend' },
      checkIns: { nodes: [{ status: 'OK', environment: 'production' }] },
    });
  });

  it('a resolved issue regresses on its next event; a failing job checks in as error', async () => {
    const charge = await eventOf(first['charge1'] as string);
    const id = String(charge['groupID']);
    await rest(`/api/0/organizations/acme/issues/${id}/`, {
      method: 'PUT',
      body: { status: 'resolved' },
    });
    const again = await application('again');
    expect((await eventOf(again['charge3'] as string))['groupID']).toBe(id);
    const issue = (await rest<Row>(`/api/0/organizations/acme/issues/${id}/`)).body;
    expect(issue).toMatchObject({ status: 'unresolved', substatus: 'regressed', count: '3' });
    expect((issue['activity'] as Row[])[0]).toMatchObject({
      type: 'set_regression',
      data: { version: 'shop@1.0.0' },
    });
    const checkIns = await rest<Row[]>(
      '/api/0/organizations/acme/monitors/nightly-settlement/checkins/',
    );
    expect(checkIns.body.map((c) => c['status'])).toEqual(['error', 'ok']);
  });
});

describe('sentry-cli send-event', () => {
  it('-m with tags, a release and a user: a message issue', async () => {
    const { stdout, stderr } = await run(
      SENTRY_CLI,
      [
        'send-event',
        '-m',
        'Nightly export finished with warnings',
        '-t',
        'job:export',
        '-t',
        'shard:7',
        '--release',
        'cli-events@2.0.0',
        '-E',
        'staging',
        '-l',
        'warning',
        '-u',
        'id:ops-bot',
        '--no-environ',
      ],
      {
        timeout: 60_000,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/tmp',
          SENTRY_DSN: dsn,
          SENTRY_DISABLE_UPDATE_CHECK: '1',
          SENTRY_LOAD_DOTENV: '0',
          http_proxy: 'http://127.0.0.1:9',
          https_proxy: 'http://127.0.0.1:9',
          no_proxy: '127.0.0.1',
        },
      },
    );
    const id = /Event id: ([0-9a-f-]{32,36})/.exec(stdout + stderr)?.[1];
    expect(id).toBeDefined();
    const event = await eventOf(String(id).replaceAll('-', ''));
    expect(event).toMatchObject({
      type: 'default',
      title: 'Nightly export finished with warnings',
      release: { version: 'cli-events@2.0.0' },
      user: { id: 'ops-bot' },
    });
    const tags = Object.fromEntries(
      (event['tags'] as { key: string; value: string }[]).map((t) => [t.key, t.value]),
    );
    expect(tags).toMatchObject({
      job: 'export',
      shard: '7',
      environment: 'staging',
      level: 'warning',
      release: 'cli-events@2.0.0',
    });
    const release = await rest<Row>('/api/0/organizations/acme/releases/cli-events@2.0.0/');
    expect(release.status).toBe(200);
  });
});

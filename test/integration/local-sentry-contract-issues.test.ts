/** Issue, event and Discover responses match the OpenAPI spec, SDK-sent events included. */
import { describe, expect, it } from 'vitest';
import { READS, WRITES } from '../helpers/contract-cases/issues.ts';
import { acme, data, seeded } from '../helpers/contract-cases/seed.ts';
import { contractSuite } from '../helpers/contract-suite.ts';
import { type Case, O, P } from '../helpers/openapi-contract.ts';

const { release } = seeded;

const suite = contractSuite(READS, WRITES);
const { check } = suite;

describe('events an SDK sent read as the spec says', () => {
  it('the event, its issue, its attachments and the lists', async () => {
    const id = 'f'.repeat(32);
    const sentry = suite.sentry();
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

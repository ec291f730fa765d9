/**
 * A page of another origin against a gateway that holds a server-wide token, in Debian's
 * Chromium: whatever it tries (fetch with credentials, a "simple" text/plain POST, HTML forms,
 * an image), it reads nothing and writes nothing. Once its origin is named with `corsOrigins`,
 * the same page reads data, so what stops it is the gateway's policy, not the test's setup.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { DEFAULT_TOKEN } from '../../src/local-sentry/http/auth.ts';
import { startServer } from '../../src/main.ts';
import { launchChromium } from '../helpers/browser.ts';

const QUERY = '{ organizations { nodes { slug name } } }';

let browser: Browser;
let site: Server;
let siteOrigin: string;

beforeAll(async () => {
  // The other site: a blank page on another loopback port, driven from the test.
  site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>elsewhere</title><body></body>');
  });
  site.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => site.once('listening', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
});

/** The gateway with a server-wide token, an issue to aim at, and the embedded Sentry's view. */
async function startTarget(corsOrigins?: string[]) {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    scale: 'small',
    token: DEFAULT_TOKEN,
    ...(corsOrigins ? { corsOrigins } : {}),
  });
  const sentry = server.localSentry;
  const issue = sentry?.data.organizations
    .get('acme')
    ?.issues.find((candidate) => candidate.wire.status === 'unresolved');
  if (!sentry || !issue) throw new Error('no embedded Sentry with an unresolved acme issue');
  const id = encodeGlobalId('Issue', `acme/${issue.wire.id}`);
  return {
    server,
    mutation: `mutation { updateIssue(input: { id: "${id}", status: RESOLVED }) { issue { status } } }`,
    async upstream() {
      const response = await fetch(`${sentry.url}/_local/stats`);
      return (await response.json()) as { requests: number; byRoute: Record<string, number> };
    },
    async issueStatus() {
      const response = await fetch(
        `${sentry.url}/api/0/organizations/acme/issues/${issue.wire.id}/`,
        { headers: { authorization: `Bearer ${sentry.token}` } },
      );
      return ((await response.json()) as { status: string }).status;
    },
  };
}

/** Runs in the other site's page: every way it has to reach the gateway, and what it got back. */
async function attack({ url, query, mutation }: { url: string; query: string; mutation: string }) {
  const outcome = async (send: () => Promise<Response>) => {
    try {
      const response = await send();
      return response.type === 'opaque' ? 'opaque' : `read ${await response.text()}`;
    } catch {
      return 'blocked';
    }
  };
  const json = (body: unknown) => JSON.stringify(body);
  const results: Record<string, string> = {
    jsonWithCredentials: await outcome(() =>
      fetch(url, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: json({ query }),
      }),
    ),
    textPlainQuery: await outcome(() =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: json({ query }),
      }),
    ),
    textPlainMutationNoCors: await outcome(() =>
      fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: json({ query: mutation }),
      }),
    ),
    getQuery: await outcome(() => fetch(`${url}?query=${encodeURIComponent(query)}`)),
  };
  // HTML forms, each posted into a frame of its own: the page never sees the answer, but the
  // request is sent, with no preflight.
  const forms: [string, Record<string, string>][] = [
    ['application/x-www-form-urlencoded', { query: mutation }],
    ['multipart/form-data', { operations: json({ query: mutation }) }],
    // The classic: a text/plain form whose one field name and value join into JSON.
    ['text/plain', { [`{"query":${json(mutation)},"x":"`]: '"}' }],
  ];
  for (const [index, [enctype, fields]] of forms.entries()) {
    const frame = document.createElement('iframe');
    frame.name = `sink${index}`;
    document.body.append(frame);
    const loaded = new Promise((resolve) =>
      frame.addEventListener('load', resolve, { once: true }),
    );
    const form = document.createElement('form');
    Object.assign(form, { method: 'POST', action: url, enctype, target: frame.name });
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      Object.assign(input, { type: 'hidden', name, value });
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    await loaded;
    results[`form ${enctype}`] = 'sent';
  }
  const image = document.createElement('img');
  const done = new Promise((resolve) => {
    image.onload = resolve;
    image.onerror = resolve;
  });
  image.src = `${url}?query=${encodeURIComponent(query)}`;
  await done;
  results['image'] = 'sent';
  return results;
}

describe('a page of another origin', () => {
  it('reads nothing and writes nothing through a gateway that holds a server-wide token', async () => {
    const target = await startTarget();
    const page = await browser.newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(target.server.url)) sent.push(request.method());
    });
    try {
      await page.goto(siteOrigin);
      const results = await page.evaluate(attack, {
        url: target.server.url,
        query: QUERY,
        mutation: target.mutation,
      });
      expect(results).toEqual({
        jsonWithCredentials: 'blocked',
        textPlainQuery: 'blocked',
        textPlainMutationNoCors: 'opaque',
        getQuery: 'blocked',
        'form application/x-www-form-urlencoded': 'sent',
        'form multipart/form-data': 'sent',
        'form text/plain': 'sent',
        image: 'sent',
      });
      // The simple requests did reach the gateway (the preflighted one stopped at OPTIONS)...
      expect(sent.filter((method) => method === 'POST').length).toBeGreaterThanOrEqual(5);
      // ...and nothing reached Sentry: not a read, not a write.
      expect(await target.upstream()).toEqual({ requests: 0, byRoute: {} });
      expect(await target.issueStatus()).toBe('unresolved');
    } finally {
      await page.close();
      await target.server.close();
    }
  });

  it('reads data once its origin is named with corsOrigins', async () => {
    const target = await startTarget([siteOrigin]);
    const page = await browser.newPage();
    try {
      await page.goto(siteOrigin);
      const text = await page.evaluate(
        async ({ url, query }) => {
          const response = await fetch(url, {
            method: 'POST',
            credentials: 'include',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          });
          return response.text();
        },
        { url: target.server.url, query: QUERY },
      );
      expect(JSON.parse(text)).toMatchObject({
        data: {
          organizations: { nodes: expect.arrayContaining([{ slug: 'acme', name: 'Acme Corp' }]) },
        },
      });
    } finally {
      await page.close();
      await target.server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { SentryNotFoundError } from '../../src/sentry/http/errors.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

describe('SentryClient.prefetch', () => {
  it('an identical later GET takes the prefetched answer: one call in all', async () => {
    await using sentry = await startLocalSentry({ latencyMs: 20 });
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    client.prefetch((c) => c.projects.get('acme', 'backend'));
    expect(client.requestCount).toBe(0); // counted per attempt, once it is sent
    await new Promise((resolve) => setTimeout(resolve, 5)); // still in flight: shared
    const project = await client.projects.get('acme', 'backend');
    expect(project.slug).toBe('backend');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sentry.stats().requests).toBe(1);
    expect(client.requestCount).toBe(1);
  });

  it('an answer serves one caller; other paths and queries are not served by it', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    client.prefetch((c) => c.projects.list('acme', { perPage: 2 }));
    await client.projects.list('acme', { perPage: 3 }); // another query: its own call
    await client.projects.list('acme', { perPage: 2 }); // the prefetched one
    await client.projects.list('acme', { perPage: 2 }); // taken already: a new call
    expect(sentry.stats().requests).toBe(3);
  });

  it('a failed prefetch nobody takes is silent; one taken rejects for its taker', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      client.prefetch(
        (c) => c.issues.get('acme', '999999999'),
        (c) => c.releases.get('acme', 'no-such-release'),
        () => {
          throw new Error('refused before sending');
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(client.releases.get('acme', 'no-such-release')).rejects.toBeInstanceOf(
        SentryNotFoundError,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(sentry.stats().requests).toBe(2);
  });

  it('a write forgets the prefetched answers (no stale read after it)', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const client = new SentryClient({ upstream, token: sentry.token });
    client.prefetch((c) => c.organizations.get('acme'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.organizations.update('acme', { name: 'Acme Renamed' });
    expect((await client.organizations.get('acme')).name).toBe('Acme Renamed');
    expect(sentry.stats().requests).toBe(3);
  });

  it('is per client: another request (or token) never sees the answer', async () => {
    await using sentry = await startLocalSentry();
    await using upstream = createUpstream({ baseUrl: sentry.url });
    const first = new SentryClient({ upstream, token: sentry.token });
    const second = new SentryClient({ upstream, token: sentry.token });
    let kept: Promise<unknown> | undefined;
    first.prefetch((c) => {
      kept = c.projects.get('acme', 'backend');
      return kept;
    });
    // Once the prefetch is answered (a call still in flight would be shared, by coalescing).
    await kept;
    await second.projects.get('acme', 'backend');
    expect(second.requestCount).toBe(1);
    expect(sentry.stats().requests).toBe(2);
  });
});

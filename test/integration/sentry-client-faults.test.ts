import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { SentryClient } from '../../src/sentry/client.ts';
import { SentryApiError } from '../../src/sentry/http/errors.ts';
import { createUpstream } from '../../src/sentry/http/upstream.ts';

const WRITE = /^(PUT|POST|DELETE) /;

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('the client under random upstream faults', () => {
  it('1,000 GETs at failRate 0.2: right data or a typed error, none hangs', async () => {
    await using sentry = await startLocalSentry({ seed: 7, failRate: 0.2 });
    // 1,000 calls queue for 16 slots; on a loaded machine the last ones would meet the default
    // 15 s upstream timeout, which is not what this test is about (the 50 s guard below is).
    await using upstream = createUpstream({
      baseUrl: sentry.url,
      timeoutMs: 60_000,
      // Each call counted on its own: identical GETs in flight would share one.
      coalesce: false,
    });
    const acme = sentry.data.organizations.get('acme');
    if (!acme) throw new Error('seed data has no acme');
    const issueIds = acme.issues.map((issue) => issue.wire.id);
    const projectSlugs = acme.projects.map((project) => project.wire.slug);

    const outcome = {
      ok: 0,
      retriedThenOk: 0,
      errors: {} as Record<string, number>,
      kinds: {} as Record<string, number>,
      wrong: 0,
    };
    const call = async (i: number): Promise<void> => {
      const client = new SentryClient({ upstream, token: sentry.token });
      let correct: boolean;
      try {
        switch (i % 4) {
          case 0: {
            const id = issueIds[i % issueIds.length] ?? '';
            correct = (await client.issues.get('acme', id)).id === id;
            break;
          }
          case 1: {
            const slug = projectSlugs[i % projectSlugs.length] ?? '';
            const project = await client.projects.get('acme', slug);
            correct = project.slug === slug && project.organizationSlug === 'acme';
            break;
          }
          case 2: {
            const org = i % 8 === 2 ? 'acme' : 'globex';
            correct = (await client.organizations.get(org)).slug === org;
            break;
          }
          default: {
            const ids = [0, 1, 2].map((k) => issueIds[(i + k * 31) % issueIds.length] ?? '');
            const page = await client.issues.list('acme', { groups: ids });
            correct =
              JSON.stringify(page.items.map((issue) => issue.id).sort()) ===
              JSON.stringify([...new Set(ids)].sort());
          }
        }
      } catch (error) {
        // Every failure is one of the typed errors, never a raw socket or parse error.
        expect(error).toBeInstanceOf(SentryApiError);
        const { name, status } = error as SentryApiError;
        const kind = `${name}:${(error as { failure?: string }).failure ?? status}:${client.requestCount}`;
        outcome.kinds[kind] = (outcome.kinds[kind] ?? 0) + 1;
        outcome.errors[name] = (outcome.errors[name] ?? 0) + 1;
        return;
      }
      if (!correct) outcome.wrong++;
      else if (client.requestCount > 1) outcome.retriedThenOk++;
      else outcome.ok++;
    };

    const started = Date.now();
    await withDeadline(
      Promise.all(Array.from({ length: 1000 }, (_, i) => call(i))),
      50_000,
      '1,000 GETs',
    );
    const elapsed = Date.now() - started;
    const stats = upstream.stats();
    const typed = Object.values(outcome.errors).reduce((sum, n) => sum + n, 0);
    console.info(
      `[sentry-client] 1000 GETs at failRate 0.2 in ${elapsed} ms: ok=${outcome.ok} ` +
        `retriedThenOk=${outcome.retriedThenOk} typedErrors=${JSON.stringify(outcome.errors)} ` +
        `(${JSON.stringify(outcome.kinds)}) ` +
        `attempts=${stats.attempts} retries=${stats.retries} upstreamRequests=${sentry.stats().requests}`,
    );
    expect(outcome.wrong).toBe(0);
    expect(outcome.ok + outcome.retriedThenOk + typed).toBe(1000);
    expect(outcome.retriedThenOk).toBeGreaterThan(50);
    expect(typed).toBeLessThan(50);
    expect(stats.attempts).toBe(sentry.stats().requests);
  });

  it('writes under faults: the upstream sees exactly the writes the client was asked to send', async () => {
    await using sentry = await startLocalSentry({ seed: 11, failRate: 0.3 });
    await using upstream = createUpstream({ baseUrl: sentry.url, retry: { baseDelayMs: 5 } });
    const acme = sentry.data.organizations.get('acme');
    if (!acme) throw new Error('seed data has no acme');
    const issueIds = acme.issues.slice(0, 40).map((issue) => issue.wire.id);

    let asked = 0;
    const outcomes = { ok: 0, failed: 0 };
    const write = async (send: (client: SentryClient) => Promise<unknown>): Promise<unknown> => {
      const client = new SentryClient({ upstream, token: sentry.token });
      asked++;
      try {
        const result = await send(client);
        outcomes.ok++;
        return result;
      } catch (error) {
        expect(error).toBeInstanceOf(SentryApiError);
        outcomes.failed++;
        return undefined;
      } finally {
        expect(client.requestCount).toBe(1);
      }
    };

    await Promise.all(
      issueIds.map((id, i) =>
        write((client) => client.issues.update('acme', id, { isBookmarked: i % 2 === 0 })),
      ),
    );
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        write((client) =>
          client.teams.create('acme', { slug: `fault-team-${i}`, name: `Fault ${i}` }),
        ),
      ),
    );
    await Promise.all(
      created
        .filter((team): team is { slug: string } => typeof team === 'object' && team !== null)
        .map((team) => write((client) => client.teams.delete('acme', team.slug))),
    );

    const byRoute = sentry.stats().byRoute;
    const writesSeen = Object.entries(byRoute)
      .filter(([route]) => WRITE.test(route))
      .reduce((sum, [, n]) => sum + n, 0);
    console.info(
      `[sentry-client] writes under failRate 0.3: asked=${asked} seen=${writesSeen} ` +
        `ok=${outcomes.ok} failed=${outcomes.failed}`,
    );
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(writesSeen).toBe(asked);
    expect(upstream.stats().retries).toBe(0);
  });
});

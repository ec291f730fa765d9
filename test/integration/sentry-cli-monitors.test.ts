/**
 * `sentry-cli monitors` (the real binary from @sentry/cli) against the embedded Sentry: `list`
 * reads the organization's monitors through the API, `run` wraps a command and sends its
 * check-ins as envelopes to the project's DSN; what it did is checked through REST and through
 * the gateway.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { sentryCli } from '../helpers/sentry-cli.ts';

type Row = Record<string, unknown>;

let gateway: TestGateway;
let home: string;
let dsn: string;

beforeAll(async () => {
  gateway = await startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
  });
  home = await mkdtemp(join(tmpdir(), 'sentry-cli-monitors-'));
  const [key] = await gateway.rest<{ dsn: { public: string } }[]>(
    '/api/0/projects/acme/backend/keys/',
  );
  if (!key) throw new Error('backend has no key');
  dsn = key.dsn.public;
}, 120_000);

afterAll(async () => {
  await gateway?.[Symbol.asyncDispose]();
  if (home) await rm(home, { recursive: true, force: true });
});

const checkIns = (slug: string) =>
  gateway.rest<Row[]>(`/api/0/organizations/acme/monitors/${slug}/checkins/`);

describe('sentry-cli monitors', () => {
  it('lists the organization monitors', async () => {
    const monitors = await gateway.rest<Row[]>('/api/0/organizations/acme/monitors/');
    expect(monitors.length).toBeGreaterThan(0);
    const output = await sentryCli(gateway.sentry, ['monitors', 'list'], { home });
    for (const monitor of monitors) expect(output).toContain(String(monitor['slug']));
  });

  it('run records an in-progress then ok check-in for a command that succeeds', async () => {
    // A monitor of the DSN's project: check-ins find their monitor by project and slug.
    const monitor = (await gateway.rest<Row[]>('/api/0/organizations/acme/monitors/')).find(
      (row) => (row['project'] as Row)['slug'] === 'backend',
    );
    if (!monitor) throw new Error('backend has no monitor');
    const slug = String(monitor['slug']);
    const environment = String((monitor['environments'] as Row[])[0]?.['name'] ?? 'production');
    const before = await checkIns(slug);
    await sentryCli(gateway.sentry, ['monitors', 'run', '-e', environment, slug, '--', 'true'], {
      home,
      env: { SENTRY_DSN: dsn },
    });
    const after = await checkIns(slug);
    expect(after.length).toBe(before.length + 1);
    const newest = after.find((row) => !before.some((old) => old['id'] === row['id']));
    expect(newest).toMatchObject({ status: 'ok', environment });
    expect(typeof newest?.['duration']).toBe('number');
  });

  it('run with --schedule creates the monitor, and a failing command is an error check-in', async () => {
    const slug = 'cli-nightly-export';
    const failed = sentryCli(
      gateway.sentry,
      ['monitors', 'run', '-s', '0 3 * * *', '--timezone', 'Europe/Vienna', slug, '--', 'false'],
      { home, env: { SENTRY_DSN: dsn } },
    );
    await expect(failed).rejects.toThrow(); // sentry-cli exits with the command's status
    const monitor = await gateway.rest<Row>(`/api/0/organizations/acme/monitors/${slug}/`);
    expect(monitor['config']).toMatchObject({
      schedule_type: 'crontab',
      schedule: '0 3 * * *',
      timezone: 'Europe/Vienna',
    });
    expect((monitor['project'] as Row)['slug']).toBe('backend');
    const rows = await checkIns(slug);
    expect(rows.map((row) => row['status'])).toEqual(['error']);

    const { data, errors } = await gateway.execute<{
      organization: { monitor: { slug: string; lastCheckIn: { status: string } | null } | null };
    }>(
      `{ organization(slug: "acme") { monitor(slug: "${slug}") { slug lastCheckIn { status } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.organization.monitor).toEqual({ slug, lastCheckIn: { status: 'ERROR' } });
  });
});

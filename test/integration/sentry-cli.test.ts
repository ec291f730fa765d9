/**
 * Sentry's own CLI (`@sentry/cli`, the real binary from npm) against the embedded Sentry, as a
 * user would run it: `--url` and an auth token, release workflows, issues, repositories and
 * code mappings; each command's effect is checked through REST and through the gateway.
 * Needs `@sentry/cli` installed (a devDependency); without it this file fails, it never skips.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { fetchJson } from '../helpers/local-sentry.ts';
import { sentryCli } from '../helpers/sentry-cli.ts';

type Row = Record<string, unknown>;

const run = promisify(execFile);

const CliRelease = graphql(`
  query CliRelease($version: String!) {
    organization(slug: "acme") {
      release(version: $version) {
        version
        status
        commitCount
        deployCount
        releasedAt
        projects {
          slug
        }
      }
    }
  }
`);

let gateway: TestGateway;
let home: string;

/** Runs sentry-cli in `cwd` (a scratch directory by default); rejects on a non-zero exit. */
const cli = (args: string[], cwd = home) => sentryCli(gateway.sentry, args, { home, cwd });

const rest = <T = Row>(path: string, init: { method?: string; body?: unknown } = {}) =>
  fetchJson<T>(gateway.sentry.url, path, { token: gateway.sentry.token, ...init });

async function git(args: string[], cwd: string) {
  await run('git', ['-c', 'user.name=Ada Adams', '-c', 'user.email=ada.adams@acme.com', ...args], {
    cwd,
  });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'sentry-cli-'));
  gateway = await startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
  });
});

afterAll(async () => {
  await gateway?.[Symbol.asyncDispose]();
  await rm(home, { recursive: true, force: true });
});

describe('sentry-cli', () => {
  it('info: the server, the token user and its scopes', async () => {
    const out = await cli(['info']);
    expect(out).toContain(`Sentry Server: ${gateway.sentry.url}`);
    expect(out).toMatch(/User: \S+@acme\.com/);
    expect(out).toContain('- project:releases');
  });

  it('releases new (twice, more projects), set-commits, finalize, deploys, archive, restore', async () => {
    const version = 'cli@1.0.0';
    expect(await cli(['releases', 'new', '-p', 'backend', '-p', 'frontend', version])).toContain(
      `Created release ${version}`,
    );
    await cli(['releases', 'new', '-p', 'android', version]);
    const repos = await rest<Row[]>('/api/0/organizations/acme/repos/');
    const android = repos.body.find((r) => r['name'] === 'acme/android') as Row;
    const shas = (
      await rest<Row[]>(`/api/0/organizations/acme/repos/${String(android['id'])}/commits/`)
    ).body.map((c) => String(c['id']));
    await cli([
      'releases',
      'set-commits',
      version,
      '--commit',
      `acme/android@${shas[4]}..${shas[1]}`,
    ]);
    const commits = await rest<Row[]>(`/api/0/organizations/acme/releases/${version}/commits/`);
    expect(commits.body.map((c) => c['id'])).toEqual(shas.slice(1, 4));
    expect(await cli(['releases', 'finalize', version])).toContain(`Finalized release ${version}`);
    await cli(['releases', 'deploys', version, 'new', '-e', 'production']);

    const { data, errors } = await gateway.execute(CliRelease, { version });
    expect(errors).toBeUndefined();
    expect(data?.organization?.release).toMatchObject({
      version,
      status: 'open',
      commitCount: 3,
      deployCount: 1,
      projects: [{ slug: 'backend' }, { slug: 'frontend' }, { slug: 'android' }],
    });
    expect(data?.organization?.release?.releasedAt).toBeTruthy();

    expect(await cli(['releases', 'archive', version])).toContain(`Archived release ${version}`);
    expect((await rest(`/api/0/organizations/acme/releases/${version}/`)).body).toMatchObject({
      status: 'archived',
    });
    await cli(['releases', 'restore', version]);
    expect((await rest(`/api/0/organizations/acme/releases/${version}/`)).body).toMatchObject({
      status: 'open',
    });
    expect(await cli(['releases', 'list', '-p', 'android'])).toContain(version);
  });

  it('set-commits --auto and --local read a git checkout', async () => {
    const checkout = await mkdtemp(join(home, 'repo-'));
    await git(['init', '-q'], checkout);
    await git(['remote', 'add', 'origin', 'https://github.com/acme/backend.git'], checkout);
    await git(['commit', '-q', '--allow-empty', '-m', 'first'], checkout);
    await git(['commit', '-q', '--allow-empty', '-m', 'second'], checkout);
    // The previous backend release's commits are not in this checkout: as against sentry.io,
    // --local then needs --ignore-missing.
    await cli(['releases', 'new', '-p', 'backend', 'git@1'], checkout);
    await cli(['releases', 'set-commits', 'git@1', '--local', '--ignore-missing'], checkout);
    const commits = await rest<Row[]>('/api/0/organizations/acme/releases/git@1/commits/');
    expect(commits.body.map((c) => String(c['message']).trim())).toEqual(['second', 'first']);
    expect(commits.body.map((c) => (c['author'] as Row)['email'])).toEqual([
      'ada.adams@acme.com',
      'ada.adams@acme.com',
    ]);
    // --auto sends the checkout's HEAD as a ref of the repository its remote names.
    await cli(['releases', 'new', '-p', 'backend', 'git@2'], checkout);
    expect(await cli(['releases', 'set-commits', 'git@2', '--auto'], checkout)).toContain(
      'acme/backend',
    );
    const head = await rest<Row>('/api/0/organizations/acme/releases/git@2/');
    expect(head.body).toMatchObject({ commitCount: 1 });
    expect((head.body['lastCommit'] as Row)['id']).toBe(commits.body[0]?.['id']);
  });

  it('issues list and resolve, repos list, events list', async () => {
    const stream = await rest<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved%20project:backend&limit=1',
    );
    const issue = stream.body[0] as Row;
    expect(await cli(['issues', 'list', '-p', 'backend'])).toContain(String(issue['shortId']));
    await cli(['issues', 'resolve', '-p', 'backend', '-i', String(issue['id'])]);
    expect(
      (await rest(`/api/0/organizations/acme/issues/${String(issue['id'])}/`)).body,
    ).toMatchObject({
      status: 'resolved',
    });
    expect(await cli(['repos', 'list'])).toContain('acme/android');
    const events = await rest<Row[]>('/api/0/projects/acme/backend/events/');
    const eventId = String((events.body[0] as Row)['eventID']);
    const dashed = `${eventId.slice(0, 8)}-${eventId.slice(8, 12)}-${eventId.slice(12, 16)}-${eventId.slice(16, 20)}-${eventId.slice(20)}`;
    expect(await cli(['events', 'list', '-p', 'backend'])).toContain(dashed);
  });

  it('code-mappings upload creates, then updates, the mappings', async () => {
    const file = join(home, 'mappings.json');
    await writeFile(
      file,
      JSON.stringify([{ stackRoot: 'com/acme/app', sourceRoot: 'app/src/main/java/com/acme/app' }]),
    );
    const args = ['code-mappings', 'upload', '-p', 'android', '--repo', 'acme/android', file];
    expect(await cli([...args, '--default-branch', 'main'])).toContain('Created: 1, Updated: 0');
    expect(await cli([...args, '--default-branch', 'main'])).toContain('Created: 0, Updated: 1');
    const listed = await rest<Row[]>('/api/0/organizations/acme/code-mappings/');
    expect(listed.body).toMatchObject([
      { stackRoot: 'com/acme/app', repoName: 'acme/android', projectSlug: 'android' },
    ]);
  });
});

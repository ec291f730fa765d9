/**
 * Two gateway processes, one Redis, one embedded Sentry, the cache on (`serve --cache-ttl 300
 * --redis URL`): mixed-token load never crosses tokens (checked in the answers and in the keys
 * and entries Redis holds), a write through one instance is seen by the next read through the
 * other, for the same and another token, and Redis going away mid-run fails no request: hits
 * drop to zero and come back once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSentry, startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { keyTokenHash, sha256 } from '../../src/sentry/cache/keys.ts';
import { type RedisServer, startRedis } from '../helpers/redis.ts';
import { recordRouteCoverage } from '../helpers/route-coverage.ts';
import { type GatewayProcess, startGatewayProcess } from '../helpers/serve-process.ts';
import { issueGid } from './mutations-support.ts';

/** Who may see what: the organizations each token may read, and whether it may read issues. */
const TOKENS = {
  'tok-all': { orgs: ['acme', 'globex'], issues: true },
  'tok-acme': { orgs: ['acme'], issues: true },
  'tok-globex': { orgs: ['globex'], issues: true },
  'tok-reader': { orgs: ['acme'], issues: false },
} as const;
type Token = keyof typeof TOKENS;
const SPECS = ['tok-all', 'tok-acme@acme', 'tok-globex@globex', 'tok-reader:org:read@acme'];

const ORGS = /* GraphQL */ `{ organizations(first: 10) { nodes { slug name } } }`;
const ISSUES = /* GraphQL */ `
  query ($org: String!) {
    organization(slug: $org) { slug issues(first: 5) { nodes { id shortId priority } } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($id: ID!, $priority: IssuePriority!) {
    updateIssue(input: { id: $id, priority: $priority }) { issue { priority } userErrors { message } }
  }
`;

let sentry: LocalSentry;
let redis: RedisServer;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  [sentry, redis] = await Promise.all([startLocalSentry({ tokens: SPECS }), startRedis()]);
  const args = ['--upstream', sentry.url, '--cache-ttl', '300', '--redis', redis.url];
  [a, b] = await Promise.all([
    startGatewayProcess([...args, '--log-level', 'warn']),
    startGatewayProcess([...args, '--log-level', 'warn']),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.[Symbol.asyncDispose](), b?.[Symbol.asyncDispose]()]);
  await redis?.[Symbol.asyncDispose]();
  if (sentry) recordRouteCoverage(sentry);
  await sentry?.close();
});

/** The organization slugs and issue ids an answer carries. */
function seen(data: unknown): { orgs: Set<string>; issues: Set<string> } {
  const orgs = new Set<string>();
  const issues = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record['slug'] === 'string' && 'name' in record) orgs.add(record['slug']);
      if (typeof record['shortId'] === 'string') issues.add(String(record['id']));
      Object.values(record).forEach(walk);
    }
  };
  walk(data);
  return { orgs, issues };
}

describe('cache on Redis, two instances', () => {
  it('mixed-token load: no data of another token, no hit across tokens', async () => {
    const issueOrg = new Map<string, string>();
    for (const org of ['acme', 'globex']) {
      for (const issue of sentry.data.organizations.get(org)?.issues ?? []) {
        issueOrg.set(issueGid(issue), org);
      }
    }
    const tokens = Object.keys(TOKENS) as Token[];
    const jobs = Array.from({ length: 96 }, (_, i) => {
      const token = tokens[i % tokens.length] as Token;
      const instance = Math.floor(i / tokens.length) % 2 ? b : a;
      const kind = i % 3;
      const org = i % 6 < 3 ? 'acme' : 'globex';
      return { token, instance, kind, org };
    });
    // Two waves of concurrent requests: the first fills the cache, the second meets it.
    const answers = [];
    for (const wave of [jobs.slice(0, 48), jobs.slice(48)]) {
      answers.push(
        ...(await Promise.all(
          wave.map(async (job) => ({
            job,
            answer:
              job.kind === 0
                ? await job.instance.execute(ORGS, {}, job.token)
                : await job.instance.execute(ISSUES, { org: job.org }, job.token),
          })),
        )),
      );
    }
    const paid = new Map<string, number>();
    let hits = 0;
    let leaks = 0;
    for (const { job, answer } of answers) {
      const allowed = TOKENS[job.token];
      const { orgs, issues } = seen(answer.data);
      for (const org of orgs) if (!(allowed.orgs as readonly string[]).includes(org)) leaks++;
      for (const id of issues) {
        if (
          !allowed.issues ||
          !(allowed.orgs as readonly string[]).includes(issueOrg.get(id) ?? '')
        )
          leaks++;
      }
      if (job.kind !== 0) {
        const readable = (allowed.orgs as readonly string[]).includes(job.org) && allowed.issues;
        if (readable) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        else expect(answer.errors?.length).toBeGreaterThan(0);
      } else expect(answer.errors).toBeUndefined();
      const what = `${job.token} ${job.kind === 0 ? 'orgs' : job.org}`;
      paid.set(what, (paid.get(what) ?? 0) + (answer.extensions?.restCalls ?? 0));
      hits += answer.extensions?.cacheHits ?? 0;
    }
    expect(leaks).toBe(0);
    // Each token paid for its own reads at least once: none was answered from another's entry.
    for (const [what, calls] of paid) expect(calls, what).toBeGreaterThan(0);
    expect(hits).toBeGreaterThan(0);
    console.info(
      `[cache] mixed-token load: ${answers.length} requests over 2 instances, ${hits} cache hits, ` +
        `${[...paid.values()].reduce((s, n) => s + n, 0)} REST calls, ${leaks} leaks`,
    );

    // Redis: every entry is under the hash of a token, and holds what that token may see.
    const byHash = new Map(tokens.map((token) => [sha256(token), token] as const));
    const names = await redis.client.keys('sentry-graphql:e:*');
    expect(names.length).toBeGreaterThan(0);
    const perToken = new Map<Token, number>();
    for (const name of names) {
      const token = byHash.get(keyTokenHash(name.slice('sentry-graphql:e:'.length)));
      expect(token, name).toBeDefined();
      if (!token) continue;
      perToken.set(token, (perToken.get(token) ?? 0) + 1);
      const entry = JSON.parse((await redis.client.get(name)) ?? '{}') as { body: string };
      const body = JSON.parse(entry.body) as unknown;
      const slugs = JSON.stringify(body).match(/"(acme|globex)"/g) ?? [];
      for (const slug of slugs) {
        expect(TOKENS[token].orgs as readonly string[], name).toContain(slug.replaceAll('"', ''));
      }
      expect(name).not.toContain(token);
    }
    // The organization list, one entry per token: the same URL, never the same key.
    const orgList = sha256(`${sentry.url}/api/0/organizations/?per_page=10`);
    const listKeys = names.filter((name) => name.endsWith(`:${orgList}`));
    expect(listKeys.length).toBe(tokens.length);
    expect(new Set(listKeys).size).toBe(tokens.length);
  });

  it('a write through one instance is seen by the next read through the other', async () => {
    const issue = sentry.data.organizations.get('acme')?.issues[0];
    if (!issue) throw new Error('no acme issue');
    const read = async (instance: GatewayProcess, token: Token) => {
      const answer = await instance.execute(ISSUES, { org: 'acme' }, token);
      const organization = answer.data?.['organization'] as
        | { issues: { nodes: { id: string; priority: string }[] } }
        | undefined;
      const nodes = organization?.issues.nodes ?? [];
      return { answer, priority: nodes.find((node) => node.id === issueGid(issue))?.priority };
    };
    // Warm both instances for both tokens.
    for (const instance of [a, b])
      for (const token of ['tok-all', 'tok-acme'] as const) await read(instance, token);
    const warm = await read(b, 'tok-acme');
    expect(warm.answer.extensions?.cacheHits).toBe(1);
    for (const priority of ['LOW', 'HIGH']) {
      const write = await a.execute(UPDATE, { id: issueGid(issue), priority }, 'tok-all');
      expect(write.errors).toBeUndefined();
      expect((await read(b, 'tok-all')).priority).toBe(priority);
      expect((await read(b, 'tok-acme')).priority).toBe(priority);
      expect((await read(a, 'tok-acme')).priority).toBe(priority);
    }
  });

  it('Redis killed mid-run: no failed request, hits drop to zero and come back', async () => {
    const run = async (count: number) => {
      let hits = 0;
      for (let i = 0; i < count; i++) {
        const instance = i % 2 ? b : a;
        const answer = await instance.execute(ISSUES, { org: 'acme' }, 'tok-acme');
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        hits += answer.extensions?.cacheHits ?? 0;
      }
      return hits;
    };
    expect(await run(4)).toBeGreaterThan(0);
    await redis.kill();
    await run(2); // the instances notice
    expect(await run(6)).toBe(0);
    expect(await a.metrics()).toMatch(/sentry_graphql_cache_redis_up 0/);
    await redis.restart();
    let back = 0;
    for (let attempt = 0; attempt < 60 && back === 0; attempt++) {
      back = await run(2);
      if (back === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(back).toBeGreaterThan(0);
    expect(await a.metrics()).toMatch(/sentry_graphql_cache_redis_disconnects_total 1/);
    expect(a.output() + b.output()).toContain('Redis unavailable');
  });
});

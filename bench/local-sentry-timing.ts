/**
 * Server time of the local Sentry per route, in process, at latency 0: N sequential requests per
 * route over one keep-alive connection, p50/p95 of the wall time (the client's share is the
 * `org detail` floor). Not part of `npm run bench`.
 *
 *   npx tsx bench/local-sentry-timing.ts [--scale large] [--n 300] [--digest out.json] [--only re]
 *
 * `--digest` writes a sha256 of each route's status, headers (minus Date) and body (the server's
 * origin, Date and rate-limit headers left out), to compare two versions of the server byte for byte.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startLocalSentry } from '../src/local-sentry/http/server.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'large' },
    n: { type: 'string', default: '300' },
    digest: { type: 'string' },
    only: { type: 'string' },
  },
});
const scale = args.scale as 'small' | 'medium' | 'large';
const n = Number(args.n);

const generated = performance.now();
const sentry = await startLocalSentry({ scale });
console.log(`data ${scale} in ${(performance.now() - generated).toFixed(0)} ms`);
const { data } = sentry;
const acme = data.organizations.get('acme');
if (!acme) throw new Error('no acme');
const busiest = acme.issues
  .filter((issue) => issue.wire.status === 'unresolved')
  .reduce((a, b) => (b.events.length > a.events.length ? b : a));
const event = busiest.events[0]?.id ?? '';
const project = acme.projects[0]?.wire.slug ?? '';
const release =
  acme.releases.find((r) => r.deploys.length > 0 && r.commitIds.length > 0) ?? acme.releases[0];
const version = encodeURIComponent(release?.wire.version ?? '');
const groups = acme.issues
  .slice(0, 20)
  .map((issue) => `group=${issue.wire.id}`)
  .join('&');
const org = '/api/0/organizations/acme';
const routes: Record<string, string> = {
  'org detail': `${org}/`,
  'issues is:unresolved': `${org}/issues/?limit=25&query=is%3Aunresolved&project=-1&groupStatsPeriod=24h`,
  'issues default query': `${org}/issues/?limit=25`,
  'issues statsPeriod 14d sort freq': `${org}/issues/?limit=25&query=is%3Aunresolved&statsPeriod=14d&sort=freq`,
  'issues env production': `${org}/issues/?limit=25&query=is%3Aunresolved&environment=production`,
  'issues page 2': `${org}/issues/?limit=25&query=is%3Aunresolved&cursor=0%3A25%3A0`,
  'issues shortIdLookup': `${org}/issues/?query=${busiest.wire.shortId}&shortIdLookup=1`,
  'issues group= x20': `${org}/issues/?${groups}&project=-1&groupStatsPeriod=&collapse=stats&collapse=lifetime&collapse=filtered`,
  'issue detail': `${org}/issues/${busiest.wire.id}/`,
  'issue events full': `${org}/issues/${busiest.wire.id}/events/?full=true&per_page=10`,
  'issue events summary': `${org}/issues/${busiest.wire.id}/events/?per_page=100`,
  'issue event latest': `${org}/issues/${busiest.wire.id}/events/latest/`,
  'issue event by id': `${org}/issues/${busiest.wire.id}/events/${event}/`,
  'issue tags': `${org}/issues/${busiest.wire.id}/tags/`,
  'eventids lookup': `${org}/eventids/${event}/`,
  'shortids lookup': `${org}/shortids/${busiest.wire.shortId}/`,
  'project events': `/api/0/projects/acme/${project}/events/?per_page=25`,
  'project event': `/api/0/projects/acme/${busiest.wire.project.slug}/events/${event}/`,
  'project issues': `/api/0/projects/acme/${project}/issues/?limit=25`,
  projects: `${org}/projects/?per_page=100`,
  'project detail': `/api/0/projects/acme/${project}/`,
  releases: `${org}/releases/?per_page=25`,
  'release detail': `${org}/releases/${version}/`,
  'release deploys': `${org}/releases/${version}/deploys/`,
  'release commits': `${org}/releases/${version}/commits/`,
  teams: `${org}/teams/?per_page=100`,
  members: `${org}/members/?per_page=100`,
  'discover events': `${org}/events/?field=id&field=title&field=timestamp&query=issue.id%3A${busiest.wire.id}&per_page=25&statsPeriod=14d`,
};

const pool = new Pool(sentry.url, { connections: 1, pipelining: 1 });
const headers = { authorization: `Bearer ${sentry.token}` };
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const only = args.only ? new RegExp(args.only) : undefined;
const digests: Record<string, string> = {};
console.log('| route | status | bytes | p50 ms | p95 ms |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, path] of Object.entries(routes)) {
  if (only && !only.test(name)) continue;
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < n + 20; i++) {
    const started = performance.now();
    const response = await pool.request({ method: 'GET', path, headers });
    const body = await response.body.text();
    const ms = performance.now() - started;
    if (i >= 20) times.push(ms);
    if (i === 0 || i === n + 19) {
      status = response.statusCode;
      bytes = body.length;
      // The date and the rate-limit budget change from one request to the next.
      const rest = Object.entries(response.headers).filter(
        ([key]) => key !== 'date' && !key.startsWith('x-sentry-rate-limit-'),
      );
      const digest = createHash('sha256')
        .update(`${path}\n${status}\n${JSON.stringify(rest)}\n${body}`.replaceAll(sentry.url, ''))
        .digest('hex');
      if (i > 0 && digest !== digests[name]) console.log(`${name}: the last answer differs`);
      digests[name] = digest;
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${status} | ${bytes} | ${quantile(times, 0.5).toFixed(2)} | ${quantile(times, 0.95).toFixed(2)} |`,
  );
}
if (args.digest) writeFileSync(args.digest, `${JSON.stringify(digests, null, 2)}\n`);
await pool.close();
await sentry.close();

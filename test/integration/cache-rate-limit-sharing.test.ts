/**
 * Rate-limit sharing: two gateway processes on one Redis (`serve --redis URL`, no cache) under
 * `local-sentry --rate-limit`: once one instance learns a token's budget for an endpoint is spent,
 * the other sends nothing more for it either, so together they stay within the budget (Sentry
 * sees no request past it, and no 429).
 */
import { describe, expect, it } from 'vitest';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { startRedis } from '../helpers/redis.ts';
import { recordRouteCoverage } from '../helpers/route-coverage.ts';
import { startGatewayProcess } from '../helpers/serve-process.ts';

const STREAM = /* GraphQL */ `{ organization(slug: "acme") { issues(first: 5) { nodes { id } } } }`;
const LIMIT = 10;

describe('rate-limit state shared through Redis', () => {
  it('two instances stay within the budget together', async () => {
    await using redis = await startRedis();
    const sentry = await startLocalSentry({
      rateLimit: { limit: LIMIT, windowSeconds: 3600, concurrentLimit: 25 },
    });
    try {
      const args = ['--upstream', sentry.url, '--redis', redis.url, '--log-level', 'warn'];
      await using a = await startGatewayProcess(args);
      await using b = await startGatewayProcess(args);
      sentry.resetStats();
      const codes: string[] = [];
      for (let i = 0; i < 3 * LIMIT; i++) {
        const answer = await (i % 2 ? b : a).execute(STREAM, {}, sentry.token);
        codes.push(String(answer.errors?.[0]?.extensions?.['code'] ?? 'OK'));
      }
      expect(codes.filter((code) => code === 'OK')).toHaveLength(LIMIT);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(2 * LIMIT);
      // Exactly the budget reached Sentry: no request was sent past it, so no 429.
      const routes = sentry.stats().byRoute;
      expect(routes['GET /api/0/organizations/{org}/issues/']).toBe(LIMIT);
      const spent = await redis.client.keys('sentry-graphql:rl:*');
      expect(spent).toHaveLength(1);
      expect(spent[0]).not.toContain(sentry.token);
    } finally {
      recordRouteCoverage(sentry);
      await sentry.close();
    }
  });
});

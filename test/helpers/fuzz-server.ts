/**
 * The process the fuzzer attacks: the embedded Sentry (small scale) and a gateway in front of
 * it, in one Node process of their own, so that an unhandled rejection really kills it. It
 * installs no process-level handler of its own: whatever escapes a request shows. When both
 * listen it prints one JSON line, `{"gateway": url, "sentry": url, "tokens": {...}}`; SIGTERM
 * closes it.
 *
 * Run: `node --import tsx test/helpers/fuzz-server.ts`.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES } from '../../src/local-sentry/http/auth.ts';
import { startLocalSentry } from '../../src/local-sentry/http/server.ts';
import { createGateway, GRAPHQL_PATH } from '../../src/server.ts';

/** The tokens the embedded Sentry knows: every scope, and read-only on one organization. */
export const FUZZ_TOKENS = {
  valid: 'fuzz-full-token',
  limited: 'fuzz-acme-reader',
} as const;

const sentry = await startLocalSentry({
  scale: 'small',
  seed: 1,
  tokens: [
    { token: FUZZ_TOKENS.valid, scopes: [...ALL_SCOPES] },
    {
      token: FUZZ_TOKENS.limited,
      scopes: ALL_SCOPES.filter((scope) => scope.endsWith(':read')),
      organizations: ['acme'],
    },
  ],
});
const gateway = createGateway({
  upstream: sentry.url,
  graphiql: false,
  // Short timeouts, so that the slow bodies of injected faults end as timeouts.
  upstreamOptions: { retry: { attempts: 2 }, timeouts: { headersMs: 2_000, bodyMs: 100 } },
});
const server = createServer(gateway.yoga);
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = server.address() as AddressInfo;
console.info(
  JSON.stringify({
    gateway: `http://127.0.0.1:${port}${GRAPHQL_PATH}`,
    sentry: sentry.url,
    tokens: FUZZ_TOKENS,
  }),
);

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    gateway
      .close()
      .then(() => sentry.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
});

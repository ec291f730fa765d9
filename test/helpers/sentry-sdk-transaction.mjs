/**
 * A transaction sent by the real `@sentry/node` (run as a child process by
 * test/integration/local-sentry-transactions.test.ts): `tracesSampleRate: 1`, one root span
 * with two child spans (`db.query`, `http.client`) and a custom measurement. `SENTRY_DSN` points
 * it at the embedded Sentry. Prints `{"trace": traceId, "root": spanId}` as one JSON line.
 */
import * as Sentry from '@sentry/node';

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  release: 'shop@2.0.0',
  environment: 'production',
  tracesSampleRate: 1,
  // The SDK's own OpenTelemetry set-up records the spans; no automatic instrumentation.
  defaultIntegrations: false,
  sendDefaultPii: false,
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let trace;
let root;

await Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, async (span) => {
  trace = span.spanContext().traceId;
  root = span.spanContext().spanId;
  await Sentry.startSpan({ name: 'SELECT orders', op: 'db.query' }, () => sleep(15));
  await Sentry.startSpan({ name: 'POST https://pay.example.com', op: 'http.client' }, () =>
    sleep(10),
  );
  Sentry.setMeasurement('cart.items', 3, 'none');
});

await Sentry.close(5000);
process.stdout.write(`${JSON.stringify({ trace, root })}\n`);

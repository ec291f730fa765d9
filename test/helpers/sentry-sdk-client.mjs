/**
 * A small application instrumented with the real `@sentry/node`, run as a child process by
 * test/integration/ingest-sdk.test.ts (the SDK's state is global: one process per run keeps runs
 * apart). `SENTRY_DSN` points it at the embedded Sentry; the scenario is the first argument. It
 * prints what it sent as one JSON line: `{"events": {name: eventId}}`.
 */
import * as Sentry from '@sentry/node';

const scenario = process.argv[2] ?? 'first';
const release = process.env.SDK_RELEASE ?? 'shop@1.0.0';

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  release,
  environment: 'production',
  tracesSampleRate: 0,
  // Nothing but the embedded Sentry: no OpenTelemetry, no request instrumentation.
  skipOpenTelemetrySetup: true,
  sendDefaultPii: false,
});

const events = {};

/** Always throws from the same place: the same exception, the same group. */
function chargeCard(orderId) {
  throw new TypeError(`Cannot read properties of undefined (reading 'card') for ${orderId}`);
}

function captureCharge(orderId) {
  try {
    chargeCard(orderId);
  } catch (error) {
    return Sentry.captureException(error);
  }
  return undefined;
}

Sentry.setUser({ id: 'user-7', email: 'ada@example.com', username: 'ada' });
Sentry.setTag('checkout.step', 'payment');

if (scenario === 'first') {
  Sentry.startSession();
  events.charge1 = captureCharge('order-1');
  events.charge2 = captureCharge('order-2');
  // The SDK counts an event into the session once it has processed it.
  await Sentry.flush(5000);
  events.message = Sentry.captureMessage('Payment provider answered slowly', 'warning');
  Sentry.captureFeedback({
    message: 'The pay button did nothing',
    name: 'Ada',
    email: 'ada@example.com',
    associatedEventId: events.charge1,
  });
  Sentry.withScope((scope) => {
    scope.setFingerprint(['payment-declined']);
    events.declinedA = Sentry.captureException(new Error('card declined: insufficient funds'));
  });
  Sentry.withScope((scope) => {
    scope.setFingerprint(['payment-declined']);
    events.declinedB = Sentry.captureException(new RangeError('card declined: expired'));
  });
  Sentry.endSession();
  await Sentry.withMonitor(
    'nightly-settlement',
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    { schedule: { type: 'crontab', value: '0 3 * * *' }, checkinMargin: 5, maxRuntime: 30 },
  );
  Sentry.startSession();
  Sentry.endSession();
} else if (scenario === 'again') {
  events.charge3 = captureCharge('order-3');
  await Sentry.withMonitor('nightly-settlement', async () => {
    throw new Error('settlement failed');
  }).catch(() => undefined);
}

await Sentry.close(5000);
process.stdout.write(`${JSON.stringify({ events })}\n`);

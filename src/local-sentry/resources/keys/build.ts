/** The stored client key (DSN) body. */
import type { SentryProjectKey } from '../../../sentry/types.ts';

export function buildProjectKey(input: {
  publicKey: string;
  secretKey: string;
  name: string;
  orgId: string;
  projectId: string;
  dateCreated: string;
  rateLimit?: { window: number; count: number } | null;
}): SentryProjectKey {
  const { publicKey: pub, secretKey: secret, orgId, projectId } = input;
  const host = `https://o${orgId}.ingest.us.sentry.io`;
  const api = `${host}/api/${projectId}`;
  return {
    id: pub,
    name: input.name,
    label: input.name,
    public: pub,
    secret,
    projectId: Number(projectId),
    isActive: true,
    rateLimit: input.rateLimit ?? null,
    dsn: {
      secret: `https://${pub}:${secret}@o${orgId}.ingest.us.sentry.io/${projectId}`,
      public: `https://${pub}@o${orgId}.ingest.us.sentry.io/${projectId}`,
      csp: `${api}/csp-report/?sentry_key=${pub}`,
      security: `${api}/security/?sentry_key=${pub}`,
      minidump: `${api}/minidump/?sentry_key=${pub}`,
      nel: `${api}/nel/?sentry_key=${pub}`,
      unreal: `${api}/unreal/${pub}/`,
      crons: `${api}/cron/___MONITOR_SLUG___/${pub}/`,
      cdn: `https://js.sentry-cdn.com/${pub}.min.js`,
      playstation: `${api}/playstation/?sentry_key=${pub}`,
      integration: `${api}/integration/`,
      otlp_traces: `${api}/integration/otlp/v1/traces`,
      otlp_logs: `${api}/integration/otlp/v1/logs`,
    },
    browserSdkVersion: '8.x',
    browserSdk: {
      choices: [
        ['latest', 'latest'],
        ['8.x', '8.x'],
        ['7.x', '7.x'],
      ],
    },
    dateCreated: input.dateCreated,
    dynamicSdkLoaderOptions: {
      hasReplay: true,
      hasPerformance: true,
      hasDebug: false,
      hasFeedback: false,
      hasLogsAndMetrics: false,
    },
    useCase: 'user',
  };
}

/** The stored client key (DSN) body. */
import type { SentryProjectKey } from '../../../sentry/types.ts';

/** A key's DSNs on the Sentry at `base` (`http://127.0.0.1:PORT`: the embedded server). */
export function projectKeyDsn(
  base: string,
  pub: string,
  secret: string | null,
  projectId: string | number,
): SentryProjectKey['dsn'] {
  const url = new URL(base);
  const withKey = (key: string) =>
    `${url.protocol}//${key}@${url.host}${url.pathname.replace(/\/$/, '')}`;
  const api = `${url.origin}${url.pathname.replace(/\/$/, '')}/api/${projectId}`;
  return {
    secret: `${withKey(secret ? `${pub}:${secret}` : pub)}/${projectId}`,
    public: `${withKey(pub)}/${projectId}`,
    csp: `${api}/csp-report/?sentry_key=${pub}`,
    security: `${api}/security/?sentry_key=${pub}`,
    minidump: `${api}/minidump/?sentry_key=${pub}`,
    nel: `${api}/nel/?sentry_key=${pub}`,
    unreal: `${api}/unreal/${pub}/`,
    crons: `${api}/cron/___MONITOR_SLUG___/${pub}/`,
    cdn: `${url.origin}/js-sdk-loader/${pub}.min.js`,
    playstation: `${api}/playstation/?sentry_key=${pub}`,
    integration: `${api}/integration/`,
    otlp_traces: `${api}/integration/otlp/v1/traces`,
    otlp_logs: `${api}/integration/otlp/v1/logs`,
  };
}

/**
 * A key as this server hands it out: its DSNs point at the server itself, never at sentry.io,
 * so a client configured from them sends its events here.
 */
export const projectKeyBody = (baseUrl: string, key: SentryProjectKey): SentryProjectKey => ({
  ...key,
  dsn: projectKeyDsn(baseUrl, key.public ?? key.id, key.secret, key.projectId),
});

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
  return {
    id: pub,
    name: input.name,
    label: input.name,
    public: pub,
    secret,
    projectId: Number(projectId),
    isActive: true,
    rateLimit: input.rateLimit ?? null,
    dsn: projectKeyDsn(`https://o${orgId}.ingest.us.sentry.io`, pub, secret, projectId),
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

/**
 * Kubernetes probes. `GET /health` (Yoga's own liveness check) answers 200 without touching
 * Sentry; `GET /readiness` answers 200 when Sentry answered a cheap request (`GET /api/0/`, no
 * token) within the last few seconds, probing it when the last answer is older, and 503 with
 * the reason otherwise. Both answer before the Host check: a kubelet sends the pod's IP.
 */
import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import { probeUpstreamStatus } from '../sentry/http/probe.ts';

export interface ReadinessOptions {
  /**
   * How long an answer from Sentry keeps the gateway ready without another probe.
   * @default 5000
   */
  freshMs?: number;
  /**
   * Longest a probe waits for Sentry.
   * @default 2000
   */
  timeoutMs?: number;
}

/** The readiness path. */
export const READINESS_PATH = '/readiness';

export function useUpstreamReadiness(baseUrl: string, options: ReadinessOptions = {}): Plugin {
  const freshMs = options.freshMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 2000;
  let answeredAt = Number.NEGATIVE_INFINITY;
  // Probes that overlap share one request to Sentry.
  let probing: Promise<string | undefined> | undefined;
  const probe = async (): Promise<string | undefined> => {
    const answer = await probeUpstreamStatus(baseUrl, timeoutMs);
    if ('reason' in answer) return `Sentry at ${baseUrl} did not answer: ${answer.reason}`;
    if (answer.status >= 500) return `Sentry at ${baseUrl} answered ${answer.status}`;
    answeredAt = performance.now();
    return undefined;
  };
  return useReadinessCheck({
    endpoint: READINESS_PATH,
    async check({ fetchAPI }) {
      let reason: string | undefined;
      if (performance.now() - answeredAt > freshMs) {
        probing ??= probe().finally(() => {
          probing = undefined;
        });
        reason = await probing;
      }
      return fetchAPI.Response.json(
        reason === undefined ? { status: 'ready' } : { status: 'unavailable', reason },
        {
          status: reason === undefined ? 200 : 503,
          headers: { 'cache-control': 'no-store' },
        },
      );
    },
  });
}

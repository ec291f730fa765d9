/**
 * The local server's own endpoints, beside Sentry's API: `/_local/stats` (and its reset),
 * `/_local/inflight` and `/_local/faults` (read and set).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Fault, type FaultInjector, validateFaults } from './faults.ts';
import { HttpError, notFound, type Reply } from './reply.ts';
import { readJsonBody } from './request-body.ts';
import type { Stats } from './stats.ts';

/** What the `/_local/` endpoints read and change, and how the server sends a reply. */
export interface LocalEndpoints {
  stats: Stats;
  injector: FaultInjector;
  send(response: ServerResponse, reply: Reply): void;
}

/** Answers a request under `/_local/` (404 for any other path there). */
export async function handleLocal(
  request: IncomingMessage,
  response: ServerResponse,
  rawPath: string,
  { stats, injector, send }: LocalEndpoints,
): Promise<void> {
  const key = `${request.method ?? 'GET'} ${rawPath.replace(/\/$/, '')}`;
  switch (key) {
    case 'GET /_local/stats':
      return send(response, { status: 200, body: stats.snapshot() });
    case 'POST /_local/stats/reset':
      stats.reset();
      return send(response, { status: 200, body: stats.snapshot() });
    case 'GET /_local/inflight':
      return send(response, { status: 200, body: stats.inflight() });
    case 'GET /_local/faults':
      return send(response, {
        status: 200,
        body: { faults: injector.faults, failRate: injector.failRate },
      });
    case 'POST /_local/faults': {
      let body: unknown;
      try {
        body = await readJsonBody(request);
      } catch (error) {
        return send(response, error instanceof HttpError ? error.toReply() : notFound().toReply());
      }
      const input = (body ?? {}) as { faults?: unknown; failRate?: unknown };
      const message =
        typeof input !== 'object' || Array.isArray(input)
          ? 'Body must be {"faults": {...}, "failRate": n}'
          : validateFaults(input.faults, input.failRate);
      if (message) return send(response, { status: 400, body: { detail: message } });
      injector.set(
        (input.faults ?? {}) as Record<string, Fault>,
        input.failRate as number | undefined,
      );
      return send(response, {
        status: 200,
        body: { faults: injector.faults, failRate: injector.failRate },
      });
    }
    default:
      return send(response, notFound().toReply());
  }
}

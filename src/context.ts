/** The per-request context: a fresh Sentry client holding the caller's token, and Pothos' loader cache. */
import { initContextCache } from '@pothos/core';
import type { YogaInitialContext } from 'graphql-yoga';
import { SentryClient } from './sentry/client.ts';
import type { CallObserver } from './sentry/http/observer.ts';
import type { Upstream } from './sentry/http/upstream.ts';

export interface Context {
  /** Talks to Sentry with this request's token; counts the requests it sends. */
  sentry: SentryClient;
  /**
   * Batching, priming from lists and answers from data a parent embeds. Off only in the
   * benchmark's naive mode (`serve --no-batch`), which shows what they save.
   */
  batching: boolean;
  /** Largest file an upload mutation accepts, in bytes (`--max-upload-bytes`). */
  maxUploadBytes: number;
}

/** `--max-upload-bytes` unless set: 20 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface ContextDependencies {
  /** The process-wide connection pool and limits for the upstream Sentry. */
  upstream: Upstream;
  /** Server-wide token, used only when a request carries no `Authorization` header. */
  fallbackToken?: string | undefined;
  /** @default true */
  batching?: boolean | undefined;
  /** Most REST calls one request may make. @default 1000 */
  maxCalls?: number | undefined;
  /** The observer of a request's calls to Sentry (metrics, its trace). @default none */
  observer?: ((request: Request) => CallObserver | undefined) | undefined;
  /** Largest file an upload mutation accepts. @default 20971520 (20 MiB) */
  maxUploadBytes?: number | undefined;
}

/**
 * Builds the context factory Yoga calls once per request. Loaders live in the context cache,
 * so they are per request and therefore never shared between two tokens.
 */
export function createContextFactory({
  upstream,
  fallbackToken,
  batching = true,
  maxCalls = 1000,
  observer,
  maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
}: ContextDependencies) {
  return ({ request }: YogaInitialContext): Context => {
    const token = requestToken(request.headers.get('authorization'), fallbackToken);
    return {
      // Pothos keys per-request DataLoaders on this object; keep them if Yoga copies the context.
      ...initContextCache(),
      sentry: new SentryClient({
        upstream,
        ...(token ? { token } : {}),
        signal: request.signal,
        maxCalls,
        observer: observer?.(request),
      }),
      batching,
      maxUploadBytes,
    };
  };
}

/**
 * The token for a request: the caller's Bearer token; the server-wide one only when the request
 * has no `Authorization` header at all (a malformed header is not silently upgraded).
 */
export function requestToken(
  authorization: string | null,
  fallbackToken: string | undefined,
): string | undefined {
  if (authorization === null) return fallbackToken;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

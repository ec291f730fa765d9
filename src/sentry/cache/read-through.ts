/**
 * How a call goes through the cache and the flights: a GET is answered from the cache when it
 * can be, else joins an identical GET of the same token in flight, else goes upstream (and its
 * answer is kept); a write goes upstream, then drops what it made stale, whatever its outcome (a
 * write that timed out may still have been applied).
 */
import type { ApiPath } from '../http/api-path.ts';
import type { UpstreamCall, UpstreamResponse } from '../http/upstream.ts';
import type { ResponseCache } from './response-cache.ts';
import { follow, type SingleFlight } from './single-flight.ts';
import { writeTags } from './tags.ts';

export interface Reads {
  flights: SingleFlight;
  cache: ResponseCache | undefined;
  /** GETs answered by another caller's call in flight. */
  coalesced: number;
}

/**
 * A GET: `key` is its cache key, `signal` the caller's (deadline included), `send` the upstream
 * call.
 */
export async function read(
  reads: Reads,
  key: string,
  call: UpstreamCall,
  signal: AbortSignal,
  send: () => Promise<UpstreamResponse>,
): Promise<UpstreamResponse> {
  // File bytes (`binary`: a release file's or debug file's download) are never cached: they can
  // be large, and a store that keeps JSON (Redis) would not give the bytes back.
  const cache = call.binary ? undefined : reads.cache;
  const hit = await cache?.lookup(key);
  if (hit) {
    call.onCacheHit?.();
    return hit;
  }
  const flight = reads.flights.joinable(key);
  if (flight) {
    const answer = await follow(flight, signal);
    if (answer !== 'retry') {
      reads.coalesced++;
      call.onCoalesced?.();
      return answer;
    }
  }
  const startedAt = cache?.begin() ?? 0;
  return reads.flights.lead(key, signal, async () => {
    const response = await send();
    await cache?.keep(key, call.path, response, startedAt);
    return response;
  });
}

/** A write: sent once, then the entries it can have made stale are dropped. */
export async function write(
  cache: ResponseCache | undefined,
  method: string,
  path: ApiPath,
  send: () => Promise<UpstreamResponse>,
): Promise<UpstreamResponse> {
  try {
    return await send();
  } finally {
    await cache?.invalidate(writeTags(method, path));
  }
}

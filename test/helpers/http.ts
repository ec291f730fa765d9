/**
 * Raw HTTP/1.1 requests for tests where what goes over the wire matters (CORS headers, content
 * types, chunked bodies with no Content-Length), which `fetch` would normalise away.
 */
import { type Agent, type ClientRequest, type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string or buffer is sent with Content-Length; an iterable is sent chunked, as it comes. */
  body?: string | Buffer | Iterable<Buffer>;
  /** @default false: a connection of its own */
  agent?: Agent | false;
}

/**
 * Sends one request and resolves with the response. A chunked body stops being written as soon
 * as the response arrives (a server may answer before reading it all, and close).
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const { method = 'GET', headers = {}, body, agent = false } = options;
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        headers,
        agent,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', (error) => {
      // A server that refused a body mid-stream closes the connection: writes after its answer fail.
      if (!answered) reject(error);
    });
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      outgoing.end(body);
      return;
    }
    void (async () => {
      for (const chunk of body) {
        if (answered || outgoing.destroyed) return;
        if (!outgoing.write(chunk)) await writable(outgoing);
      }
      if (!answered && !outgoing.destroyed) outgoing.end();
    })();
  });
}

/** Resolves when `outgoing` can take more, or has been answered or closed. */
function writable(outgoing: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const events = ['drain', 'response', 'close'] as const;
    const done = () => {
      for (const event of events) outgoing.off(event, done);
      resolve();
    };
    for (const event of events) outgoing.on(event, done);
  });
}

/** `total` bytes of `x` in 64 KiB chunks, between `head` and `tail`. */
export function* padded(head: string, total: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  const chunk = Buffer.alloc(65_536, 'x');
  for (let sent = 0; sent < total; sent += chunk.length) {
    yield total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
  }
  yield Buffer.from(tail);
}

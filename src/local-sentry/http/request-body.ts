/** Reading a request's body: a size cap and JSON, with Sentry's 413, 415 and 400 replies. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './reply.ts';

/** Largest request body accepted. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The request body's bytes, up to the size cap (413 beyond it). */
export function readRawBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { detail: 'Request body too large.' }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The JSON body of a request; undefined when empty, 415 for another type, 400 when malformed. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = (await readRawBody(request)).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = request.headers['content-type'] ?? 'application/json';
  if (!type.includes('json')) {
    throw new HttpError(415, { detail: `Unsupported media type "${type}" in request.` });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, { detail: `JSON parse error - ${(error as Error).message}` });
  }
}

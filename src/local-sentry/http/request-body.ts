/**
 * Reading a request's body: a size cap and JSON (or a multipart form, for uploads), with
 * Sentry's 413, 415 and 400 replies.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './reply.ts';

/** Largest request body accepted. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Largest multipart body (file uploads, chunk uploads: `maxRequestSize` is 32 MiB). */
export const MAX_FORM_BYTES = 40 * 1024 * 1024;

/** The request body's bytes, up to the size cap (413 beyond it). */
export function readRawBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
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

/**
 * The JSON body of a request, or a `FormData` for `multipart/form-data` (the upload routes read
 * it with `formOf`); undefined when empty, 415 for another type, 400 when malformed.
 */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? 'application/json';
  if (/^multipart\/form-data\s*;/i.test(type)) return readForm(type, request);
  const text = (await readRawBody(request)).toString('utf8');
  if (text.trim() === '') return undefined;
  if (!type.includes('json')) {
    throw new HttpError(415, { detail: `Unsupported media type "${type}" in request.` });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, { detail: `JSON parse error - ${(error as Error).message}` });
  }
}

/**
 * Parses a multipart body with the WHATWG `Response.formData()` of Node's own undici rather than
 * by hand: it handles boundaries, quoting and binary parts as browsers and curl send them.
 */
async function readForm(type: string, request: IncomingMessage): Promise<FormData> {
  const bytes = await readRawBody(request, MAX_FORM_BYTES);
  try {
    return await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': type },
    }).formData();
  } catch (error) {
    throw new HttpError(400, {
      detail: `Multipart form parse error - ${(error as Error).message}`,
    });
  }
}

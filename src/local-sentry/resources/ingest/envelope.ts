/**
 * Request bodies of the ingest routes: `Content-Encoding` (gzip, deflate, br, as SDKs compress)
 * and Sentry's envelope format (https://develop.sentry.dev/sdk/data-model/envelopes/): a JSON
 * header line, then items, each a JSON header line and a payload of `length` bytes or up to the
 * next newline. Parsing is by hand: the format is a few lines of framing and no npm package
 * implements the server side of it.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { HttpError } from '../../http/reply.ts';
import { relayError } from './auth.ts';

export interface EnvelopeItem {
  header: Record<string, unknown>;
  type: string;
  payload: Buffer;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Largest decompressed body (Relay caps envelopes at 200 MB; events are far smaller). */
const MAX_DECODED_BYTES = 50 * 1024 * 1024;
const limits = { maxOutputLength: MAX_DECODED_BYTES };

/** The body with its `Content-Encoding` undone; 400 when it does not decode or is too large. */
export function decodeBody(raw: Buffer, encoding: string | undefined): Buffer {
  let body = raw;
  const codings = (encoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  for (const coding of codings) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body, limits);
      else if (coding === 'deflate') body = inflateDeflate(body);
      else if (coding === 'br') body = brotliDecompressSync(body, limits);
      else throw relayError(415, `unsupported content encoding "${coding}"`);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw relayError(400, 'failed to decompress request body', [(error as Error).message]);
    }
  }
  return body;
}

/** `deflate` is zlib-wrapped by the standard, raw in some clients: accept both. */
function inflateDeflate(body: Buffer): Buffer {
  try {
    return inflateSync(body, limits);
  } catch {
    return inflateRawSync(body, limits);
  }
}

const invalid = (cause: string) => relayError(400, 'invalid event envelope', [cause]);

function jsonObject(line: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch (error) {
    throw invalid(`invalid ${what} header: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`invalid ${what} header: expected an object`);
  }
  return value as Record<string, unknown>;
}

/** Splits an envelope; 400 `invalid event envelope` (with the cause) when it is malformed. */
export function parseEnvelope(body: Buffer): Envelope {
  const NL = 0x0a;
  let offset = body.indexOf(NL);
  const headerEnd = offset < 0 ? body.length : offset;
  if (body.subarray(0, headerEnd).toString('utf8').trim() === '') {
    throw invalid('missing envelope header');
  }
  const header = jsonObject(body.subarray(0, headerEnd), 'envelope');
  offset = headerEnd + 1;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    let lineEnd = body.indexOf(NL, offset);
    if (lineEnd < 0) lineEnd = body.length;
    const line = body.subarray(offset, lineEnd);
    if (line.toString('utf8').trim() === '') {
      // Blank lines between items (and a trailing newline) are tolerated, as Relay does.
      offset = lineEnd + 1;
      continue;
    }
    const itemHeader = jsonObject(line, 'item');
    const type = itemHeader['type'];
    if (typeof type !== 'string' || type === '') throw invalid('item header without a type');
    offset = lineEnd + 1;
    let payload: Buffer;
    const length = itemHeader['length'];
    if (length !== undefined && length !== null) {
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
        throw invalid('invalid item length');
      }
      if (offset + length > body.length) throw invalid('unexpected end of file');
      payload = body.subarray(offset, offset + length);
      offset += length;
      if (offset < body.length) {
        if (body[offset] !== NL) throw invalid('missing newline after item payload');
        offset += 1;
      }
    } else {
      let end = body.indexOf(NL, offset);
      if (end < 0) end = body.length;
      payload = body.subarray(offset, end);
      offset = end + 1;
    }
    items.push({ header: itemHeader, type, payload });
  }
  return { header, items };
}

/** A JSON object payload (an event, a session, a check-in); 400 when it is not one. */
export function jsonPayload(payload: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw relayError(400, 'invalid event envelope', [
      `invalid ${what} payload: ${(error as Error).message}`,
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw relayError(400, 'invalid event envelope', [`invalid ${what} payload: not an object`]);
  }
  return value as Record<string, unknown>;
}

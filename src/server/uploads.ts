/**
 * Request body limits: `--max-body-bytes` for every body, and for a `multipart/form-data` body
 * (the GraphQL multipart request spec's uploads) that plus `--max-upload-bytes`, so a file may be
 * as large as the upload limit while a plain query body stays small. Yoga's own
 * `maxRequestBodySize` is a single number for every body, so this replaces it with the same
 * checks (by `Content-Length`, then counted on the bytes read) and the same 413 answer.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface BodyLimits {
  maxBodyBytes: number;
  maxUploadBytes: number;
}

const tooLarge = () =>
  createGraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

const isMultipart = (request: Request) =>
  /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');

export function useBodyLimits({ maxBodyBytes, maxUploadBytes }: BodyLimits): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const limit = isMultipart(request) ? maxBodyBytes + maxUploadBytes : maxBodyBytes;
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!/^\d+$/.test(length)) {
          throw createGraphQLError('Content-Length header is invalid.', {
            extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
          });
        }
        if (Number(length) > limit) throw tooLarge();
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((incoming) => {
        const body = incoming.body;
        if (!body) return parse(incoming);
        let read = 0;
        // A native stream (in-process `fetch`) needs the platform's TransformStream.
        const Transform =
          body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > limit) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        const limited = new fetchAPI.Request(incoming.url, {
          method: incoming.method,
          headers: incoming.headers,
          signal: incoming.signal,
          body: counted,
          duplex: 'half',
        } as RequestInit);
        // The multipart parser reports any stream error as bad multipart data (400): say 413.
        return Promise.resolve(parse(limited)).catch((error: unknown) => {
          throw read > limit ? tooLarge() : error;
        });
      });
    },
  };
}

/**
 * The `File` scalar of the GraphQL multipart request spec (Yoga parses such requests and puts
 * each part's `File` in the variables), and the upload size check every upload mutation makes
 * before it sends anything.
 */
import { GraphQLError } from 'graphql';
import type { Context } from '../../context.ts';
import { builder } from '../schema-kit/builder.ts';
import { badUserInput } from '../schema-kit/errors.ts';

const isFile = (value: unknown): value is File =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as File).arrayBuffer === 'function' &&
  typeof (value as File).size === 'number';

export const FileScalar = builder.scalarType('File', {
  description:
    'A file sent with the operation as a part of a `multipart/form-data` request (the GraphQL multipart request spec). Input only.',
  serialize: () => {
    throw new TypeError('File is an input-only scalar');
  },
  parseValue: (value) => {
    // A GraphQLError, so that a variable that is not a file is the caller's BAD_USER_INPUT (a
    // TypeError here was masked as INTERNAL_SERVER_ERROR: found by the fuzzer).
    if (!isFile(value)) throw badUserInput('File must be a part of a multipart request');
    return value;
  },
});

/**
 * Refuses a file over `--max-upload-bytes` with UPLOAD_TOO_LARGE, before anything goes to
 * Sentry. (A multipart body past that plus `--max-body-bytes` is cut off while read, with 413.)
 */
export function checkUploadSize(context: Context, file: File, argument: string): void {
  if (file.size <= context.maxUploadBytes) return;
  throw new GraphQLError(
    `The file is ${file.size} bytes; uploads may be at most ${context.maxUploadBytes} bytes (--max-upload-bytes).`,
    { extensions: { code: 'UPLOAD_TOO_LARGE', maxUploadBytes: context.maxUploadBytes, argument } },
  );
}

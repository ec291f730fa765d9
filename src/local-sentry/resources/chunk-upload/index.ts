/**
 * Chunked uploads as sentry-cli drives them: the upload options (`GET …/chunk-upload/`), chunks
 * posted by SHA-1 (plain in `file`, gzipped in `file_gzip`), and the artifact-bundle assembly
 * that turns them into a release's files. Debug-file assembly lives with the debug files.
 */
import { gunzipSync } from 'node:zlib';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { formFiles, formOf } from '../../http/form.ts';
import { bodyObject } from '../../http/params.ts';
import { HttpError, ok } from '../../http/reply.ts';
import { RELEASE_READ, RELEASE_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { findProject } from '../projects/store.ts';
import { sha1Hex } from '../release-files/store.ts';
import { assembleArtifactBundle } from './artifact-bundle.ts';
import { chunkStoreOf, joinChunks, missingChunks } from './store.ts';

const CHUNK_SIZE = 8 * 1024 * 1024;
const CHUNKS_PER_REQUEST = 64;
const SHA1 = /^[0-9a-f]{40}$/;

/** Sentry's chunk-upload errors are `{"error": ...}`, not `{"detail": ...}`. */
const uploadError = (message: string) => new HttpError(400, { error: message });

/** `chunks` and `checksum` of an assemble body, validated as Sentry's JSON schema does. */
export function checksumsOf(body: Record<string, unknown>): { checksum: string; chunks: string[] } {
  const { checksum, chunks } = body;
  if (typeof checksum !== 'string' || !SHA1.test(checksum)) {
    throw uploadError("'checksum' is a required SHA-1 hex digest");
  }
  if (!Array.isArray(chunks) || chunks.some((c) => typeof c !== 'string' || !SHA1.test(c))) {
    throw uploadError("'chunks' must be a list of SHA-1 hex digests");
  }
  return { checksum, chunks: chunks as string[] };
}

function bundleProjects(context: RequestContext, body: Record<string, unknown>): ProjectRecord[] {
  const org = orgOf(context);
  const names = Array.isArray(body['projects']) ? body['projects'] : [];
  if (names.length === 0) throw uploadError('You need to specify at least one project');
  const projects = names.map((name) =>
    typeof name === 'string' ? findProject(context.data, org, name) : undefined,
  );
  if (projects.some((project) => project === undefined)) {
    throw uploadError('One or more projects are invalid');
  }
  return projects as ProjectRecord[];
}

const optionalText = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

export const chunkUploadRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/chunk-upload/', RELEASE_READ, (context) =>
    ok({
      url: `${context.baseUrl}/api/0/organizations/${orgOf(context).slug}/chunk-upload/`,
      chunkSize: CHUNK_SIZE,
      chunksPerRequest: CHUNKS_PER_REQUEST,
      maxFileSize: 2 ** 31,
      maxRequestSize: 32 * 1024 * 1024,
      concurrency: 8,
      hashAlgorithm: 'sha1',
      compression: ['gzip'],
      accept: [
        'debug_files',
        'release_files',
        'pdbs',
        'sources',
        'bcsymbolmaps',
        'il2cpp',
        'portablepdbs',
        'artifact_bundles',
        'proguard',
      ],
    }),
  ),

  route('POST /api/0/organizations/{org}/chunk-upload/', RELEASE_WRITE, async (context) => {
    const form = formOf(context);
    const plain = await formFiles(form, 'file');
    const gzipped = await formFiles(form, 'file_gzip');
    if (plain.length + gzipped.length > CHUNKS_PER_REQUEST) throw uploadError('Too many chunks');
    const chunks = [
      ...plain,
      ...gzipped.map((file) => {
        try {
          return { name: file.name, bytes: gunzipSync(file.bytes) };
        } catch {
          throw uploadError('Invalid gzip chunk');
        }
      }),
    ];
    for (const chunk of chunks) {
      if (chunk.bytes.length > CHUNK_SIZE) throw uploadError('Chunk size too large');
      if (sha1Hex(chunk.bytes) !== chunk.name) throw uploadError('Checksum mismatch');
    }
    const store = chunkStoreOf(context.data).chunks;
    for (const chunk of chunks) store.set(chunk.name, chunk.bytes);
    return ok({});
  }),

  route('POST /api/0/organizations/{org}/artifactbundle/assemble/', RELEASE_WRITE, (context) => {
    const body = bodyObject(context);
    const { checksum, chunks } = checksumsOf(body);
    const projects = bundleProjects(context, body);
    const missing = missingChunks(context.data, chunks);
    if (missing.length > 0) return ok({ state: 'not_found', missingChunks: missing });
    const archive = joinChunks(context.data, chunks);
    if (sha1Hex(archive) !== checksum) {
      return ok({ state: 'error', missingChunks: [], detail: 'Reported checksum mismatch' });
    }
    const problem = assembleArtifactBundle(context.data, orgOf(context), projects, archive, {
      checksum,
      version: optionalText(body['version']),
      dist: optionalText(body['dist']),
    });
    return ok(
      problem
        ? { state: 'error', missingChunks: [], detail: problem }
        : { state: 'ok', missingChunks: [], detail: null },
    );
  }),
];

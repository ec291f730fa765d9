/**
 * Debug information files of a project: `GET/POST/DELETE /projects/{org}/{project}/files/dsyms/`
 * (the list with `query`, `debug_id`, `code_id`, `file_formats`; `id` downloads one; multipart
 * upload, a zip giving one file per entry; delete by `id`), and the chunked assembly sentry-cli's
 * `debug-files upload` uses (`…/files/difs/assemble/`).
 */
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { formFiles, formOf } from '../../http/form.ts';
import { paginateMapped } from '../../http/pagination.ts';
import { bodyObject } from '../../http/params.ts';
import {
  badRequest,
  created,
  forbidden,
  found,
  HttpError,
  noContent,
  ok,
  type Reply,
} from '../../http/reply.ts';
import { checksumsOf } from '../chunk-upload/index.ts';
import { joinChunks, missingChunks } from '../chunk-upload/store.ts';
import { unzip, ZipError } from '../chunk-upload/unzip.ts';
import { projectOf } from '../projects/request.ts';
import { sha1Hex } from '../release-files/store.ts';
import { addDebugFile, type DebugFileRecord, deleteDebugFile, projectDebugFiles } from './store.ts';

// Scopes as the spec's `security` lists them (the writes: as Sentry's ProjectReleasePermission).
const READ = ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'];
const WRITE = ['project:write', 'project:admin', 'project:releases', 'org:ci'];
const DELETE = ['project:admin', 'project:write', 'project:releases'];

function matches(context: RequestContext, file: DebugFileRecord): boolean {
  const { query } = context;
  const { wire } = file;
  const text = query.get('query')?.trim().toLowerCase();
  if (
    text &&
    wire.id !== text &&
    wire.debugId !== text &&
    wire.codeId !== text &&
    !wire.objectName.toLowerCase().includes(text)
  ) {
    return false;
  }
  const debugId = query.get('debug_id')?.toLowerCase();
  if (debugId && wire.debugId !== debugId) return false;
  const codeId = query.get('code_id')?.toLowerCase();
  if (codeId && wire.codeId !== codeId) return false;
  const formats = query.getAll('file_formats').filter((f) => f !== '');
  return formats.length === 0 || formats.includes(wire.symbolType);
}

function listOrDownload(context: RequestContext): Reply {
  const project = projectOf(context);
  const files = projectDebugFiles(context.data, project.wire.id);
  const id = context.query.get('id');
  if (id !== null) {
    if (!WRITE.some((scope) => context.token.scopes.includes(scope))) throw forbidden();
    const file = found(files.find((f) => f.wire.id === id));
    return {
      status: 200,
      body: file.bytes,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${file.wire.objectName.replaceAll('"', '')}"`,
      },
    };
  }
  return paginateMapped(
    files.filter((file) => matches(context, file)),
    context.page,
    (file) => file.wire,
  );
}

async function upload(context: RequestContext): Promise<Reply> {
  const project = projectOf(context);
  const [file] = await formFiles(formOf(context), 'file');
  if (!file) throw badRequest('Missing uploaded file');
  let parts: [string, Buffer][] = [[file.name, file.bytes]];
  if (file.bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
    try {
      parts = [...unzip(file.bytes)].filter(([, bytes]) => bytes.length > 0);
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      throw badRequest(`Invalid zip archive: ${error.message}`);
    }
  }
  const records = parts.map(([name, bytes]) =>
    addDebugFile(context.data, project.wire.id, name.slice(name.lastIndexOf('/') + 1), bytes),
  );
  return created(records.map((record) => record.wire));
}

function remove(context: RequestContext): Reply {
  const project = projectOf(context);
  const id = context.query.get('id');
  if (!id) throw new HttpError(404, { detail: 'The requested resource does not exist' });
  const file = found(
    projectDebugFiles(context.data, project.wire.id).find((f) => f.wire.id === id),
  );
  deleteDebugFile(context.data, file);
  return noContent();
}

/** `{checksum: {name, debug_id?, chunks}}` in, `{checksum: {state, missingChunks, dif?}}` out. */
function assemble(context: RequestContext): Reply {
  const project = projectOf(context);
  const answer: Record<string, unknown> = {};
  for (const [checksum, value] of Object.entries(bodyObject(context))) {
    const entry =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const { chunks } = checksumsOf({ checksum, chunks: entry['chunks'] });
    const missing = missingChunks(context.data, chunks);
    if (missing.length > 0) {
      answer[checksum] = { state: 'not_found', missingChunks: missing };
      continue;
    }
    const bytes = joinChunks(context.data, chunks);
    if (sha1Hex(bytes) !== checksum) {
      answer[checksum] = {
        state: 'error',
        missingChunks: [],
        detail: 'Reported checksum mismatch',
      };
      continue;
    }
    const existing = projectDebugFiles(context.data, project.wire.id).find(
      (f) => f.wire.sha1 === checksum,
    );
    const name = typeof entry['name'] === 'string' ? entry['name'] : checksum;
    const debugId =
      typeof entry['debug_id'] === 'string' ? entry['debug_id'].toLowerCase() : undefined;
    const record = existing ?? addDebugFile(context.data, project.wire.id, name, bytes, debugId);
    answer[checksum] = { state: 'ok', missingChunks: [], detail: null, dif: record.wire };
  }
  return ok(answer);
}

export const debugFileRoutes = (): RouteDef[] => [
  route('GET /api/0/projects/{org}/{project}/files/dsyms/', READ, listOrDownload),
  route('POST /api/0/projects/{org}/{project}/files/dsyms/', WRITE, upload),
  route('DELETE /api/0/projects/{org}/{project}/files/dsyms/', DELETE, remove),
  route('POST /api/0/projects/{org}/{project}/files/difs/assemble/', WRITE, assemble),
];

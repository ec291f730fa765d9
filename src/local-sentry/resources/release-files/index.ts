/**
 * Release files (source maps and the files they map): the organization and project routes to
 * list, upload (multipart), read or download, rename and delete them; the files changed in a
 * release's commits; a project's release commits; and `source-map-debug` over an event's frames.
 * This folder owns the file contents; the rows live on their release.
 */
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginate, paginateMapped } from '../../http/pagination.ts';
import { bodyObject } from '../../http/params.ts';
import { created, noContent, ok, type Reply } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { releaseCommitBody, releaseCommits } from '../releases/commits.ts';
import { commitFileChanges } from './commit-files.ts';
import { fileReleaseOf, releaseFileOf, updateInput, uploadInput } from './request.ts';
import { sourceMapDebug } from './source-map-debug.ts';
import { addReleaseFile, fileBytes, removeReleaseFile, updateReleaseFile } from './store.ts';

// Scopes as the spec's `security` lists them.
const READ = ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'];
const WRITE = ['project:write', 'project:admin', 'project:releases', 'org:ci'];
const DELETE = ['project:admin', 'project:releases'];

function listFiles(context: RequestContext): Reply {
  const query = context.query.get('query')?.toLowerCase();
  const files = fileReleaseOf(context).files.filter(
    (file) => !query || file.name.toLowerCase().includes(query),
  );
  return paginate(files, context.page);
}

async function uploadFile(context: RequestContext): Promise<Reply> {
  const release = fileReleaseOf(context);
  const input = await uploadInput(context);
  return created(addReleaseFile(context.data, release, input));
}

/**
 * The row, or with `?download=1` its bytes as Sentry's `FileResponse` sends them. Sentry lets
 * only members at the organization's debug-files role download; here a write scope stands for it.
 */
function getFile(context: RequestContext): Reply {
  const release = fileReleaseOf(context);
  const file = releaseFileOf(context, release);
  if (context.query.get('download') !== '1') return ok(file);
  if (!WRITE.some((scope) => context.token.scopes.includes(scope))) {
    return { status: 403, body: { detail: 'You do not have permission to perform this action.' } };
  }
  const base = file.name.slice(file.name.lastIndexOf('/') + 1) || 'file';
  return {
    status: 200,
    body: fileBytes(context.data, file),
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${base.replaceAll('"', '')}"`,
    },
  };
}

function putFile(context: RequestContext): Reply {
  const release = fileReleaseOf(context);
  const file = releaseFileOf(context, release);
  return ok(updateReleaseFile(release, file, updateInput(bodyObject(context))));
}

function deleteFile(context: RequestContext): Reply {
  const release = fileReleaseOf(context);
  removeReleaseFile(context.data, release, releaseFileOf(context, release));
  return noContent();
}

const ORG_FILES = '/api/0/organizations/{org}/releases/{version}/files/';
const PROJECT_FILES = '/api/0/projects/{org}/{project}/releases/{version}/files/';

export const releaseFileRoutes = (): RouteDef[] => [
  ...[ORG_FILES, PROJECT_FILES].flatMap((path) => [
    route(`GET ${path}`, READ, listFiles),
    route(`POST ${path}`, WRITE, uploadFile),
    route(`GET ${path}{file_id}/`, READ, getFile),
    route(`PUT ${path}{file_id}/`, WRITE, putFile),
    route(`DELETE ${path}{file_id}/`, DELETE, deleteFile),
  ]),

  route(
    'GET /api/0/organizations/{org}/releases/{version}/commitfiles/',
    ['project:releases'],
    (context) => {
      const org = orgOf(context);
      const release = fileReleaseOf(context);
      return ok(commitFileChanges(org, release));
    },
  ),

  route('GET /api/0/projects/{org}/{project}/releases/{version}/commits/', READ, (context) => {
    const org = orgOf(context);
    const release = fileReleaseOf(context);
    return paginateMapped(releaseCommits(org, release.wire.version), context.page, (commit) =>
      releaseCommitBody(org, commit),
    );
  }),

  route(
    'GET /api/0/projects/{org}/{project}/events/{event_id}/source-map-debug/',
    ['project:read', 'project:write', 'project:admin'],
    sourceMapDebug,
  ),
];
